"""Shared by the benchmarks: starts `podium serve` from a given binary on a fresh database, signs the
administrator in and makes an API token. Python 3 standard library only.

    with PodiumServer(binary, demo=False, database=None, env={}) as server:
        server.api("GET", "/api/v1/me")
"""
import http.cookiejar
import json
import os
import resource
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ADMIN, PASSWORD = "bench@bench.podium", "bench-password-2026"


def raise_open_files(wanted=20000):
    """Lifts the soft limit on open files (to the hard limit at most) for this process and its children."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    """Resident memory of a process in MiB, from /proc/PID/status (VmRSS)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class PodiumServer:
    def __init__(self, binary, demo=False, database=None, env=None, name="bench"):
        self.binary = os.path.abspath(binary)
        if not os.access(self.binary, os.X_OK):
            raise SystemExit(f"no podium binary at {self.binary}; build it with `swift build -c release --product podium`")
        self.demo, self.database, self.extra_env, self.name = demo, database, env or {}, name
        self.dir = tempfile.mkdtemp(prefix=f"podium-{name}-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "server.log")
        self.process = None
        self.token = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        raise_open_files()
        env = dict(os.environ, PODIUM_ADMIN_EMAIL=ADMIN, PODIUM_ADMIN_PASSWORD=PASSWORD,
                   PODIUM_UPLOADS_DIR=os.path.join(self.dir, "uploads"))
        env.pop("DATABASE_URL", None)
        env.update(self.extra_env)
        database = self.database or os.path.join(self.dir, "podium.sqlite")
        arguments = [self.binary, "serve", "--database", database, "--hostname", "127.0.0.1", "--port", str(self.port)]
        if self.demo:
            arguments.insert(2, "--demo")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(arguments, cwd=self.dir, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        preexec_fn=raise_open_files)
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"podium exited early (status {self.process.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            self.stop()
            raise SystemExit(f"podium did not answer /healthz within 300 s; see {self.log_path}")
        self.token = self.make_token()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()
            shutil.rmtree(self.dir, ignore_errors=True)
            self.process = None

    @property
    def pid(self):
        return self.process.pid

    def rss_mb(self):
        return rss_mb(self.process.pid)

    def make_token(self):
        """Signs the administrator in (session cookie, CSRF token echoed in a header) and makes an API token."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        csrf = lambda: next((c.value for c in jar if c.name == "podium_csrf"), "")
        opener.open(self.base + "/login", timeout=30).read()
        form = urllib.parse.urlencode({"email": ADMIN, "password": PASSWORD, "_csrf": csrf()}).encode()
        opener.open(urllib.request.Request(self.base + "/login", data=form), timeout=30).read()
        body = json.dumps({"name": f"{self.name} benchmark", "role": "administrator"}).encode()
        request = urllib.request.Request(self.base + "/api/v1/tokens", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-CSRF-Token": csrf()})
        with opener.open(request, timeout=30) as response:
            return json.loads(response.read())["token"]

    def api(self, method, path, body=None, timeout=120):
        """A JSON API call with the administrator's token; raises with the server's answer on an error status."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{method} {path} answered {error.code}: {error.read().decode()[:500]}")


def make_relay(server, slug="bench-relay", teams=7, legs=5):
    """A relay of `legs` legs and `teams` teams (one unit each), opened and started a minute ago: what the live
    board of a race day shows. Returns the start instant in milliseconds."""
    server.api("POST", "/api/v1/programs", {"kind": "relay", "slug": slug, "name": "Benchmark Relay",
                                            "startDate": time.strftime("%Y-%m-%d"), "timeZone": "UTC"})
    server.api("POST", f"/api/v1/programs/{slug}/status", {"status": "open", "version": 1})
    settings = server.api("GET", f"/api/v1/programs/{slug}/relay")
    server.api("PUT", f"/api/v1/programs/{slug}/relay", {
        "legs": [{"distance": "8.8 km", "exchangePoint": f"Exchange {n + 1}" if n + 1 < legs else "Finish"} for n in range(legs)],
        "version": settings["version"]})
    for index in range(teams):
        unit = server.api("POST", "/api/v1/units", {"name": f"Bench Company {index + 1}", "kind": "company"})
        server.api("POST", f"/api/v1/programs/{slug}/relay/teams", {"unitId": unit["id"], "bib": str(index + 1)})
    start = int(time.time() * 1000) - 60_000
    server.api("POST", f"/api/v1/programs/{slug}/relay/start",
               {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start / 1000))})
    return start - start % 1000
