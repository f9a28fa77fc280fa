#!/usr/bin/env python3
"""Concurrency benchmark: 1,000 create_access_key calls in flight from one Python client, on the
static endpoint (bench/static_server.py), as asyncio (polyiam.aio), as threads (blocking polyiam in a
thread pool) and as boto3 in a thread pool. Each runs in a fresh process; calls/s of the best round.

    bench/.venv/bin/python bench/concurrency.py [--calls N] [--concurrency C[,C...]] [--rounds R]

bench/run.sh runs it after bench/run.py (BENCH_CONCURRENCY=0 skips it); it needs the release wheel
and boto3 that run.sh installs into bench/.venv.
"""

import argparse
import json
import os
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(BENCH, "..", "tests", "harness"))

from _serverproc import ServerProcess, dummy_aws_env  # noqa: E402

MODES = [("aio", "polyiam.aio, asyncio.gather"), ("threads", "polyiam, thread pool"), ("boto3-threads", "boto3, thread pool")]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--concurrency", default="10,50", help="comma-separated calls in flight (pool size)")
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    rows = []
    with ServerProcess.start(os.path.join(BENCH, "static_server.py")) as server:
        for c in [int(x) for x in a.concurrency.split(",")]:
            for mode, label in MODES:
                out = subprocess.run(
                    [sys.executable, os.path.join(BENCH, "drivers", "python_concurrency.py"), "--mode", mode,
                     "--endpoint", server.url, "--calls", str(a.calls), "--concurrency", str(c), "--rounds", str(a.rounds)],
                    capture_output=True, text=True, env=dummy_aws_env(), timeout=600,
                )
                if out.returncode != 0:
                    print(f"{label}: failed\n{out.stderr}", file=sys.stderr)
                    continue
                r = json.loads(out.stdout.strip().splitlines()[-1])
                rows.append((label, c, r["calls_per_s"]))
    print(f"\n{a.calls} concurrent create_access_key calls from one client, static endpoint (best of {a.rounds}):\n")
    print("| client | in flight | calls/s | / polyiam threads |")
    print("| --- | ---: | ---: | ---: |")
    threads = {c: cps for label, c, cps in rows if label == MODES[1][1]}
    for label, c, cps in rows:
        ratio = f"{cps / threads[c]:.2f}×" if threads.get(c) else "—"
        print(f"| {label} | {c} | {cps:,.0f} | {ratio} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
