"""What ``import polyiam`` costs a program that never uses asyncio: it imports neither asyncio (nor
what asyncio pulls in: ssl, concurrent.futures, socket) nor typing; ``polyiam.aio`` brings asyncio
when a program asks for it, and its clients are the blocking ones' methods as coroutines.

Each check runs in a fresh interpreter (other tests have imported everything already); the times
themselves are the benchmark's (bench/run.sh), not a test's."""

import json
import subprocess
import sys
import textwrap

HEAVY = ("asyncio", "typing", "ssl", "concurrent.futures", "socket", "botocore", "inspect")


def fresh(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_and_client_import_nothing_heavy():
    out = fresh(
        f"""
        import json, sys
        before = set(sys.modules)
        import polyiam
        iam = polyiam.client("iam", region_name="us-east-1")
        iam.exceptions.NoSuchEntityException, iam.can_paginate("list_users"), repr(iam)
        new = set(sys.modules) - before
        print(json.dumps({{"heavy": sorted(m for m in {HEAVY!r} if m in new and m not in before),
                          "baseline": sorted(m for m in {HEAVY!r} if m in before)}}))
        """
    )
    assert out["heavy"] == [], f"import polyiam + a client imported {out['heavy']}"


def test_aio_imports_asyncio_and_derives_coroutines_from_the_blocking_methods():
    out = fresh(
        """
        import inspect, json, pickle, sys
        import polyiam
        assert "asyncio" not in sys.modules
        import polyiam.aio
        from polyiam.iam import IAM, AsyncIAM
        m = AsyncIAM.create_access_key
        print(json.dumps({
            "asyncio": "asyncio" in sys.modules,
            "same_class": AsyncIAM is polyiam.aio.AsyncIAM is polyiam.aio.ASYNC_CLIENTS["iam"],
            "coroutine": inspect.iscoroutinefunction(m),
            "doc": m.__doc__ == IAM.create_access_key.__doc__,
            "qualname": m.__qualname__,
            "module": AsyncIAM.__module__,
            "methods": sorted(IAM._OPERATIONS) == sorted(n for n in IAM._OPERATIONS if inspect.iscoroutinefunction(getattr(AsyncIAM, n))),
            "class_by_reference": pickle.loads(pickle.dumps(AsyncIAM)) is AsyncIAM,
        }))
        """
    )
    assert out == {
        "asyncio": True,
        "same_class": True,
        "coroutine": True,
        "doc": True,
        "qualname": "AsyncIAM.create_access_key",
        "module": "polyiam.iam",
        "methods": True,
        "class_by_reference": True,
    }
