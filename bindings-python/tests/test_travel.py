"""Clients that travel to workers (issue 20): pickle and copy, spawn and forkserver pools,
ProcessPoolExecutor (errors coming back), joblib (a lambda capturing the client), Dask. Every worker
calls moto on loopback with credentials from its own environment; the bytes that travel never hold
the secret, unless the client opted in with ``serialize_credentials=True``."""

import concurrent.futures
import copy
import multiprocessing
import pickle

import pytest

import polyiam
import polyiam.aio
from conftest import unique_name
import travel_workers

SECRET = "polyiam-sentinel-secret-d41d8cd98f00"


@pytest.fixture
def env_keys(monkeypatch):
    """Credentials only in the environment (as the workers get them): the sentinel secret."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTRAVELTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)


@pytest.fixture
def env_client(moto_url, env_keys):
    client = polyiam.client("iam", endpoint_url=moto_url, region_name="us-east-1", read_timeout=30)
    # What every engine below ships: the description, never the environment's secret.
    assert SECRET.encode() not in pickle.dumps(client)
    return client


@pytest.fixture
def user(env_client):
    name = unique_name("travel")
    env_client.create_user(UserName=name)
    yield name
    env_client.delete_user(UserName=name)


def test_pickle_and_copies_are_equivalent_clients(env_client, user):
    data = pickle.dumps(env_client)
    assert SECRET.encode() not in data and b"AKIDTRAVELTEST" not in data
    for other in (pickle.loads(data), copy.copy(env_client), copy.deepcopy(env_client)):
        assert type(other) is type(env_client)
        assert other.get_user(UserName=user)["User"]["UserName"] == user
        assert other.exceptions.NoSuchEntityException is env_client.exceptions.NoSuchEntityException


def test_one_native_client_per_description_per_process(env_client):
    data = pickle.dumps(env_client)
    assert pickle.loads(data)._native.identity == pickle.loads(data)._native.identity != env_client._native.identity


def test_async_and_in_regions_clients_travel(moto_url, env_keys):
    aio = polyiam.aio.client("sts", endpoint_url=moto_url, region_name="eu-west-1")
    back = pickle.loads(pickle.dumps(aio))
    assert type(back) is type(aio) and back.meta.region_name == "eu-west-1"
    fan = polyiam.client("iam", endpoint_url=moto_url).in_regions(["us-east-1", "eu-west-1"])
    assert pickle.loads(pickle.dumps(fan)).regions == ["us-east-1", "eu-west-1"]


def test_credentials_written_in_code_are_refused_unless_opted_in(moto_url, user):
    keys = {"aws_access_key_id": "AKIDINCODE", "aws_secret_access_key": SECRET}
    inline = polyiam.client("iam", endpoint_url=moto_url, **keys)
    with pytest.raises(polyiam.exceptions.ConfigurationError) as refused:
        pickle.dumps(inline)
    message = str(refused.value)
    for alternative in ("profile_name", "AWS_* variables", "serialize_credentials"):
        assert alternative in message
    assert SECRET not in message
    copy.deepcopy(inline)  # a copy in this process sends nothing anywhere: allowed

    opted = polyiam.client("iam", endpoint_url=moto_url, serialize_credentials=True, **keys)
    data = pickle.dumps(opted)
    assert SECRET.encode() in data, "the opt-in really ships the secret"
    assert pickle.loads(data).get_user(UserName=user)["User"]["UserName"] == user


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_spawn_and_forkserver_pools(env_client, user, method):
    with multiprocessing.get_context(method).Pool(2) as pool:
        assert pool.map(travel_workers.user_name, [(env_client, user)] * 2) == [user, user]


def test_errors_raised_in_a_worker_come_back_whole(env_client):
    missing = unique_name("missing")
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        with pytest.raises(polyiam.exceptions.NoSuchEntityException) as caught:
            pool.submit(travel_workers.missing_user, env_client, missing).result()
    e = caught.value
    assert isinstance(e, polyiam.exceptions.ClientError)
    assert e.response["Error"]["Code"] == "NoSuchEntity" and missing in e.response["Error"]["Message"]
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404 and e.response["ResponseMetadata"]["RequestId"]
    assert e.operation_name == "GetUser" and "when calling the GetUser operation" in str(e)


def test_joblib_with_a_lambda_that_captures_the_client(env_client, user):
    joblib = pytest.importorskip("joblib")
    got = joblib.Parallel(n_jobs=2, backend="loky")(
        joblib.delayed(lambda u: env_client.get_user(UserName=u)["User"]["UserName"])(user) for _ in range(2)
    )
    assert got == [user, user]


def test_dask_local_cluster(env_client, user):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        with distributed.Client(cluster) as dask:
            futures = dask.map(travel_workers.user_name, [(env_client, user)] * 2, pure=False)
            assert dask.gather(futures) == [user, user]
            # One native client per description in each worker process.
            ids = dask.gather(dask.map(travel_workers.native_identity, [env_client] * 4, pure=False))
            by_process = {}
            for pid, native in ids:
                by_process.setdefault(pid, set()).add(native)
            assert all(len(natives) == 1 for natives in by_process.values()), by_process
