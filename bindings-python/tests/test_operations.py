"""Every other operation at least once, checked against shapes.json; every operation of the
official model callable, validated and documented."""

import json
import os
import re

import pytest

import polyiam  # noqa: F401

from conftest import COMMON, REPO_ROOT, SHAPES, assert_is_utc_datetime, assert_operation_output, make_client, unique_name


def _listed(iam, user):
    return {k["AccessKeyId"]: k for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]}


def test_create_user_with_path_and_tags(iam, make_user):
    extras = COMMON["users"]["create_user_extras"]
    name = unique_name("polyiam-test-create")
    make_user.track(name)
    result = iam.create_user(UserName=name, Path=extras["Path"], Tags=extras["Tags"])
    assert_operation_output("CreateUser", result, {"$user": name})
    created = result["User"]
    assert created["Path"] == extras["Path"]
    assert created["Tags"] == extras["Tags"]
    assert created["Arn"].endswith(":user" + extras["Path"] + name)
    assert created["Arn"].startswith("arn:aws:iam::" + COMMON["moto"]["account_id"] + ":")


def test_get_user_returns_path_and_tags(iam, make_user):
    extras = COMMON["users"]["create_user_extras"]
    name = make_user(Path=extras["Path"], Tags=extras["Tags"])
    fetched = iam.get_user(UserName=name)["User"]
    assert fetched["UserName"] == name
    assert fetched["Path"] == extras["Path"]
    assert fetched["Tags"] == extras["Tags"]


def test_get_user_matches_create_user(iam, make_user):
    name = make_user()
    fetched = iam.get_user(UserName=name)["User"]
    assert fetched["UserName"] == name
    assert fetched["UserId"]
    assert fetched["Arn"].endswith(":user/" + name)
    assert_is_utc_datetime(fetched["CreateDate"], "User.CreateDate")


def test_get_user_fresh_user_shape(iam, user):
    result = iam.get_user(UserName=user)
    assert_operation_output("GetUser", result, {"$user": user})


def test_get_user_omits_absent_optional_members(iam, user):
    fetched = iam.get_user(UserName=user)["User"]
    assert set(fetched) == {"Path", "UserName", "UserId", "Arn", "CreateDate"}
    for absent in ("PasswordLastUsed", "PermissionsBoundary", "Tags"):
        assert absent not in fetched
    assert set(fetched) == set(SHAPES["operations"]["GetUser"]["output"]["User"])


def test_list_access_keys_lists_both_keys(iam, user):
    created = [iam.create_access_key(UserName=user)["AccessKey"] for _ in range(2)]
    result = iam.list_access_keys(UserName=user)
    assert_operation_output("ListAccessKeys", result, {"$user": user})
    listed = result["AccessKeyMetadata"]
    assert sorted(k["AccessKeyId"] for k in listed) == sorted(k["AccessKeyId"] for k in created)
    by_id = {k["AccessKeyId"]: k for k in listed}
    for key in created:
        entry = by_id[key["AccessKeyId"]]
        assert entry["UserName"] == user
        assert entry["Status"] == "Active"
        assert entry["CreateDate"] == key["CreateDate"]
        assert "SecretAccessKey" not in entry
    assert result.get("IsTruncated", False) is False
    assert "Marker" not in result


def test_list_access_keys_empty_for_fresh_user(iam, user):
    result = iam.list_access_keys(UserName=user)
    assert result["AccessKeyMetadata"] == []
    assert result.get("IsTruncated", False) is False


def test_update_access_key_to_inactive(iam, user):
    key_id = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    result = iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Inactive")
    assert_operation_output("UpdateAccessKey", result)
    assert _listed(iam, user)[key_id]["Status"] == "Inactive"


def test_update_access_key_back_to_active(iam, user):
    key_id = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Inactive")
    iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Active")
    assert _listed(iam, user)[key_id]["Status"] == "Active"


def test_get_access_key_last_used(iam, user):
    key_id = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    result = iam.get_access_key_last_used(AccessKeyId=key_id)
    assert "UserName" in result
    assert "AccessKeyLastUsed" in result
    assert result["UserName"] == user
    assert result["AccessKeyLastUsed"]["ServiceName"] == "N/A"
    assert result["AccessKeyLastUsed"]["Region"] == "N/A"
    assert_operation_output("GetAccessKeyLastUsed", result, {"$user": user})


def test_delete_access_key_removes_it_from_list(iam, user):
    keep = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    gone = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    result = iam.delete_access_key(UserName=user, AccessKeyId=gone)
    assert_operation_output("DeleteAccessKey", result)
    assert set(_listed(iam, user)) == {keep}


def test_delete_access_key_frees_quota(iam, user):
    keys = [iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"] for _ in range(2)]
    iam.delete_access_key(UserName=user, AccessKeyId=keys[0])
    third = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    assert set(_listed(iam, user)) == {keys[1], third}


def test_delete_user_then_get_user_raises_no_such_entity(iam, make_user):
    name = make_user()
    result = iam.delete_user(UserName=name)
    assert_operation_output("DeleteUser", result)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as info:
        iam.get_user(UserName=name)
    assert info.value.response["Error"]["Code"] == "NoSuchEntity"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert info.value.operation_name == "GetUser"
    assert name in info.value.response["Error"]["Message"]


def official_operations():
    """The operations of the official IAM model (../shared/reference); required in CI."""
    path = REPO_ROOT.parent / "shared" / "reference" / "iam-2010-05-08.smithy.json"
    if not path.exists() and os.environ.get("POLYIAM_SKIP_REFERENCE") == "1":
        pytest.skip("POLYIAM_SKIP_REFERENCE=1: the official model is not here")
    shapes = json.loads(path.read_text(encoding="utf-8"))["shapes"]
    return sorted(k.split("#")[1] for k, v in shapes.items() if v["type"] == "operation")


def test_every_official_operation_is_callable_validated_and_documented():
    import polyiam

    offline = make_client("http://127.0.0.1:9")
    for op in official_operations():
        method = getattr(offline, snake_case_boto(op), None)
        assert callable(method), f"{op}: no method"
        assert f"API_{op}.html" in (method.__doc__ or ""), f"{op}: not documented"
        # Refused before anything is sent (nothing listens on port 9).
        with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
            method(NoSuchMember=1)
        assert any(i["path"] == "NoSuchMember" for i in info.value.issues), op


def snake_case_boto(op: str) -> str:
    """botocore's xform_name: CreateAccessKey -> create_access_key, ListMFADevices -> list_mfa_devices."""
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", op)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()
