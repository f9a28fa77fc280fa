#!/usr/bin/env python3
"""Many calls at once from Python: one client, ``--calls`` create_access_key calls in flight together.

    python python_concurrency.py --mode aio|threads|boto3-threads --endpoint URL [--calls N]
                                 [--concurrency C] [--rounds R]

* ``aio``: ``asyncio.gather`` of N coroutines on one ``polyiam.aio`` client (C calls in flight at
  once: its ``max_pool_connections``), driven by polyiam's I/O runtime, no thread per call;
* ``threads``: the blocking polyiam client in a ``ThreadPoolExecutor(C)``;
* ``boto3-threads``: boto3 in a ``ThreadPoolExecutor(C)`` with ``max_pool_connections=C``.

Prints one JSON object: ``{"mode", "calls", "concurrency", "calls_per_s" (best round), "rounds_s"}``.
"""

import argparse
import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor

CONFIG = dict(region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")


def aio_round(url: str, n: int, c: int) -> float:
    import polyiam.aio

    client = polyiam.aio.client("iam", endpoint_url=url, max_pool_connections=c, **CONFIG)

    async def main() -> float:
        await client.create_access_key(UserName="Bob")  # warm the connection
        t = time.perf_counter()
        await asyncio.gather(*(client.create_access_key(UserName="Bob") for _ in range(n)))
        return time.perf_counter() - t

    return asyncio.run(main())


def threads_round(make_client, n: int, c: int) -> float:
    client = make_client()
    client.create_access_key(UserName="Bob")
    with ThreadPoolExecutor(c) as pool:
        t = time.perf_counter()
        list(pool.map(lambda _: client.create_access_key(UserName="Bob"), range(n)))
        return time.perf_counter() - t


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--mode", choices=["aio", "threads", "boto3-threads"], required=True)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--concurrency", type=int, default=10)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    if a.mode == "aio":
        run = lambda: aio_round(a.endpoint, a.calls, a.concurrency)  # noqa: E731
    elif a.mode == "threads":
        import polyiam

        run = lambda: threads_round(lambda: polyiam.client("iam", endpoint_url=a.endpoint, **CONFIG), a.calls, a.concurrency)  # noqa: E731
    else:
        import boto3
        from botocore.config import Config

        def make():
            return boto3.client("iam", endpoint_url=a.endpoint, config=Config(max_pool_connections=a.concurrency), **CONFIG)

        run = lambda: threads_round(make, a.calls, a.concurrency)  # noqa: E731
    rounds = [run() for _ in range(a.rounds)]
    print(json.dumps({
        "mode": a.mode,
        "calls": a.calls,
        "concurrency": a.concurrency,
        "calls_per_s": a.calls / min(rounds),
        "rounds_s": [round(r, 4) for r in rounds],
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
