"""Shared fixtures and helpers for the polyiam Python test suite.

* The harness servers (tests/harness/) run as child processes: moto (one per
  session, reset at the start of every test module) and the pager server.
* Expectations come from the language-neutral files in tests/scenarios/.
* The process environment is forced to dummy credentials before any test runs,
  so nothing can reach real AWS or read ~/.aws.

``polyiam`` is imported lazily (inside fixtures), so the harness self-tests
still run when the binding is not built.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import socket
import sys
import uuid
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
HARNESS_DIR = REPO_ROOT / "tests" / "harness"
SCENARIO_DIR = REPO_ROOT / "tests" / "scenarios"

if str(HARNESS_DIR) not in sys.path:
    sys.path.insert(0, str(HARNESS_DIR))

import moto_server  # noqa: E402
import pager_server  # noqa: E402
from _serverproc import dummy_aws_env  # noqa: E402

# Force the dummy environment for this process (and so for polyiam's default
# credential/region resolution) as early as possible.
for _name in list(os.environ):
    if _name.startswith("AWS_"):
        del os.environ[_name]
os.environ.update(dummy_aws_env({}))


# --------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def load_scenario(name: str) -> dict:
    """Load tests/scenarios/<name>.json."""
    with open(SCENARIO_DIR / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


COMMON = load_scenario("common")
SHAPES = load_scenario("shapes")
ERRORS = {e["name"]: e for e in load_scenario("errors")["errors"]}
PAGINATION = load_scenario("pagination")
PARAM_VALIDATION = load_scenario("param_validation")


def snake_case(operation: str) -> str:
    """Wire operation name -> Python method name (CreateAccessKey -> create_access_key)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", operation).lower()


def substitute(value, placeholders: dict):
    """Replace "$name" strings and {"$repeat": s, "count": n} objects, recursively."""
    if isinstance(value, str):
        return placeholders.get(value, value) if value.startswith("$") else value
    if isinstance(value, dict):
        if "$repeat" in value:
            return value["$repeat"] * value["count"]
        return {k: substitute(v, placeholders) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, placeholders) for v in value]
    return value


def parse_iso8601(text: str) -> datetime.datetime:
    """Parse the scenario files' timestamps (2024-01-15T10:00:00Z)."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def unique_name(prefix: str | None = None) -> str:
    """A fresh IAM user name (letters, digits and '-', well under 64 chars)."""
    return f"{prefix or COMMON['users']['prefix']}-{uuid.uuid4().hex[:16]}"


# --------------------------------------------------------------------------
# Shape and metadata assertions
# --------------------------------------------------------------------------

_SCALARS = {
    "string": str,
    "boolean": bool,
}


def assert_is_utc_datetime(value, where: str = "value") -> None:
    assert isinstance(value, datetime.datetime), f"{where}: expected datetime, got {type(value).__name__}: {value!r}"
    assert value.tzinfo is not None, f"{where}: datetime is naive: {value!r}"
    assert value.utcoffset() == datetime.timedelta(0), f"{where}: not UTC (offset {value.utcoffset()}): {value!r}"


def assert_shape(value, shape, where: str = "result") -> None:
    """Check ``value`` against a shapes.json shape: exact keys, types of leaves."""
    if isinstance(shape, dict):
        assert isinstance(value, dict), f"{where}: expected dict, got {type(value).__name__}: {value!r}"
        required = {k for k in shape if not k.endswith("?")}
        allowed = {k.rstrip("?") for k in shape}
        keys = set(value)
        assert required <= keys, f"{where}: missing keys {sorted(required - keys)} (got {sorted(keys)})"
        assert keys <= allowed, f"{where}: unexpected keys {sorted(keys - allowed)} (allowed {sorted(allowed)})"
        for key, sub in shape.items():
            name = key.rstrip("?")
            if name in value:
                assert value[name] is not None, f"{where}.{name}: absent members must be omitted, not None"
                assert_shape(value[name], sub, f"{where}.{name}")
    elif isinstance(shape, list):
        assert isinstance(value, list), f"{where}: expected list, got {type(value).__name__}: {value!r}"
        for i, item in enumerate(value):
            assert_shape(item, shape[0], f"{where}[{i}]")
    elif shape == "timestamp":
        assert_is_utc_datetime(value, where)
    elif shape == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), (
            f"{where}: expected int, got {type(value).__name__}: {value!r}"
        )
    elif shape == "map<string,string>":
        assert isinstance(value, dict), f"{where}: expected dict, got {type(value).__name__}"
        for k, v in value.items():
            assert isinstance(k, str) and isinstance(v, str), f"{where}[{k!r}]: expected str -> str, got {v!r}"
    elif shape in _SCALARS:
        expected = _SCALARS[shape]
        assert isinstance(value, expected), f"{where}: expected {shape}, got {type(value).__name__}: {value!r}"
    else:  # pragma: no cover - a typo in shapes.json
        raise AssertionError(f"{where}: unknown shape {shape!r}")


def get_path(value: dict, dotted: str, default=KeyError):
    """value["A"]["B"] for "A.B"; ``default`` (or KeyError) when a key is absent."""
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            if default is KeyError:
                raise KeyError(dotted)
            return default
        value = value[part]
    return value


def assert_operation_output(operation: str, result: dict, placeholders: dict | None = None) -> None:
    """Check a full result against shapes.json: ResponseMetadata, exact output
    shape, 'absent' paths and 'values'."""
    spec = SHAPES["operations"][operation]
    assert isinstance(result, dict), f"{operation}: result is {type(result).__name__}, not dict"
    assert "ResponseMetadata" in result, f"{operation}: no ResponseMetadata in {sorted(result)}"
    assert_response_metadata(result["ResponseMetadata"], 200)
    output = {k: v for k, v in result.items() if k != "ResponseMetadata"}
    assert_shape(output, spec["output"], operation)
    missing = object()
    for path in spec.get("absent", []):
        assert get_path(output, path, missing) is missing, f"{operation}: {path} should be absent: {output!r}"
    for path, expected in spec.get("values", {}).items():
        assert get_path(output, path) == substitute(expected, placeholders or {}), f"{operation}: {path}"


def assert_response_metadata(meta: dict, status: int) -> None:
    """ResponseMetadata: exact keys, types, status, lower-case headers, RequestId header."""
    assert_shape(meta, SHAPES["response_metadata"], "ResponseMetadata")
    assert meta["HTTPStatusCode"] == status
    assert meta["RequestId"], "ResponseMetadata.RequestId is empty"
    assert meta["RetryAttempts"] >= 0
    headers = meta["HTTPHeaders"]
    assert headers, "ResponseMetadata.HTTPHeaders is empty"
    for name in headers:
        assert name == name.lower(), f"HTTPHeaders name not lower-case: {name!r}"
    assert headers.get("x-amzn-requestid") == meta["RequestId"], headers
    assert headers.get("content-type", "").startswith("text/xml"), headers


def assert_client_error(exc, spec: dict, operation: str, placeholders: dict | None = None) -> None:
    """Check a raised ClientError against an errors.json entry."""
    import polyiam

    assert isinstance(exc, polyiam.exceptions.ClientError), type(exc).__mro__
    assert type(exc).__name__ == spec["exception"], type(exc).__name__
    response = exc.response
    error = response["Error"]
    assert error["Code"] == spec["code"]
    assert isinstance(error["Message"], str) and error["Message"]
    for fragment in substitute(spec.get("message_contains", []), placeholders or {}):
        assert fragment in error["Message"], f"{fragment!r} not in {error['Message']!r}"
    assert_response_metadata(response["ResponseMetadata"], spec["http_status"])
    assert exc.operation_name == operation


# --------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def moto():
    """The moto server child process for the whole session."""
    server = moto_server.start_moto_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def moto_url(moto):
    """moto's base URL; moto's state is wiped at the start of every module."""
    assert moto.alive(), "moto server died"
    moto.reset()
    return moto.url


@pytest.fixture(scope="session")
def pager_session():
    server = pager_server.start_pager_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pager(pager_session):
    """The pager server, with its request log emptied for this test."""
    assert pager_session.alive(), "pager server died"
    pager_session.reset()
    return pager_session


@pytest.fixture
def closed_port_url():
    """URL of a 127.0.0.1 port that refuses connections for the test's duration.

    The socket stays bound but never listens, so no other process can take
    the port and every connection attempt is refused.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


# --------------------------------------------------------------------------
# Clients and users
# --------------------------------------------------------------------------


def client_kwargs(endpoint_url: str, **overrides) -> dict:
    """The explicit keyword arguments every test client is built with."""
    kwargs = {
        "endpoint_url": endpoint_url,
        "region_name": COMMON["client"]["region_name"],
        "aws_access_key_id": COMMON["client"]["aws_access_key_id"],
        "aws_secret_access_key": COMMON["client"]["aws_secret_access_key"],
        "aws_session_token": None,
        "profile_name": None,
    }
    kwargs.update(overrides)
    return kwargs


def make_client(endpoint_url: str, **overrides):
    import polyiam

    return polyiam.client(COMMON["client"]["service"], **client_kwargs(endpoint_url, **overrides))


@pytest.fixture(scope="module")
def boto(moto_url):
    """boto3's IAM client on the same moto, for side-by-side checks."""
    import boto3

    return boto3.client(
        "iam",
        endpoint_url=moto_url,
        region_name=COMMON["client"]["region_name"],
        aws_access_key_id=COMMON["client"]["aws_access_key_id"],
        aws_secret_access_key=COMMON["client"]["aws_secret_access_key"],
    )


@pytest.fixture(scope="module")
def iam(moto_url):
    """One polyiam IAM client against moto, shared by a module's tests."""
    return make_client(moto_url)


class UserFactory:
    """Creates uniquely named users; deletes them (and their keys) afterwards."""

    def __init__(self, client):
        self.client = client
        self.created: list[str] = []

    def __call__(self, prefix: str | None = None, **params) -> str:
        name = unique_name(prefix)
        self.client.create_user(UserName=name, **params)
        self.created.append(name)
        return name

    def track(self, name: str) -> None:
        """Also clean up a user the test creates itself."""
        self.created.append(name)

    def cleanup(self) -> None:
        for name in reversed(self.created):
            try:
                keys = self.client.list_access_keys(UserName=name)["AccessKeyMetadata"]
                for key in keys:
                    self.client.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
                self.client.delete_user(UserName=name)
            except Exception:
                pass  # already deleted by the test, or the binding is broken; moto is reset per module anyway


@pytest.fixture
def make_user(iam):
    """make_user(prefix=None, **create_user_params) -> a new user's name."""
    factory = UserFactory(iam)
    try:
        yield factory
    finally:
        factory.cleanup()


@pytest.fixture
def user(make_user):
    """The name of a fresh user with no keys."""
    return make_user()
