"""polyiam.aio: the asyncio client (coroutines on the core's runtime, no thread per call)."""

import asyncio
import datetime
import sys
import threading
import time

import pytest

import polyiam
import polyiam.aio
from conftest import HARNESS_DIR, PAGINATION, assert_operation_output, client_kwargs, load_scenario, unique_name

if str(HARNESS_DIR) not in sys.path:
    sys.path.insert(0, str(HARNESS_DIR))

import fault_server  # noqa: E402

ASYNC = load_scenario("runtime")["async"]


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, timeout=120))


def aio_client(url, **overrides):
    return polyiam.aio.client("iam", **client_kwargs(url, **overrides))


def test_methods_are_coroutines_with_the_sync_results(moto_url):
    async def main():
        async with aio_client(moto_url) as iam:
            user = unique_name("aio")
            created = iam.create_user(UserName=user)
            assert asyncio.iscoroutine(created)
            await created
            result = await iam.create_access_key(UserName=user)
            assert_operation_output("CreateAccessKey", result, {"$user": user})
            assert result["AccessKey"]["CreateDate"].tzinfo == datetime.timezone.utc
            return user

    run(main())


def test_gather_of_many_calls_on_one_client_uses_no_thread_per_call(moto_url):
    n = ASYNC["concurrent_calls"]

    async def main():
        iam = aio_client(moto_url)
        user = unique_name("gather")
        await iam.create_user(UserName=user)
        threads_before = threading.active_count()
        results = await asyncio.gather(*(iam.get_user(UserName=user) for _ in range(n)))
        assert threading.active_count() == threads_before, "no Python thread per call"
        return user, results

    user, results = run(main())
    assert len(results) == n
    assert all(r["User"]["UserName"] == user for r in results)


def test_errors_are_the_sync_clients_classes(moto_url):
    async def main():
        iam = aio_client(moto_url)
        with pytest.raises(polyiam.exceptions.NoSuchEntityException) as info:
            await iam.get_user(UserName=unique_name("nobody"))
        assert info.value.response["Error"]["Code"] == "NoSuchEntity"
        assert info.value.operation_name == "GetUser"
        with pytest.raises(polyiam.exceptions.ParamValidationError):
            await iam.update_access_key(AccessKeyId="AKIAEXAMPLEEXAMPLE12", Status="Bogus")
        assert iam.exceptions.NoSuchEntityException is polyiam.exceptions.NoSuchEntityException

    run(main())


@pytest.fixture(scope="module")
def faults(moto_url):
    with fault_server.start_fault_server(upstream=moto_url) as server:
        yield server


@pytest.mark.parametrize("operation", ["create_access_key", "get_user"])
def test_cancelling_the_task_drops_the_request(faults, operation):
    fault_server.reset(faults.url)

    async def main():
        iam = aio_client(f"{faults.url}/hang", read_timeout=30)
        task = asyncio.ensure_future(getattr(iam, operation)(UserName="cancelled"))
        await asyncio.sleep(0.5)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - started

    took = run(main())
    print(f"{operation}: cancelled in {took * 1000:.1f} ms")
    assert took < 2.0
    assert len(fault_server.requests(faults.url)) == 1, "sent once, not retried after the cancel"


def test_async_paginator_iterates_with_async_for(pager):
    expected = PAGINATION["expected_access_key_ids"]

    async def main():
        iam = aio_client(pager.url)
        paginator = iam.get_paginator(PAGINATION["paginator"])
        ids = []
        async for page in paginator.paginate(UserName=PAGINATION["user_name"]):
            ids.extend(m["AccessKeyId"] for m in page[PAGINATION["result_key"]])
        return ids

    assert run(main()) == expected


def test_async_build_full_result_is_the_sync_ones(pager):
    params = {"UserName": PAGINATION["user_name"], "PaginationConfig": {"MaxItems": 1}}
    sync = polyiam.client("iam", **client_kwargs(pager.url)).get_paginator(PAGINATION["paginator"])

    async def main():
        paginator = aio_client(pager.url).get_paginator(PAGINATION["paginator"])
        return await paginator.paginate(**params).build_full_result()

    ours = run(main())
    assert ours == sync.paginate(**params).build_full_result()
    assert [m["AccessKeyId"] for m in ours[PAGINATION["result_key"]]] == PAGINATION["expected_access_key_ids"][:1]
    assert "NextToken" in ours


def test_one_client_serves_one_event_loop_after_another(moto_url):
    iam = aio_client(moto_url)
    user = unique_name("loops")
    run(iam.create_user(UserName=user))  # asyncio.run makes a loop and closes it afterwards
    assert run(iam.get_user(UserName=user))["User"]["UserName"] == user


def test_event_loops_in_several_threads_each_get_their_own_results(moto_url):
    # One client, a loop per thread, calls of all loops in flight together: every result settles
    # the future of the loop that awaits it (each loop has its own queue).
    iam = aio_client(moto_url)
    users = [unique_name(f"loop{i}") for i in range(4)]
    for user in users:
        run(iam.create_user(UserName=user))
    results, errors = {}, []

    def worker(user):
        async def main():
            return await asyncio.gather(*(iam.get_user(UserName=user) for _ in range(25)))

        try:
            results[user] = run(main())
        except BaseException as e:  # reported below, on the test's thread
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert {u: [r["User"]["UserName"] for r in rs] for u, rs in results.items()} == {u: [u] * 25 for u in users}


def test_a_finished_event_loop_is_not_kept_alive_by_its_queue(moto_url):
    import gc
    import weakref

    from polyiam import _aio

    iam = aio_client(moto_url)
    user = unique_name("loopgc")
    loops = []

    async def main():
        loops.append(weakref.ref(asyncio.get_running_loop()))
        await iam.create_user(UserName=user)
        await asyncio.gather(*(iam.get_user(UserName=user) for _ in range(5)))

    run(main())
    gc.collect()
    assert loops[0]() is None, "the closed loop is still referenced"
    # Other tests' loops may still be collectable; none of the entries may be this one's.
    assert all(ref() is None or ref()._loop() is not None for ref in _aio._SETTLERS.values())


def test_a_loop_closed_before_its_results_were_taken_is_freed(moto_url):
    # The result arrives and its drain is scheduled, but the loop is closed without running again
    # (close() discards the scheduled drain): the queue still holds the future, and through it the
    # loop. The cycle collector must be able to free them all.
    import gc
    import logging
    import time
    import weakref

    iam = aio_client(moto_url)
    loop = asyncio.new_event_loop()
    task = loop.create_task(iam.list_users())
    loop.call_soon(loop.stop)
    loop.run_forever()  # one pass: the call starts and the task waits for its future
    assert not task.done()
    deadline = time.monotonic() + 30
    while not loop._ready and time.monotonic() < deadline:  # the drain, scheduled by the result
        time.sleep(0.01)
    assert loop._ready, "the finished call never scheduled its drain"
    loop.close()
    gone = weakref.ref(loop)
    asyncio_log = logging.getLogger("asyncio")
    level, asyncio_log.level = asyncio_log.level, logging.CRITICAL  # "Task was destroyed but it is pending!"
    try:
        del task, loop
        gc.collect()
    finally:
        asyncio_log.level = level
    assert gone() is None, "a loop closed with results still queued is never freed"


def test_at_exit_wake_ups_in_progress_finish_and_later_ones_are_refused(moto_url):
    # A wake-up still attached to Python (or waiting for the GIL) once CPython begins finalizing is
    # ended by CPython with a forced unwind, which tokio's task guard turns into an abort ("FATAL:
    # exception not rethrown": seen in about 7% of short asyncio scripts before). polyiam.aio's
    # atexit hook, `quiesce_wakes`, waits for those in progress and refuses later ones. In a child:
    # the hook closes the gate for the whole process.
    import subprocess
    import textwrap

    code = textwrap.dedent(f"""
        import threading, time
        import polyiam, polyiam.aio
        from polyiam import _polyiam

        client = polyiam.client("iam", **{client_kwargs(moto_url)!r})
        events, started = [], threading.Event()

        def slow_wake():
            started.set()
            time.sleep(0.3)  # the GIL is free meanwhile: the main thread goes on to quiesce
            events.append("wake finished")

        client._native.start("ListUsers", {{}}, _polyiam.SettleQueue(slow_wake), None)
        assert started.wait(30), "the wake-up never ran"
        _polyiam.quiesce_wakes()
        events.append("quiesced")
        client._native.start("ListUsers", {{}}, _polyiam.SettleQueue(lambda: events.append("late wake")), None)
        time.sleep(1.0)
        print(events)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['wake finished', 'quiesced']"


def test_client_arguments_are_the_sync_ones():
    with pytest.raises(TypeError, match="unsupported arguments: bogus"):
        polyiam.aio.client("iam", bogus=1)
    with pytest.raises(ValueError):
        polyiam.aio.client("s3")
