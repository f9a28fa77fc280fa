#!/usr/bin/env python3
"""Benchmark driver for a Python IAM client (polyiam or boto3): the protocol every driver follows.

    python python_driver.py --client polyiam|boto3 --endpoint URL [--calls N] [--warmup W]
                            [--moto] [--user NAME] [--cold]

Imports the client library, builds a client, makes the first call, then (unless ``--cold``) ``W``
untimed and ``N`` timed ``create_access_key`` calls, and prints one JSON object on stdout:
``{"client", "calls", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "min_ms", "t_import_s", "t_client_s",
"t_first_s", "peak_rss_mb"}`` (the ``*_ms`` are null with ``--cold``). ``--moto``: create the user first and delete
each key right after its (timed) creation, since moto allows two keys per user. Drivers for other
languages (bench/node/, bench/r/) print the same object.
"""

import argparse
import json
import sys
import time


def peak_rss_mb():
    """This process's peak RSS in MB: VmHWM on Linux (ru_maxrss would also count the pre-exec
    image, i.e. the launching process's RSS when it was spawned with vfork)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    except ImportError:
        return None


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--client", choices=["polyiam", "boto3"], required=True)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--calls", type=int, default=2000)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--moto", action="store_true")
    p.add_argument("--user", default="bench-python")
    p.add_argument("--cold", action="store_true")
    a = p.parse_args()
    config = dict(
        endpoint_url=a.endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )

    t0 = time.perf_counter()
    if a.client == "polyiam":
        import polyiam as lib
    else:
        import boto3 as lib
    t1 = time.perf_counter()
    client = lib.client("iam", **config)
    t2 = time.perf_counter()
    if a.moto and not a.cold:
        try:
            client.create_user(UserName=a.user)
        except client.exceptions.EntityAlreadyExistsException:
            pass

    user = a.user
    moto = a.moto
    create = client.create_access_key
    delete = client.delete_access_key
    clock = time.perf_counter_ns

    def run(n):
        times = []
        append = times.append
        for _ in range(n):
            t = clock()
            out = create(UserName=user)
            append(clock() - t)
            if moto:
                delete(UserName=user, AccessKeyId=out["AccessKey"]["AccessKeyId"])
        return times

    t3 = time.perf_counter()
    run(1)
    t_first = time.perf_counter() - t3
    calls = 0 if a.cold else a.calls
    if not a.cold:
        run(a.warmup)
    ms = sorted(t / 1e6 for t in run(calls))

    def pick(q):
        return ms[round((len(ms) - 1) * q)] if ms else None

    result = {
        "client": a.client,
        "calls": calls,
        "mean_ms": sum(ms) / len(ms) if ms else None,
        "p50_ms": pick(0.5),
        "p90_ms": pick(0.9),
        "p99_ms": pick(0.99),
        "min_ms": ms[0] if ms else None,
        "t_import_s": t1 - t0,
        "t_client_s": t2 - t1,
        "t_first_s": t_first,
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
