"""Service errors: modelled exception classes, codes, messages, metadata."""

import pytest

import polyiam

from conftest import COMMON, ERRORS, assert_client_error, make_client


def test_third_access_key_raises_limit_exceeded(iam, user):
    spec = ERRORS["access_key_quota"]
    for _ in range(COMMON["access_keys"]["quota_per_user"]):
        iam.create_access_key(UserName=user)
    with pytest.raises(iam.exceptions.LimitExceededException) as info:
        iam.create_access_key(UserName=user)
    assert isinstance(info.value, polyiam.exceptions.ClientError)
    assert info.value.response["Error"]["Code"] == "LimitExceeded" == spec["code"]
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409 == spec["http_status"]
    assert_client_error(info.value, spec, "CreateAccessKey", {"$user": user})


def test_limit_exceeded_leaves_existing_keys_untouched(iam, user):
    created = {iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"] for _ in range(2)}
    with pytest.raises(polyiam.exceptions.ClientError):
        iam.create_access_key(UserName=user)
    listed = {k["AccessKeyId"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]}
    assert listed == created


def test_unknown_user_raises_no_such_entity(iam):
    spec = ERRORS["unknown_user"]
    name = COMMON["users"]["unknown"]
    with pytest.raises(iam.exceptions.NoSuchEntityException) as info:
        iam.create_access_key(UserName=name)
    err = info.value
    assert isinstance(err, polyiam.exceptions.ClientError)
    assert err.response["Error"]["Code"] == "NoSuchEntity"
    assert name in err.response["Error"]["Message"]
    assert isinstance(err.response["ResponseMetadata"]["RequestId"], str)
    assert err.response["ResponseMetadata"]["RequestId"]
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert err.operation_name == "CreateAccessKey"
    assert_client_error(err, spec, "CreateAccessKey", {"$unknown_user": name})


def test_no_such_entity_is_not_caught_as_limit_exceeded(iam):
    with pytest.raises(polyiam.exceptions.ClientError) as info:
        iam.create_access_key(UserName=COMMON["users"]["unknown"])
    assert not isinstance(info.value, iam.exceptions.LimitExceededException)
    assert isinstance(info.value, iam.exceptions.NoSuchEntityException)


def test_client_error_str_names_code_and_operation(iam):
    with pytest.raises(polyiam.exceptions.ClientError) as info:
        iam.create_access_key(UserName=COMMON["users"]["unknown"])
    text = str(info.value)
    assert "NoSuchEntity" in text
    assert "CreateAccessKey" in text


def test_client_exceptions_are_module_exceptions(iam):
    assert iam.exceptions.NoSuchEntityException is polyiam.exceptions.NoSuchEntityException
    assert iam.exceptions.LimitExceededException is polyiam.exceptions.LimitExceededException
    assert iam.exceptions.ClientError is polyiam.exceptions.ClientError


def test_modelled_exceptions_subclass_client_error(iam):
    for name in ("NoSuchEntityException", "LimitExceededException", "EntityAlreadyExistsException",
                 "InvalidInputException", "ServiceFailureException"):
        cls = getattr(iam.exceptions, name)
        assert issubclass(cls, polyiam.exceptions.ClientError), name
        assert cls.__name__ == name


def test_two_clients_share_exception_classes(iam, moto_url):
    other = make_client(moto_url)
    assert other.exceptions.NoSuchEntityException is iam.exceptions.NoSuchEntityException


def test_existing_user_raises_entity_already_exists(iam, user):
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as info:
        iam.create_user(UserName=user)
    assert_client_error(info.value, ERRORS["existing_user"], "CreateUser", {"$user": user})


def test_deleted_user_raises_no_such_entity(iam, make_user):
    name = make_user()
    iam.delete_user(UserName=name)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as info:
        iam.get_user(UserName=name)
    assert_client_error(info.value, ERRORS["deleted_user"], "GetUser", {"$user": name})


def test_invalid_marker_from_pager_server(pager):
    spec = ERRORS["invalid_marker"]
    client = make_client(pager.url)
    with pytest.raises(client.exceptions.InvalidInputException) as info:
        client.list_access_keys(**spec["params"])
    assert_client_error(info.value, spec, "ListAccessKeys")
    [request] = pager.requests()
    assert request["params"]["Marker"] == spec["params"]["Marker"]
