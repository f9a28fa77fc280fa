"""The shared bad-input corpus (tests/scenarios/bad_inputs.json) plus Python-only garbage: every case
is a ParamValidationError naming the member path, raised before anything is sent."""

import datetime

import pytest

import polyiam
import socket

from conftest import load_scenario, make_client, snake_case

CORPUS = load_scenario("bad_inputs")


def expand(value):
    if isinstance(value, dict):
        if "$repeat" in value:
            return value["$repeat"] * value["count"]
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def method(client, operation):
    return getattr(client, snake_case(operation))


@pytest.fixture(scope="module")
def offline():
    # A bound, never-listening port refuses connections: a request would be an
    # EndpointConnectionError, so a ParamValidationError proves nothing was sent.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield make_client(f"http://127.0.0.1:{sock.getsockname()[1]}", max_attempts=1)
    finally:
        sock.close()


def test_corpus_is_large_enough():
    assert len(CORPUS["cases"]) >= 40


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["name"] for c in CORPUS["cases"]])
def test_corpus_case_is_rejected_before_sending(offline, case):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        method(offline, case["operation"])(**expand(case["input"]))
    got = [[i["path"], i["rule"]] for i in info.value.issues]
    assert got == case["expect"]
    assert case["operation"] in str(info.value)
    for path, _ in case["expect"]:
        assert path in str(info.value)


@pytest.mark.parametrize(
    "value, detail",
    [
        (b"bob", "expected string, got blob"),
        (bytearray(b"bob"), "expected string, got blob"),
        (object(), "unsupported type object"),
        (2**70, "too large"),
        (datetime.datetime(2026, 1, 1), "expected string, got timestamp"),
        ({1: "x"}, "keys must be strings"),
        ("\ud800", "not valid UTF-8"),
        (float("nan"), "expected string, got float"),
    ],
    ids=["bytes", "bytearray", "object", "huge-int", "datetime", "non-string-key", "lone-surrogate", "nan"],
)
def test_python_garbage_is_a_clear_validation_error(offline, value, detail):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        offline.create_access_key(UserName=value)
    assert detail in str(info.value)
    assert "UserName" in str(info.value)


def test_positional_arguments_are_refused(offline):
    with pytest.raises(TypeError):
        offline.create_access_key("bob")
