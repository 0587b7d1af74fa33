#!/usr/bin/env python3
"""Crash safety: `podium serve` is SIGKILLed in the middle of a stream of timing reads and results, three
times; after each restart every acknowledged write is there exactly once, and sending everything again
doubles nothing. A `podium backup` taken while the writes run is restored into a fresh database, backed up
again, and the two backups hold the same rows. Standard library only.

    python3 e2e/crash_safety.py [path/to/podium]                       # on a fresh SQLite file
    DATABASE_URL=postgres://.../a RESTORE_DATABASE_URL=postgres://.../b python3 e2e/crash_safety.py [podium]
"""
import http.cookiejar
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/podium")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix="podium-crash-")
DATABASE = os.environ.get("DATABASE_URL") or os.path.join(WORK, "live.sqlite")
RESTORE_DATABASE = os.environ.get("RESTORE_DATABASE_URL") or os.path.join(WORK, "restored.sqlite")
POSTGRES = DATABASE.startswith(("postgres://", "postgresql://"))
ADMIN, PASSWORD = "crash@test.podium", "crash-safety-password"
CYCLES, BATCH, RESULTS_PER_CYCLE = 3, 25, 20
failures = []


def check(ok, line):
    print(("ok    " if ok else "FAIL  ") + line, flush=True)
    if not ok:
        failures.append(line)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"


def env():
    return dict(os.environ, PODIUM_ADMIN_EMAIL=ADMIN, PODIUM_ADMIN_PASSWORD=PASSWORD, LOG_LEVEL="warning",
                PODIUM_UPLOADS_DIR=os.path.join(WORK, "uploads"))


def start():
    log = open(os.path.join(WORK, "serve.log"), "a")
    process = subprocess.Popen([BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(PORT), "--database", DATABASE],
                               cwd=ROOT, env=env(), stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            with urllib.request.urlopen(BASE + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit(f"podium serve exited early; see {WORK}/serve.log")
        time.sleep(0.1)
    sys.exit("podium serve did not answer /healthz")


def podium(*arguments, database=DATABASE):
    result = subprocess.run([BINARY, *arguments, "--database", database], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120)
    return result.returncode, (result.stdout + result.stderr).strip()


class API:
    def __init__(self, token=None):
        self.token = token

    def send(self, method, path, body=None, timeout=10):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        request = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode() or "null")


def sign_in_and_make_token():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    csrf = lambda: next((c.value for c in jar if c.name == "podium_csrf"), "")
    opener.open(BASE + "/login", timeout=10).read()
    form = urllib.parse.urlencode({"email": ADMIN, "password": PASSWORD, "_csrf": csrf()}).encode()
    opener.open(urllib.request.Request(BASE + "/login", data=form), timeout=10).read()
    request = urllib.request.Request(BASE + "/api/v1/tokens", data=json.dumps({"name": "crash safety", "role": "administrator"}).encode(),
                                     method="POST", headers={"Content-Type": "application/json", "X-CSRF-Token": csrf()})
    with opener.open(request, timeout=10) as response:
        return json.loads(response.read().decode())["token"]


def set_up(api):
    """A started relay with two teams, and a games programme with one event and its entries."""
    unit = api.send("POST", "/api/v1/units", {"name": "Crash Test Company", "kind": "company"})
    people = [api.send("POST", "/api/v1/people", {"kind": "employee", "employeeNumber": f"CR{i:03}", "name": f"Runner {i}", "gender": "male",
                                                  "birthDate": "1990-05-17", "unitId": unit["id"]}) for i in range(CYCLES * RESULTS_PER_CYCLE)]
    program = api.send("POST", "/api/v1/programs", {"kind": "relay", "slug": "crash-relay", "name": "Crash Relay", "startDate": "2026-11-24"})
    api.send("POST", "/api/v1/programs/crash-relay/status", {"status": "open", "version": program["version"]})
    api.send("PUT", "/api/v1/programs/crash-relay/relay", {"legs": [{"distance": "5", "exchangePoint": "Finish"}], "teamSize": 1, "minimumWomen": 0, "version": 0})
    for bib, person in (("1", people[0]), ("2", people[1])):
        team = api.send("POST", "/api/v1/programs/crash-relay/relay/teams", {"unitId": unit["id"], "bib": bib, "name": f"Team {bib}"})
        api.send("PUT", f"/api/v1/programs/crash-relay/relay/teams/{team['id']}/line-up", {"runners": [{"leg": 1, "personId": person["id"]}], "version": team["version"]})
    api.send("POST", "/api/v1/programs/crash-relay/relay/start", {"at": "2026-11-24T00:00:00Z"})

    program = api.send("POST", "/api/v1/programs", {"kind": "games", "slug": "crash-games", "name": "Crash Games", "startDate": "2026-11-24"})
    api.send("POST", "/api/v1/programs/crash-games/status", {"status": "open", "version": program["version"]})
    team = api.send("POST", "/api/v1/programs/crash-games/teams", {"unitId": unit["id"]})
    event = api.send("POST", "/api/v1/programs/crash-games/events", {"templateId": "100m-men", "teamQuota": len(people)})
    entries = [api.send("POST", "/api/v1/programs/crash-games/entries", {"eventId": event["id"], "teamId": team["id"], "personIds": [p["id"]]})["id"] for p in people]
    return event["id"], entries


class Stream:
    """Writes from two threads until the server stops answering; remembers what was acknowledged."""

    def __init__(self, api, cycle, event, entries):
        self.api, self.cycle, self.event, self.entries = api, cycle, event, entries
        self.batches, self.acked_reads, self.acked_results, self.tried_results = [], set(), set(), []
        self.stop = threading.Event()

    def reads(self):
        number = 0
        while not self.stop.is_set():
            batch = [{"bib": random.choice("12"), "point": 1, "at": 1795996800000 + random.randint(600000, 3600000),
                      "device": "crash-reader", "readId": f"c{self.cycle}-b{number}-r{i}"} for i in range(BATCH)]
            self.batches.append(batch)
            number += 1
            try:
                self.api.send("POST", "/api/v1/programs/crash-relay/relay/reads", {"reads": batch}, timeout=5)
                self.acked_reads.update(r["readId"] for r in batch)
            except (OSError, urllib.error.HTTPError):
                if self.stop.wait(0.05):
                    return

    def results(self):
        for entry in self.entries:
            if self.stop.is_set():
                return
            self.tried_results.append(entry)
            try:
                self.api.send("POST", f"/api/v1/programs/crash-games/events/{self.event}/results", {"entryId": entry, "mark": f"{11 + entry % 5}.{entry % 100:02}"}, timeout=5)
                self.acked_results.add(entry)
            except (OSError, urllib.error.HTTPError):
                if self.stop.wait(0.05):
                    return
            time.sleep(0.02)


def stored(api, event):
    reads = api.send("GET", "/api/v1/programs/crash-relay/relay/reads", timeout=30)
    read_ids = [r["readId"] for r in reads if r["device"] == "crash-reader"]
    results = api.send("GET", f"/api/v1/programs/crash-games/events/{event}/results", timeout=30)
    result_ids = [r["entryId"] for r in results if r.get("status") or r.get("mark")]
    return read_ids, result_ids


def doubled(ids):
    seen, twice = set(), set()
    for i in ids:
        (twice if i in seen else seen).add(i)
    return twice


def rows_of_sqlite(path):
    connection = sqlite3.connect(path)
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    rows = {table: sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"'))) for table in tables}
    connection.close()
    return rows


def rows_of_pg_archive(path):
    pg_restore = next((p for p in [*(os.path.join(d, "pg_restore") for d in os.environ.get("PATH", "").split(":"))] +
                       sorted((f"/usr/lib/postgresql/{v}/bin/pg_restore" for v in os.listdir("/usr/lib/postgresql")) if os.path.isdir("/usr/lib/postgresql") else [], reverse=True)
                       if os.access(p, os.X_OK)), "pg_restore")
    text = subprocess.run([pg_restore, "--data-only", "--file=-", path], capture_output=True, text=True, check=True).stdout
    rows, table = {}, None
    for line in text.split("\n"):
        if line.startswith("COPY "):
            table = line.split(" ")[1]
            rows[table] = []
        elif line == "\\.":
            table = None
        elif table is not None:
            rows[table].append(line)
        elif line.startswith("SELECT pg_catalog.setval("):
            rows.setdefault("(sequences)", []).append(line)
    return {table: sorted(lines) for table, lines in rows.items()}


def backup_round_trip(stream_is_running):
    extension = "pgdump" if POSTGRES else "sqlite"
    first, second = os.path.join(WORK, f"first.{extension}"), os.path.join(WORK, f"second.{extension}")
    started = time.monotonic()
    status, output = podium("backup", first)
    check(status == 0 and stream_is_running(), f"backup while the writes run: {output} ({time.monotonic() - started:.1f} s)")
    status, output = podium("restore", first, database=RESTORE_DATABASE)
    check(status == 0, f"restore into a fresh database: {output}")
    status, output = podium("backup", second, database=RESTORE_DATABASE)
    check(status == 0, f"backup of the restored database: {output}")
    if status != 0:
        return
    read = rows_of_pg_archive if POSTGRES else rows_of_sqlite
    a, b = read(first), read(second)
    differing = [t for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)]
    check(not differing and a, f"the two backups hold the same rows: {len(a)} tables, {sum(map(len, a.values()))} rows"
          + (f"; differing: {', '.join(differing)}" if differing else ""))
    status, output = podium("backup", first)
    check(status == 1 and "already exists" in output, f"a backup does not overwrite an existing file: {output}")


def main():
    if POSTGRES and not RESTORE_DATABASE.startswith(("postgres://", "postgresql://")):
        sys.exit("With DATABASE_URL=postgres://..., set RESTORE_DATABASE_URL to another, empty PostgreSQL database for the restore check.")
    began = time.monotonic()
    print(f"crash safety on {'PostgreSQL' if POSTGRES else 'SQLite ' + DATABASE}, work in {WORK}", flush=True)
    server = start()
    try:
        api = API(sign_in_and_make_token())
        event, entries = set_up(api)
        all_batches, all_tried = [], []
        for cycle in range(1, CYCLES + 1):
            stream = Stream(api, cycle, event, entries[(cycle - 1) * RESULTS_PER_CYCLE:cycle * RESULTS_PER_CYCLE])
            threads = [threading.Thread(target=stream.reads), threading.Thread(target=stream.results)]
            for thread in threads:
                thread.start()
            if cycle == 1:
                time.sleep(0.3)
                backup_round_trip(lambda: threads[0].is_alive())
            time.sleep(random.uniform(0.2, 0.5))
            server.kill()  # SIGKILL: no shutdown, no flushing
            server.wait()
            stream.stop.set()
            for thread in threads:
                thread.join()
            all_batches += stream.batches
            all_tried += stream.tried_results
            server = start()
            reads, results = stored(api, event)
            missing_reads = stream.acked_reads - set(reads)
            missing_results = stream.acked_results - set(results)
            check(not missing_reads and not doubled(reads),
                  f"kill {cycle}: {len(stream.acked_reads)} acknowledged reads all present ({len(reads)} stored, {len(missing_reads)} missing, {len(doubled(reads))} doubled)")
            check(not missing_results and not doubled(results),
                  f"kill {cycle}: {len(stream.acked_results)} acknowledged results all present ({len(results)} stored, {len(missing_results)} missing, {len(doubled(results))} doubled)")
            for batch in all_batches:
                api.send("POST", "/api/v1/programs/crash-relay/relay/reads", {"reads": batch})
            for entry in all_tried:
                try:
                    api.send("POST", f"/api/v1/programs/crash-games/events/{event}/results", {"entryId": entry, "mark": f"{11 + entry % 5}.{entry % 100:02}"})
                except urllib.error.HTTPError as error:
                    if error.code not in (409, 422):  # an existing result is corrected only with its version
                        check(False, f"kill {cycle}: re-sending the result of entry {entry} answered {error.code}")
            reads, results = stored(api, event)
            sent = {r["readId"] for batch in all_batches for r in batch}
            check(set(reads) == sent and not doubled(reads), f"kill {cycle}: after re-sending {len(all_batches)} batches, {len(reads)} reads stored once each (sent {len(sent)})")
            check(set(results) == set(all_tried) and not doubled(results), f"kill {cycle}: after re-sending, {len(results)} results stored once each (tried {len(all_tried)})")
        # The first backup, restored into the live database while the server runs: it answers with the backup's rows.
        backup = os.path.join(WORK, "first." + ("pgdump" if POSTGRES else "sqlite"))
        expected = len((rows_of_pg_archive(backup).get("public.timing_reads") if POSTGRES else rows_of_sqlite(backup).get("timing_reads")) or [])
        status, output = podium("restore", backup)
        reads, _ = stored(api, event)
        check(status == 0 and len(reads) == expected and not doubled(reads),
              f"restore into the live database while serve runs: {output}; the server now answers {len(reads)} reads (the backup has {expected})")
    finally:
        server.kill()
        server.wait()
    print(f"crash safety: {'FAILED' if failures else 'passed'} in {time.monotonic() - began:.0f} s" + (f"; see {WORK}" if failures else ""), flush=True)
    if not failures:
        shutil.rmtree(WORK, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
