"""Server and transport failures (tests/harness/fault_server.py), retries included.

What each fault yields (also documented in tests/harness/README.md):
  service-failure   ServiceFailureException, HTTP 500, not retried (CreateAccessKey is not idempotent)
  internal-failure  ClientError code InternalFailure, HTTP 500, not retried
  html              ResponseParseError naming HTTP 502 and text/html
  truncated         ResponseParseError (TruncatedResponse); the outcome is unknown
  hang              ReadTimeoutError after read_timeout, naming the endpoint; not retried (a write)
  refused           EndpointConnectionError naming the endpoint; retried (nothing was sent)
  throttle-once     retried, then succeeds with RetryAttempts == 1
  drop-after-apply  EndpointConnectionError with outcome_unknown; exactly one key was created
"""

import sys

import pytest

import polyiam
from conftest import HARNESS_DIR, make_client, unique_name

if str(HARNESS_DIR) not in sys.path:
    sys.path.insert(0, str(HARNESS_DIR))

import fault_server  # noqa: E402


@pytest.fixture(scope="module")
def faults(moto_url):
    with fault_server.start_fault_server(upstream=moto_url) as server:
        yield server


@pytest.fixture
def fault_client(faults):
    fault_server.reset(faults.url)

    def client(fault, **overrides):
        return make_client(f"{faults.url}/{fault}", **{"read_timeout": 2.0, **overrides})

    return client


def sent(faults):
    return len(fault_server.requests(faults.url))


def test_modelled_500_is_its_class_and_not_resent(fault_client, faults):
    with pytest.raises(polyiam.exceptions.ServiceFailureException) as info:
        fault_client("service-failure").create_access_key(UserName="x")
    e = info.value
    assert e.response["Error"]["Code"] == "ServiceFailure"
    assert e.response["Error"]["Type"] == "Receiver"
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert e.response["ResponseMetadata"]["RequestId"]
    assert e.outcome_unknown and "ListAccessKeys" in str(e)
    assert sent(faults) == 1


def test_unmodelled_500_is_a_client_error_with_its_code(fault_client, faults):
    with pytest.raises(polyiam.exceptions.ClientError) as info:
        fault_client("internal-failure").create_access_key(UserName="x")
    assert type(info.value) is polyiam.exceptions.ClientError
    assert info.value.response["Error"]["Code"] == "InternalFailure"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_html_error_page_is_a_parse_error(fault_client):
    with pytest.raises(polyiam.exceptions.ResponseParseError) as info:
        fault_client("html").get_user(UserName="x")
    assert "502" in str(info.value) and "text/html" in str(info.value)


def test_truncated_xml_is_a_parse_error_with_unknown_outcome(fault_client):
    with pytest.raises(polyiam.exceptions.ResponseParseError) as info:
        fault_client("truncated").create_access_key(UserName="x")
    assert "cut off" in str(info.value)
    assert info.value.outcome_unknown


def test_silent_server_times_out_naming_the_endpoint(fault_client, faults):
    with pytest.raises(polyiam.exceptions.ReadTimeoutError) as info:
        fault_client("hang", read_timeout=0.5).create_access_key(UserName="x")
    assert not isinstance(info.value, polyiam.exceptions.ConnectTimeoutError), "it connected; the answer was late"
    assert f"{faults.url}/hang" in str(info.value)
    assert sent(faults) == 1, "a timed-out CreateAccessKey must not be resent"


def test_refused_connection_names_the_endpoint_and_is_retried(closed_port_url):
    with pytest.raises(polyiam.exceptions.EndpointConnectionError) as info:
        make_client(closed_port_url, max_attempts=2).get_user(UserName="x")
    assert closed_port_url.split("//")[1] in str(info.value)
    assert info.value.info["retry_attempts"] == 1
    assert not info.value.outcome_unknown


def test_throttling_is_retried(fault_client, iam, faults):
    user = unique_name("throttled")
    iam.create_user(UserName=user)
    result = fault_client("throttle-once").create_access_key(UserName=user)
    assert result["ResponseMetadata"]["RetryAttempts"] == 1
    assert sent(faults) == 2


def test_lost_response_does_not_create_a_second_key(fault_client, iam, faults):
    user = unique_name("lost")
    iam.create_user(UserName=user)
    with pytest.raises(polyiam.exceptions.EndpointConnectionError) as info:
        fault_client("drop-after-apply").create_access_key(UserName=user)
    assert info.value.outcome_unknown
    assert "outcome of CreateAccessKey is unknown" in str(info.value)
    assert sent(faults) == 1
    keys = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
    assert len(keys) == 1, "the key was created once, and not again by a retry"


READ_RETRIES = __import__("conftest").load_scenario("runtime")["read_retries"]


@pytest.mark.parametrize("case", READ_RETRIES, ids=lambda c: f"{c['operation']}-{c['fault']}")
def test_reads_are_retried_and_writes_are_not(fault_client, faults, iam, case):
    """Get*/List* are @readonly in model/: a 5xx or a timeout is retried as boto3 does; a write is
    not (its request may have been applied)."""
    from conftest import snake_case

    user = unique_name("retry")
    iam.create_user(UserName=user)
    client = fault_client(case["fault"], **({"read_timeout": case["read_timeout"]} if "read_timeout" in case else {}))
    call = getattr(client, snake_case(case["operation"]))
    if case["retried"]:
        result = call(UserName=user)
        assert result["ResponseMetadata"]["RetryAttempts"] == 1
        assert sent(faults) == 2
    else:
        with pytest.raises(polyiam.exceptions.ServiceFailureException) as info:
            call(UserName=user)
        assert info.value.outcome_unknown and info.value.response["ResponseMetadata"]["RetryAttempts"] == 0
        assert sent(faults) == 1
        assert iam.list_access_keys(UserName=user)["AccessKeyMetadata"] == []


def test_a_read_that_keeps_failing_does_not_speak_of_being_applied(fault_client, faults):
    with pytest.raises(polyiam.exceptions.ServiceFailureException) as info:
        fault_client("service-failure", max_attempts=2).get_user(UserName="x")
    e = info.value
    assert e.response["ResponseMetadata"]["RetryAttempts"] == 1
    assert not e.outcome_unknown
    assert "applied" not in str(e)
    assert sent(faults) == 2
