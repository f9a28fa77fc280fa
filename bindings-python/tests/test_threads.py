"""One client shared by many threads."""

from concurrent.futures import ThreadPoolExecutor

import polyiam  # noqa: F401

from conftest import COMMON


def test_shared_client_mixed_calls_from_threads(iam, make_user):
    workers = COMMON["concurrency"]["workers"]
    calls = COMMON["concurrency"]["calls"]

    readers = [make_user("polyiam-test-thr-r") for _ in range(2)]
    key_owner = make_user("polyiam-test-thr-k")
    owner_key = iam.create_access_key(UserName=key_owner)["AccessKey"]["AccessKeyId"]
    # Every create+delete task gets its own user, so the 2-key quota never bites.
    writers = {i: make_user("polyiam-test-thr-w") for i in range(calls) if i % 4 == 2}

    def task(i):
        kind = i % 4
        if kind == 0:
            name = readers[i % 2]
            return ("get_user", iam.get_user(UserName=name)["User"]["UserName"] == name)
        if kind == 1:
            keys = iam.list_access_keys(UserName=key_owner)["AccessKeyMetadata"]
            return ("list_access_keys", [k["AccessKeyId"] for k in keys] == [owner_key])
        if kind == 2:
            name = writers[i]
            key = iam.create_access_key(UserName=name)["AccessKey"]
            ok = key["UserName"] == name and key["AccessKeyId"].startswith("AKIA")
            iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
            ok = ok and iam.list_access_keys(UserName=name)["AccessKeyMetadata"] == []
            return ("create_delete", ok)
        last_used = iam.get_access_key_last_used(AccessKeyId=owner_key)
        return ("get_access_key_last_used", last_used["UserName"] == key_owner)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(task, range(calls)))

    assert len(results) == calls
    failed = [(i, kind) for i, (kind, ok) in enumerate(results) if not ok]
    assert failed == []
    assert {kind for kind, _ in results} == {"get_user", "list_access_keys", "create_delete", "get_access_key_last_used"}
