#!/usr/bin/env python3
"""API fuzzing: schemathesis against Podium's own /api/openapi.json, as an administrator, on a fresh demo
database. Fails on any 5xx, any 4xx that is not application/problem+json (e2e/fuzz_checks.py), and any
status, content type, header or body the document does not describe.

    python3 e2e/fuzz_api.py [path/to/podium] [--examples N] [--seed S] [--report DIR]

Revoking tokens is fuzzed in a second run with a token of its own, so the first run never revokes the
token it is using.
"""
import argparse
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ADMIN, PASSWORD = "fuzz@test.podium", "fuzz-admin-password"
CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_headers_conformance", "response_schema_conformance", "problem_json_for_client_errors",
])


def start(binary, port, database, log_path):
    env = dict(os.environ, PODIUM_ADMIN_EMAIL=ADMIN, PODIUM_ADMIN_PASSWORD=PASSWORD, PODIUM_UPLOADS_DIR=database + "-uploads")
    env.pop("DATABASE_URL", None)
    log = open(log_path, "w")
    process = subprocess.Popen([binary, "serve", "--demo", "--database", database, "--hostname", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(900):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit(f"podium exited early; see {log_path}")
        time.sleep(0.2)
    process.kill()
    sys.exit(f"podium did not answer /healthz; see {log_path}")


def make_token(base, name):
    """Signs in as the first administrator and creates an administrator's API token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/login", timeout=10).read()
    csrf = lambda: next(c.value for c in jar if c.name == "podium_csrf")
    form = urllib.parse.urlencode({"email": ADMIN, "password": PASSWORD, "_csrf": csrf()}).encode()
    opener.open(urllib.request.Request(base + "/login", data=form), timeout=10).read()
    request = urllib.request.Request(base + "/api/v1/tokens", method="POST",
                                     data=json.dumps({"name": name, "role": "administrator"}).encode(),
                                     headers={"Content-Type": "application/json", "X-CSRF-Token": csrf()})
    with opener.open(request, timeout=10) as response:
        return json.loads(response.read())["token"]


def schemathesis(base, token, examples, seed, report, selection):
    env = dict(os.environ, SCHEMATHESIS_HOOKS="fuzz_checks", PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", os.path.join(HERE, "fuzz.toml"), "run", base + "/api/openapi.json",
               "--header", f"Authorization: Bearer {token}", "--checks", CHECKS,
               "--max-examples", str(examples), "--seed", str(seed), "--workers", "2",
               "--generation-database", "none", "--no-color", "--request-timeout", "30", *selection]
    if report:
        command += ["--report", "junit", "--report-dir", report]
    print("$ " + " ".join(c if "Bearer" not in c else "Authorization: Bearer …" for c in command), flush=True)
    return subprocess.run(command, env=env).returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default=".build/debug/podium")
    parser.add_argument("--examples", type=int, default=25, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--report", help="folder for the JUnit reports")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="podium-fuzz-")
    database, log_path = os.path.join(workdir, "fuzz.sqlite"), os.path.join(workdir, "server.log")
    server = start(os.path.abspath(args.binary), args.port, database, log_path)
    base = f"http://127.0.0.1:{args.port}"
    try:
        everything = schemathesis(base, make_token(base, "fuzz"), args.examples, args.seed, args.report,
                                  ["--exclude-operation-id", "revokeToken"])
        revoking = schemathesis(base, make_token(base, "fuzz-revoke"), args.examples, args.seed, args.report,
                                ["--include-operation-id", "revokeToken"])
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    if everything or revoking:
        print(f"API fuzzing found problems (server log: {log_path})", file=sys.stderr)
        sys.exit(1)
    print("API fuzzing: no server errors, every client error a problem document, every answer as documented")


if __name__ == "__main__":
    main()
