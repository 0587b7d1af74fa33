#!/usr/bin/env python3
"""Runs every benchmark against one podium binary and prints all their lines (`name value`).

    python3 bench/run.py [--small] [--postgres postgres://...] path/to/podium

`--small` runs each at a size that only proves it works (CI): 200 viewers, 2,000 reads, 3 s of wrk.
`--postgres` also runs the ingestion benchmark on that (empty) PostgreSQL database.
The exit status is not about figures: it is non-zero only when a benchmark broke (could not run, or found
reads doubled or lost, or error answers).
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--small", action="store_true", help="CI sizes: proves each benchmark works, figures mean little")
    parser.add_argument("--postgres", help="a postgres:// URL of an empty database for a second ingestion run")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    small = args.small
    runs = [
        ["fanout.py", "--viewers", "200" if small else "5000", "--writes", "3" if small else "10"],
        ["ingest.py", "--reads", "2000" if small else "100000", "--batch", "1000" if small else "10000"],
    ]
    if args.postgres:
        runs.append(runs[1] + ["--database", args.postgres])
    runs.append(["throughput.py", "--duration", "3" if small else "10"])
    broken = []
    for script, *options in runs:
        began = time.monotonic()
        print(f"# {script} {' '.join(options)}", flush=True)
        status = subprocess.run([sys.executable, os.path.join(HERE, script), *options, binary]).returncode
        print(f"# {script} took {time.monotonic() - began:.0f} s", flush=True)
        if status != 0:
            broken.append(f"{script} exited with status {status}")
    for problem in broken:
        print(f"bench: {problem}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
