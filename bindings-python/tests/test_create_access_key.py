"""CreateAccessKey for a named user: the exact result shape and field types."""

import datetime

import polyiam  # noqa: F401  (the module under test must import)

from conftest import COMMON, SHAPES, assert_operation_output, assert_response_metadata, assert_shape


def test_create_access_key_matches_shared_shape(iam, user):
    result = iam.create_access_key(UserName=user)
    assert_operation_output("CreateAccessKey", result, {"$user": user})


def test_create_access_key_top_level_keys_are_exact(iam, user):
    result = iam.create_access_key(UserName=user)
    assert set(result) == {"AccessKey", "ResponseMetadata"}


def test_create_access_key_access_key_keys_are_exact(iam, user):
    key = iam.create_access_key(UserName=user)["AccessKey"]
    expected = set(SHAPES["operations"]["CreateAccessKey"]["output"]["AccessKey"])
    assert set(key) == expected == {"UserName", "AccessKeyId", "Status", "SecretAccessKey", "CreateDate"}


def test_create_access_key_string_fields_are_str(iam, user):
    key = iam.create_access_key(UserName=user)["AccessKey"]
    for name in ("UserName", "AccessKeyId", "Status", "SecretAccessKey"):
        assert type(key[name]) is str, (name, type(key[name]))
        assert key[name], name


def test_create_access_key_values(iam, user):
    key = iam.create_access_key(UserName=user)["AccessKey"]
    assert key["UserName"] == user
    assert key["Status"] == COMMON["access_keys"]["initial_status"] == "Active"
    assert key["AccessKeyId"].startswith(COMMON["access_keys"]["id_prefix"])
    assert len(key["AccessKeyId"]) >= 16


def test_create_access_key_create_date_is_aware_utc_datetime(iam, user):
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    created = iam.create_access_key(UserName=user)["AccessKey"]["CreateDate"]
    after = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
    assert isinstance(created, datetime.datetime)
    assert created.tzinfo is not None
    assert created.utcoffset() == datetime.timedelta(0)
    assert before <= created <= after


def test_create_access_key_response_metadata(iam, user):
    meta = iam.create_access_key(UserName=user)["ResponseMetadata"]
    assert set(meta) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}
    assert meta["HTTPStatusCode"] == 200
    assert type(meta["RequestId"]) is str and meta["RequestId"]
    assert type(meta["RetryAttempts"]) is int
    assert meta["RetryAttempts"] == 0
    assert_shape(meta["HTTPHeaders"], "map<string,string>", "HTTPHeaders")
    assert_response_metadata(meta, 200)


def test_create_access_key_request_ids_differ_between_calls(iam, user):
    first = iam.create_access_key(UserName=user)["ResponseMetadata"]["RequestId"]
    second = iam.list_access_keys(UserName=user)["ResponseMetadata"]["RequestId"]
    assert first != second


def test_create_access_key_keys_are_distinct(iam, user):
    first = iam.create_access_key(UserName=user)["AccessKey"]
    second = iam.create_access_key(UserName=user)["AccessKey"]
    assert first["AccessKeyId"] != second["AccessKeyId"]
    assert first["SecretAccessKey"] != second["SecretAccessKey"]
