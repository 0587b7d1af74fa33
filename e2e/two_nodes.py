#!/usr/bin/env python3
"""Two `podium serve` processes on one PostgreSQL, as behind a load balancer: a change written through
one process must reach a live reader of the other (LISTEN/NOTIFY). Standard library only.

    DATABASE_URL=postgres://... python3 e2e/two_nodes.py [path/to/podium]
"""
import http.client
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/podium"
DATABASE_URL = os.environ["DATABASE_URL"]
ADMIN, PASSWORD = "nodes@test.podium", "two-nodes-password"
PORTS = (18181, 18182)


def start(port):
    env = dict(os.environ, DATABASE_URL=DATABASE_URL, PODIUM_ADMIN_EMAIL=ADMIN, PODIUM_ADMIN_PASSWORD=PASSWORD)
    log = open(f"/tmp/podium-node-{port}.log", "w")
    process = subprocess.Popen([BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit(f"node on port {port} exited early; see /tmp/podium-node-{port}.log")
        time.sleep(0.2)
    sys.exit(f"node on port {port} did not answer /healthz")


class Session:
    """A browser-like client: cookies, and the CSRF token echoed in a header for JSON calls."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def token(self):
        return next((c.value for c in self.jar if c.name == "podium_csrf"), "")

    def get(self, path):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def sign_in(self):
        self.get("/login")
        form = urllib.parse.urlencode({"email": ADMIN, "password": PASSWORD, "_csrf": self.token()}).encode()
        self.opener.open(urllib.request.Request(self.base + "/login", data=form), timeout=10).read()

    def send(self, method, path, body):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method=method,
                                         headers={"Content-Type": "application/json", "X-CSRF-Token": self.token()})
        with self.opener.open(request, timeout=10) as response:
            return json.loads(response.read().decode() or "null")


def follow(port, path, frames, ready):
    """Reads the event stream of `path` on `port`, putting (id, event, data) of each message in `frames`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept": "text/event-stream"})
    response = connection.getresponse()
    ready.set()
    message = {}
    while True:
        line = response.readline()
        if not line:
            return
        line = line.decode().rstrip("\n")
        if not line:
            if "event" in message:
                frames.append(message)
            message = {}
        elif line.startswith("id: "):
            message["id"] = line[4:]
        elif line.startswith("event: "):
            message["event"] = line[7:]
        elif line.startswith("data: "):
            message["data"] = message.get("data", "") + line[6:] + "\n"


def main():
    first = start(PORTS[0])
    second = start(PORTS[1])
    try:
        writer = Session(PORTS[0])
        writer.sign_in()
        program = writer.send("POST", "/api/v1/programs", {"kind": "games", "slug": "two-nodes", "name": "Two Nodes Games", "startDate": "2026-11-24"})
        program = writer.send("POST", "/api/v1/programs/two-nodes/status", {"status": "open", "version": program["version"]})

        page = Session(PORTS[1]).get("/p/two-nodes")
        since = re.search(r'data-live-id="([0-9a-f]{16})"', page).group(1)
        frames, ready = [], threading.Event()
        view = urllib.parse.quote("/p/two-nodes", safe="")
        threading.Thread(target=follow, args=(PORTS[1], f"/p/two-nodes/live/events?view={view}&since={since}", frames, ready), daemon=True).start()
        ready.wait(10)
        time.sleep(0.5)

        started = time.monotonic()
        writer.send("PUT", "/api/v1/programs/two-nodes", {"kind": "games", "slug": "two-nodes", "name": "Two Nodes Games",
                                                          "theme": "Written on node one", "startDate": "2026-11-24", "version": program["version"]})
        while time.monotonic() - started < 5:  # the heartbeat refresh (15 s) must not be what delivers it
            arrived = [f for f in frames if f.get("event") == "page" and "Written on node one" in f.get("data", "")]
            if arrived:
                print(f"two nodes: a change written on :{PORTS[0]} reached a reader of :{PORTS[1]} in {(time.monotonic() - started) * 1000:.0f} ms (id {arrived[0]['id']})")
                return 0
            time.sleep(0.05)
        print(f"two nodes: FAILED, the reader of :{PORTS[1]} got {len(frames)} frame(s) but not the change", file=sys.stderr)
        return 1
    finally:
        for process in (first, second):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
