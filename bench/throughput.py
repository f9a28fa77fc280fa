#!/usr/bin/env python3
"""Throughput on one client: create_access_key calls/s with many in flight, against a static endpoint in
Rust (bench/native's `throughput serve`, the answer of bench/static_server.py on one thread, cheaper than
the Python one so that the clients' cost shows), next to the raw HTTP floor over the same number of
connections (`throughput floor`: no signing, no XML) in the same run.

    bench/.venv/bin/python bench/throughput.py [--calls N] [--rounds R]

bench/run.sh runs it (BENCH_THROUGHPUT=0 skips it) after building the release binaries, the Node addon
and the wheel it uses. Every client and the server share this machine's cores: the numbers are what one
machine does end to end, and the floor row says how much of it the loopback and the server take.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))

from _serverproc import dummy_aws_env  # noqa: E402

THROUGHPUT = os.path.join(ROOT, "target", "release", "throughput")
ADDON_DIR = os.path.join(BENCH, ".build")


def node_addon():
    if not os.path.isdir(ADDON_DIR):
        return None
    found = [f for f in os.listdir(ADDON_DIR) if f.startswith("polyiam.") and f.endswith(".node")]
    return os.path.join(ADDON_DIR, found[0]) if found else None


def run_json(cmd, label):
    out = subprocess.run(cmd, capture_output=True, text=True, env=dummy_aws_env(), timeout=900)
    if out.returncode != 0:
        print(f"{label}: failed\n{out.stderr}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--calls", type=int, default=20000)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    if not os.path.exists(THROUGHPUT):
        print(f"throughput: {THROUGHPUT} missing (bench/run.sh builds it)", file=sys.stderr)
        return 1
    calls, rounds = str(a.calls), str(a.rounds)
    with tempfile.TemporaryDirectory() as tmp:
        answer = os.path.join(tmp, "answer.http")
        subprocess.run([sys.executable, os.path.join(BENCH, "static_server.py"), "--write-response", answer], check=True)
        server = subprocess.Popen([THROUGHPUT, "serve", "--response-file", answer], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            url = server.stdout.readline().strip()
            print(f"== throughput against the Rust static endpoint at {url}", file=sys.stderr)
            rows = []

            def add(label, in_flight, result):
                if result is not None:
                    rows.append((label, in_flight, result["calls_per_s"]))

            floor = {}
            for n in (1, 16, 256):
                r = run_json([THROUGHPUT, "floor", "--endpoint", url, "--connections", str(n), "--calls", calls, "--rounds", rounds], "floor")
                if r:
                    floor[n] = r["calls_per_s"]
                add("raw HTTP floor (Rust, no signing/XML)", n, r)
            for n in (16, 256):
                add("aws-sdk-iam (native Rust)", n,
                    run_json([THROUGHPUT, "native", "--endpoint", url, "--concurrency", str(n), "--calls", calls, "--rounds", rounds], "native"))
            addon = node_addon()
            if addon:
                add("polyiam, Node", 256, run_json(["node", os.path.join(BENCH, "drivers", "node_driver.mjs"), "--client", "polyiam",
                                                    "--endpoint", url, "--addon", addon, "--calls", calls, "--warmup", "200",
                                                    "--in-flight", "256"], "polyiam Node"))
            if os.path.isdir(os.path.join(BENCH, "node", "node_modules", "@aws-sdk")):
                add("AWS SDK for JavaScript v3", 256, run_json(["node", os.path.join(BENCH, "drivers", "node_driver.mjs"), "--client", "aws-sdk",
                                                                "--endpoint", url, "--calls", calls, "--warmup", "200",
                                                                "--in-flight", "256"], "aws-sdk v3"))
            conc = os.path.join(BENCH, "drivers", "python_concurrency.py")
            for mode, label, n in (("aio", "polyiam, Python asyncio", 256), ("threads", "polyiam, Python threads", 16),
                                   ("boto3-threads", "boto3, Python threads", 16)):
                add(label, n, run_json([sys.executable, conc, "--mode", mode, "--endpoint", url, "--calls", calls,
                                        "--concurrency", str(n), "--rounds", rounds], label))
        finally:
            server.stdin.close()
            server.wait(timeout=10)
    print(f"\nThroughput on one client, {a.calls:,} create_access_key calls (best of {a.rounds}), Rust static endpoint:\n")
    print("| client | in flight | calls/s | of the floor |")
    print("| --- | ---: | ---: | ---: |")
    for label, n, cps in rows:
        ref = floor.get(n) or floor.get(max([k for k in floor if k <= n], default=0))
        share = f"{cps / ref:.0%}" if ref else "—"
        print(f"| {label} | {n} | {cps:,.0f} | {share} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
