#!/usr/bin/env python3
"""Live fan-out: N viewers follow one relay's live board (`/p/{slug}/live/events`, the stream the public
`/p/{slug}/live` page opens) on one node. When every viewer has its first frame, timing reads are written
through the API, one at a time; for each viewer, the time from just before the write request to the arrival
of the board frame carrying the write's revision is measured. Also the server's resident memory, idle and
with every viewer connected (the "memory" benchmark).

    python3 bench/fanout.py [--viewers 5000] [--writes 10] [--clients 4] path/to/podium

Prints `fanout.p50_ms`, `fanout.p99_ms`, viewers reached per write, `memory.idle_mb`, `memory.viewers_N_mb`.
Viewers are spread over `--clients` client processes, each an asyncio loop of raw sockets.
"""
import argparse
import asyncio
import multiprocessing
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from podium_server import PodiumServer, make_relay, raise_open_files  # noqa: E402

SLUG = "bench-relay"
REVISION = re.compile(rb'"revision":(\d+)[,}]')


class Viewer(asyncio.Protocol):
    """One EventSource: the request, then every board frame's revision and when it arrived."""

    def __init__(self, request, state):
        self.request, self.state = request, state
        self.buffer = b""
        self.seen = {}  # revision -> monotonic arrival
        self.closed = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data):
        now = time.monotonic()
        self.buffer += data
        end = 0
        for match in REVISION.finditer(self.buffer):
            revision = int(match.group(1))
            if revision not in self.seen:
                self.seen[revision] = now
                if len(self.seen) == 1:
                    self.state["first"] += 1
            end = match.end()
        self.buffer = self.buffer[end:] if end else self.buffer[-64:]

    def connection_lost(self, exc):
        self.closed = True
        self.state["closed"] += 1


def client(conn, port, count, path):
    """A client process: opens `count` viewers, then answers the coordinator's questions over `conn`."""
    raise_open_files()
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
               f"Accept-Language: en\r\nCache-Control: no-cache\r\n\r\n").encode()
    state = {"first": 0, "closed": 0, "failed": 0}
    viewers = []

    async def open_one(gate):
        async with gate:
            for attempt in range(20):
                try:
                    _, viewer = await asyncio.wait_for(
                        loop.create_connection(lambda: Viewer(request, state), "127.0.0.1", port), 10)
                    viewers.append(viewer)
                    return
                except (OSError, asyncio.TimeoutError):
                    await asyncio.sleep(0.1 * (attempt + 1))
            state["failed"] += 1

    def answer():
        command, argument = conn.recv()
        if command == "status":
            conn.send((len(viewers), state["first"], state["closed"], state["failed"]))
        elif command == "reached":
            conn.send(sum(1 for v in viewers if any(r >= argument for r in v.seen)))
        elif command == "times":
            # For each revision asked: the arrival of the first frame at or past it, per viewer (None if never).
            conn.send([[min((t for r, t in v.seen.items() if r >= wanted), default=None) for wanted in argument] for v in viewers])
        elif command == "stop":
            for v in viewers:
                if not v.closed:
                    v.transport.close()
            conn.send(None)
            stop.set_result(None)

    async def main():
        gate = asyncio.Semaphore(64)
        loop.add_reader(conn.fileno(), answer)
        await asyncio.gather(*(open_one(gate) for _ in range(count)))
        await stop

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stop = loop.create_future()
    loop.run_until_complete(main())


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def cpu_seconds(pid):
    """User and system CPU time a process has used, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ask(pipes, command, argument=None):
    for pipe in pipes:
        pipe.send((command, argument))
    return [pipe.recv() for pipe in pipes]


def run(binary, viewers, writes, clients, settle):
    raise_open_files()
    with PodiumServer(binary, name="fanout") as server:
        start = make_relay(server, SLUG)
        time.sleep(settle)
        idle = server.rss_mb()
        path = f"/p/{SLUG}/live/events"
        pipes, processes = [], []
        opened = time.monotonic()
        for index in range(clients):
            share = viewers // clients + (1 if index < viewers % clients else 0)
            parent, child = multiprocessing.Pipe()
            process = multiprocessing.Process(target=client, args=(child, server.port, share, path), daemon=True)
            process.start()
            pipes.append(parent)
            processes.append(process)
        deadline = time.monotonic() + 120 + viewers / 50
        while True:
            status = ask(pipes, "status")
            connected, first, closed, failed = (sum(s[i] for s in status) for i in range(4))
            if first + failed >= viewers or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        ready_s = time.monotonic() - opened
        time.sleep(settle)
        loaded = server.rss_mb()
        if first < viewers:
            print(f"# only {first} of {viewers} viewers got their first frame ({failed} could not connect)", file=sys.stderr)

        revisions, starts, reached, answered = [], [], [], []
        cpu_before = cpu_seconds(server.pid)
        for n in range(writes):
            bib, point = n % 7 + 1, n // 7 % 4 + 1
            read = {"bib": str(bib), "point": point, "at": start + point * 1_800_000 + n * 1000,
                    "device": "bench-fanout", "readId": f"w{n}"}
            before = time.monotonic()
            result = server.api("POST", f"/api/v1/programs/{SLUG}/relay/reads", {"reads": [read]})
            answered.append((time.monotonic() - before) * 1000)
            revision = result["revision"]
            wait_until = time.monotonic() + 10
            while True:
                count = sum(ask(pipes, "reached", revision))
                if count >= first or time.monotonic() > wait_until:
                    break
                time.sleep(0.02)
            revisions.append(revision)
            starts.append(before)
            reached.append(count)
            time.sleep(0.5)
        server_cpu = (cpu_seconds(server.pid) - cpu_before) / max(1, writes) * 1000

        latencies, firsts = [], [float("inf")] * writes
        for per_viewer in (row for answer in ask(pipes, "times", revisions) for row in answer):
            for index, (began, arrived) in enumerate(zip(starts, per_viewer)):
                if arrived is not None:
                    latencies.append((arrived - began) * 1000)
                    firsts[index] = min(firsts[index], (arrived - began) * 1000)
        ask_stop(pipes, processes)

    print(f"fanout.viewers {first}")
    print(f"fanout.connect_s {ready_s:.1f}")
    print(f"fanout.writes {writes}")
    print(f"fanout.p50_ms {percentile(latencies, 50):.1f}")
    print(f"fanout.p99_ms {percentile(latencies, 99):.1f}")
    print(f"fanout.max_ms {max(latencies, default=float('nan')):.1f}")
    # Where the time goes: the write's own answer, and the first viewer reached (the rest is spreading the frame).
    print(f"fanout.write_answer_p50_ms {percentile(answered, 50):.1f}")
    print(f"fanout.first_viewer_p50_ms {percentile(firsts, 50):.1f}")
    print(f"fanout.server_cpu_ms_per_write {server_cpu:.0f}")
    print(f"fanout.received_min {min(reached, default=0)}")
    print(f"fanout.received_per_write {','.join(str(c) for c in reached)}")
    print(f"memory.idle_mb {idle:.1f}")
    print(f"memory.viewers_{viewers}_mb {loaded:.1f}")
    return 0 if latencies else 1


def ask_stop(pipes, processes):
    ask(pipes, "stop")
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.terminate()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path to the podium executable (a release build for figures)")
    parser.add_argument("--viewers", type=int, default=5000)
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4, help="client processes the viewers are spread over")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to wait before reading memory")
    args = parser.parse_args()
    return run(args.binary, args.viewers, args.writes, max(1, args.clients), args.settle)


if __name__ == "__main__":
    sys.exit(main())
