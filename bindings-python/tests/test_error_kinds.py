"""The core's error kinds as Python exceptions (tests/scenarios/error_kinds.json): the class each kind
maps to, and the same fields in every language (here ``e.info`` carries them all)."""

import sys

import pytest

import polyiam
from conftest import HARNESS_DIR, load_scenario, make_client, snake_case

if str(HARNESS_DIR) not in sys.path:
    sys.path.insert(0, str(HARNESS_DIR))

import fault_server  # noqa: E402

KINDS = load_scenario("error_kinds")

# The scenario's field names -> the keys of ``e.info`` (the core's Error::to_value).
FIELDS = {
    "code": "code",
    "message": "message",
    "operation": "operation",
    "http_status": "http_status",
    "headers": "http_headers",
    "fault": "fault",
    "retry_attempts": "retry_attempts",
    "total_retry_delay": "total_retry_delay_ms",
    "outcome_unknown": "outcome_unknown",
}


@pytest.fixture(scope="module")
def faults(moto_url):
    with fault_server.start_fault_server(upstream=moto_url) as server:
        yield server


def endpoint(spec, moto_url, faults, closed_port_url):
    where = spec["endpoint"]
    if where == "closed":
        return closed_port_url
    if where == "moto":
        return moto_url
    if where == "not-a-url":
        return "localhost:1"
    return f"{faults.url}/{where.split(':', 1)[1]}"


@pytest.mark.parametrize("case", KINDS["cases"], ids=lambda c: c["kind"])
def test_each_kind_is_its_class_with_every_field(case, moto_url, faults, closed_port_url):
    assert set(FIELDS) == set(KINDS["fields"])
    overrides = {"max_attempts": 1}
    if "read_timeout" in case:
        overrides["read_timeout"] = case["read_timeout"]
    with pytest.raises(polyiam.exceptions.PolyiamError) as info:
        client = make_client(endpoint(case, moto_url, faults, closed_port_url), **overrides)
        getattr(client, snake_case(case["operation"]))(**case.get("input", {}))
    e = info.value
    assert type(e).__name__ == case["classes"]["python"], type(e).__mro__
    assert e.info["kind"] == case["kind"]
    for field in KINDS["fields"]:
        assert FIELDS[field] in e.info, f"{field} is missing from {sorted(e.info)}"
    assert e.info["code"] == case["code"]
    assert isinstance(e.info["http_headers"], dict)
    if "http_status" in case:
        assert e.info["http_status"] == case["http_status"]
    assert e.outcome_unknown == case.get("outcome_unknown", False)
    if "operation" in case:
        assert e.operation_name == case["operation"]
