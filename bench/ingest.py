#!/usr/bin/env python3
"""Timing ingestion: N timing reads through the batch API (`POST /api/v1/programs/{slug}/relay/reads`, up to
20,000 reads a request), as a chip reader sends its backlog; then the same reads again, which must store
nothing twice. The reads in the log are counted through the API afterwards: exactly N, none doubled, none lost.

    python3 bench/ingest.py [--reads 100000] [--batch 10000] [--database postgres://...] path/to/podium

Without `--database` the server runs on a fresh SQLite file; with a postgres:// URL, on that (empty) database.
Prints `ingest.<db>.reads_per_s`, `ingest.<db>.resend_reads_per_s`, `ingest.<db>.stored`.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from podium_server import PodiumServer, make_relay  # noqa: E402

TEAMS, LEGS, DEVICES = 7, 5, 4


def batch_body(first, count, start):
    """`count` reads from read number `first` on: chips of 7 teams at 5 timing points from 4 readers."""
    reads = []
    for n in range(first, first + count):
        reads.append({"bib": str(n % TEAMS + 1), "point": n % LEGS + 1, "at": start + 60_000 + n * 37,
                      "device": f"reader-{n % DEVICES}", "readId": f"r{n}"})
    return json.dumps({"reads": reads, "source": "chip"}).encode()


def send_all(server, slug, bodies):
    stored = already = 0
    began = time.monotonic()
    for body in bodies:
        result = server.api("POST", f"/api/v1/programs/{slug}/relay/reads", body, timeout=600)
        stored += result["stored"]
        already += result["alreadyStored"]
    return time.monotonic() - began, stored, already


def run(binary, reads, batch, database):
    kind = "postgres" if database and database.startswith("postgres") else "sqlite"
    slug = f"bench-ingest-{int(time.time())}"
    with PodiumServer(binary, database=database, name="ingest") as server:
        start = make_relay(server, slug, teams=TEAMS, legs=LEGS)
        bodies = [batch_body(first, min(batch, reads - first), start) for first in range(0, reads, batch)]
        seconds, stored, already = send_all(server, slug, bodies)
        again_seconds, again_stored, again_already = send_all(server, slug, bodies)
        log = server.api("GET", f"/api/v1/programs/{slug}/relay/reads", timeout=600)
        keys = {(r["device"], r["readId"]) for r in log}
    problems = []
    if stored != reads or already != 0:
        problems.append(f"first pass stored {stored} and found {already} already stored of {reads}")
    if again_stored != 0 or again_already != reads:
        problems.append(f"second pass stored {again_stored} (doubled) and found {again_already} of {reads}")
    if len(log) != reads or len(keys) != reads:
        problems.append(f"the log holds {len(log)} reads ({len(keys)} distinct) instead of {reads}")
    print(f"ingest.{kind}.reads {reads}")
    print(f"ingest.{kind}.batch {batch}")
    print(f"ingest.{kind}.reads_per_s {reads / seconds:.0f}")
    print(f"ingest.{kind}.resend_reads_per_s {reads / again_seconds:.0f}")
    print(f"ingest.{kind}.stored {len(log)}")
    print(f"ingest.{kind}.doubled {max(0, len(log) - len(keys))}")
    print(f"ingest.{kind}.lost {reads - len(keys)}")
    for problem in problems:
        print(f"# ingest: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path to the podium executable (a release build for figures)")
    parser.add_argument("--reads", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000, help="reads per request, at most 20,000")
    parser.add_argument("--database", help="a postgres:// URL of an empty database; SQLite in a temporary file without it")
    args = parser.parse_args()
    return run(args.binary, args.reads, max(1, min(args.batch, 20_000)), args.database)


if __name__ == "__main__":
    sys.exit(main())
