"""Fork safety (tests/scenarios/runtime.json "fork"): a client survives multiprocessing's fork
start method and os.fork(), in the child and in the parent. Every wait has a timeout, so a hang
fails the test instead of stalling the suite."""

import multiprocessing
import os
import signal
import time

import pytest

from conftest import load_scenario, make_client, unique_name

FORK = load_scenario("runtime")["fork"]

# The client a pool worker inherits from the parent (set before the pool forks).
_inherited = None
_moto_url = None


def _use_inherited_client(user):
    key = _inherited.create_access_key(UserName=user)["AccessKey"]
    _inherited.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    return os.getpid(), key["UserName"]


def _use_fresh_client(user):
    fresh = make_client(_moto_url)
    return os.getpid(), fresh.get_user(UserName=user)["User"]["UserName"]


@pytest.fixture
def used_client(moto_url, make_user):
    """A client that has made calls (its connection pool and I/O runtime are live) before forking."""
    global _inherited, _moto_url
    _moto_url = moto_url
    _inherited = make_client(moto_url)
    user = make_user("fork")
    assert _inherited.get_user(UserName=user)["User"]["UserName"] == user
    return _inherited, user


@pytest.mark.parametrize("work", [_use_inherited_client, _use_fresh_client], ids=["inherited-client", "fresh-client"])
def test_fork_pool_workers_call_and_the_parent_carries_on(used_client, work):
    client, user = used_client
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(FORK["workers"]) as pool:
        results = pool.map_async(work, [user] * FORK["tasks"]).get(timeout=FORK["timeout_seconds"])
    assert [name for _, name in results] == [user] * FORK["tasks"]
    assert {pid for pid, _ in results} - {os.getpid()}, "the calls ran in forked workers"
    # The parent's client is unaffected (its runtime was never touched by the children).
    assert client.get_user(UserName=user)["User"]["UserName"] == user
    assert client.list_access_keys(UserName=user)["AccessKeyMetadata"] == []


def _wait(pid, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail(f"the forked child {pid} hung (killed after {timeout} s)")


def test_os_fork_child_uses_the_parents_client(used_client):
    client, user = used_client
    pid = os.fork()
    if pid == 0:  # the child: report through the exit code only, and never return into pytest
        code = 1
        try:
            key = client.create_access_key(UserName=user)["AccessKey"]
            code = 0 if key["UserName"] == user else 2
        finally:
            os._exit(code)
    assert _wait(pid, FORK["timeout_seconds"]) == 0
    keys = client.list_access_keys(UserName=user)["AccessKeyMetadata"]
    assert len(keys) == 1, "the child's key exists, seen from the parent's client"


def test_os_fork_twice_in_a_row(used_client):
    """A child that forks again (a grandchild) also gets a working client."""
    client, user = used_client
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            client.get_user(UserName=user)
            grandchild = os.fork()
            if grandchild == 0:
                inner = 1
                try:
                    inner = 0 if client.get_user(UserName=user)["User"]["UserName"] == user else 2
                finally:
                    os._exit(inner)
            deadline = time.monotonic() + FORK["timeout_seconds"]
            while time.monotonic() < deadline:
                done, status = os.waitpid(grandchild, os.WNOHANG)
                if done:
                    code = os.waitstatus_to_exitcode(status)
                    break
                time.sleep(0.05)
            else:
                os.kill(grandchild, signal.SIGKILL)
        finally:
            os._exit(code)
    assert _wait(pid, 2 * FORK["timeout_seconds"]) == 0
    assert client.get_user(UserName=user)["User"]["UserName"] == user
