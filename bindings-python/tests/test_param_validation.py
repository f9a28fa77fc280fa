"""Client-side parameter validation: errors raised before any request is sent.

The client points at a 127.0.0.1 port that refuses connections, so getting a
ParamValidationError (rather than a connection error) proves the call never
reached the network.
"""

import pytest

import polyiam

from conftest import PARAM_VALIDATION, make_client, snake_case, substitute

CASES = {case["name"]: case for case in PARAM_VALIDATION["cases"]}


@pytest.fixture
def offline(closed_port_url):
    return make_client(closed_port_url)


def _call(client, case):
    method = getattr(client, snake_case(case["operation"]))
    return method(**substitute(case["params"], {}))


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_input_raises_param_validation_error(offline, name):
    case = CASES[name]
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        _call(offline, case)
    message = str(info.value)
    for fragment in case["message_contains"]:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_misspelled_member_names_the_valid_member(offline):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        offline.create_access_key(Username="polyiam-test-typo")
    assert "UserName" in str(info.value)
    assert "Username" in str(info.value)


def test_missing_required_access_key_id(offline):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        offline.delete_access_key(UserName="polyiam-test-missing")
    assert "AccessKeyId" in str(info.value)


def test_user_name_longer_than_128_chars(offline):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        offline.create_access_key(UserName="a" * 129)
    assert "UserName" in str(info.value)


def test_user_name_of_128_chars_passes_validation(offline):
    # The boundary value is valid, so the call gets as far as the network and
    # fails there (connection refused) rather than in validation.
    with pytest.raises(Exception) as info:
        offline.create_access_key(UserName="a" * 128)
    assert not isinstance(info.value, polyiam.exceptions.ParamValidationError)


def test_bad_status_enum(offline):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        offline.update_access_key(UserName="polyiam-test-enum", AccessKeyId="AKIAIOSFODNN7EXAMPLE", Status="Bogus")
    assert "Status" in str(info.value)


def test_constraint_violations_are_also_iams_validation_error(iam):
    """A value IAM would refuse (pattern, length, range, enum) is refused before sending, and the
    error is also IAM's own answer: a ClientError with Code ValidationError, HTTP 400, IAM's wording."""
    with pytest.raises(polyiam.exceptions.ClientError) as info:
        iam.update_access_key(UserName="bad name!", AccessKeyId="AKIAIOSFODNN7EXAMPLE", Status="Bogus")
    e = info.value
    assert isinstance(e, polyiam.exceptions.ParamValidationError)
    assert e.response["Error"] == {
        "Type": "Sender",
        "Code": "ValidationError",
        "Message": "2 validation errors detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy "
        "regular expression pattern: ^[\\w+=,.@-]+$; Value 'Bogus' at 'status' failed to satisfy constraint: Member must satisfy "
        "enum value set: [Active, Inactive, Expired]",
    }
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert [i["path"] for i in e.issues] == ["UserName", "Status"]
    # Sensitive values are never quoted.
    with pytest.raises(polyiam.exceptions.ClientError) as info:
        iam.create_login_profile(UserName="bob", Password="")
    assert "Value at 'password'" in info.value.response["Error"]["Message"]
