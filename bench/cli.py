#!/usr/bin/env python3
"""Command-line cold start: one `create-access-key` per fresh process against the static endpoint
(bench/static_server.py), wall time from spawn to exit, median of N, for `polyiam` (the release
binary, and the Python wheel's console script) and the AWS CLI (`aws`, pinned in
bench/requirements-cli.txt).

    bench/.venv/bin/python bench/cli.py [--runs N]

bench/run.sh runs it last (BENCH_CLI=0 skips it); it needs target/release/polyiam and the wheel and
awscli that run.sh installs into bench/.venv.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))

from _serverproc import ServerProcess, dummy_aws_env  # noqa: E402


def commands(url: str):
    bindir = os.path.dirname(sys.executable)
    args = ["iam", "create-access-key", "--user-name", "bench", "--endpoint-url", url, "--output", "json"]
    return [
        ("polyiam (release binary)", [os.path.join(ROOT, "target", "release", "polyiam"), *args]),
        ("polyiam (wheel console script)", [os.path.join(bindir, "polyiam"), *args]),
        ("aws (AWS CLI v1, awscli 1.45.11)", [shutil.which("aws", path=bindir) or os.path.join(bindir, "aws"), *args]),
    ]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=15)
    a = p.parse_args()
    env = {**dummy_aws_env(), "AWS_DEFAULT_OUTPUT": "json"}
    print("\n| command | median ms per invocation | min ms | runs |\n| --- | ---: | ---: | ---: |")
    with ServerProcess.start(os.path.join(BENCH, "static_server.py")) as server:
        for label, cmd in commands(server.url):
            if not os.path.exists(cmd[0]):
                print(f"| {label} | not run: {cmd[0]} missing | | |")
                continue
            times = []
            for _ in range(a.runs):
                start = time.perf_counter()
                done = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
                times.append((time.perf_counter() - start) * 1000)
                if done.returncode != 0:
                    print(f"| {label} | failed: {done.stderr.decode(errors='replace').strip()[:120]} | | |")
                    break
            else:
                print(f"| {label} | {statistics.median(times):.1f} | {min(times):.1f} | {a.runs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
