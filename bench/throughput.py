#!/usr/bin/env python3
"""Page throughput: `wrk` against the public standings page of the demo's games program and against
`/healthz` of the same server, in the same run; the ratio says how much of the server's capacity a real
page keeps. Measured twice: with the anonymous shared page cache as shipped (PODIUM_PAGE_CACHE_SECONDS
default), and uncached (PODIUM_PAGE_CACHE_SECONDS=0, every request renders the page from the database).

    python3 bench/throughput.py [--duration 10] [--connections 64] [--threads 2] path/to/podium

Needs `wrk` (Debian: apt-get install wrk). Prints `throughput.<cached|uncached>.standings_rps`, `.healthz_rps`, `.ratio`.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from podium_server import PodiumServer  # noqa: E402

PROGRAMS = ("workers-games-2026", "workers-games-2023")


def wrk(url, duration, connections, threads):
    """Requests per second, error answers (not 2xx/3xx), the p99 latency in ms, and socket errors (timeouts)."""
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float("nan")
    if p99:
        p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    # Error answers mean the benchmark measured the wrong thing; timeouts only mean a slow server (a figure).
    return rps, int(bad.group(1)) if bad else 0, p99_ms, sum(int(n) for n in errors.groups()) if errors else 0


def measure(binary, label, cache_seconds, duration, connections, threads):
    env = {} if cache_seconds is None else {"PODIUM_PAGE_CACHE_SECONDS": str(cache_seconds)}
    with PodiumServer(binary, demo=True, env=env, name=f"throughput-{label}") as server:
        page = None
        for slug in PROGRAMS:
            try:
                with urllib.request.urlopen(f"{server.base}/p/{slug}/standings", timeout=60) as response:
                    if response.status == 200 and b"<table" in response.read():
                        page = f"/p/{slug}/standings"
                        break
            except OSError:
                continue
        if page is None:
            raise SystemExit(f"none of the demo's games programs ({', '.join(PROGRAMS)}) has a standings page")
        wrk(server.base + page, 1, connections, threads)  # warm up: first renders, connections, caches
        page_rps, page_bad, page_p99, page_errors = wrk(server.base + page, duration, connections, threads)
        health_rps, health_bad, health_p99, health_errors = wrk(server.base + "/healthz", duration, connections, threads)
    print(f"throughput.{label}.page {page}")
    print(f"throughput.{label}.standings_rps {page_rps:.0f}")
    print(f"throughput.{label}.standings_p99_ms {page_p99:.1f}")
    print(f"throughput.{label}.healthz_rps {health_rps:.0f}")
    print(f"throughput.{label}.healthz_p99_ms {health_p99:.1f}")
    print(f"throughput.{label}.ratio {page_rps / health_rps:.2f}")
    if page_errors or health_errors:
        print(f"throughput.{label}.socket_errors {page_errors + health_errors}")
    if page_bad or health_bad:
        print(f"# throughput: {page_bad} page and {health_bad} healthz answers were errors", file=sys.stderr)
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path to the podium executable (a release build for figures)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    status = measure(args.binary, "cached", None, args.duration, args.connections, args.threads)
    status |= measure(args.binary, "uncached", 0, args.duration, args.connections, args.threads)
    return status


if __name__ == "__main__":
    sys.exit(main())
