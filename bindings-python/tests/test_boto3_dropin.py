"""Code written for boto3 runs unchanged on polyiam (issue 19).

Every test body below is boto3 code as its users write it: ``botocore.exceptions`` in ``except``
clauses and ``pytest.raises``, ``client.exceptions.<Name>``, paginators with ``PaginationConfig``,
waiters, ``client.meta``, IAM's ``ValidationError`` answer. Each body runs twice on one moto:
once with ``boto3.client`` (the control: the body is right about boto3) and once with
``polyiam.client`` in its place, and nothing else changes.
"""

import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    ParamValidationError,
    WaiterError,
)

import polyiam

POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}'
TRUST = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
    '"Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]}'
)


@pytest.fixture(params=["boto3", "polyiam"])
def make_client(request, moto_url):
    """``boto3.client`` or ``polyiam.client``, bound to moto: what a test module's fixture would be."""
    factory = boto3.client if request.param == "boto3" else polyiam.client

    def make(service, **kwargs):
        kwargs.setdefault("region_name", "us-east-1")
        kwargs.setdefault("endpoint_url", moto_url)
        kwargs.setdefault("aws_access_key_id", "testing")
        kwargs.setdefault("aws_secret_access_key", "testing")
        return factory(service, **kwargs)

    return make


@pytest.fixture
def iam(make_client):
    return make_client("iam")


def name(prefix="dropin"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


# ---- error handlers -------------------------------------------------------------------------


def test_except_client_error_reads_the_code(iam):
    try:
        iam.get_user(UserName=name("missing"))
    except ClientError as e:
        assert e.response["Error"]["Code"] == "NoSuchEntity"
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        assert e.operation_name == "GetUser"
        assert "when calling the GetUser operation" in str(e)
    else:
        pytest.fail("no error raised")


def test_modelled_exception_from_client_exceptions(iam):
    user = name()
    iam.create_user(UserName=user)
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as caught:
        iam.create_user(UserName=user)
    assert isinstance(caught.value, ClientError)
    assert caught.value.response["Error"]["Code"] == "EntityAlreadyExists"
    with pytest.raises(ClientError, match="NoSuchEntity"):
        iam.delete_login_profile(UserName=user)
    iam.delete_user(UserName=user)


def test_missing_required_member_is_param_validation_error(iam):
    with pytest.raises(ParamValidationError, match="UserName"):
        iam.create_user()
    with pytest.raises(ParamValidationError, match="NoSuchParameter"):
        iam.list_users(NoSuchParameter=1)


def test_unreachable_endpoint_is_endpoint_connection_error(make_client, closed_port_url):
    iam = make_client("iam", endpoint_url=closed_port_url, config=Config(retries={"total_max_attempts": 1}))
    with pytest.raises(EndpointConnectionError):
        iam.list_users()


# ---- IAM's own ValidationError --------------------------------------------------------------


def test_bad_version_id_is_iams_validation_error(iam):
    arn = iam.create_policy(PolicyName=name("policy"), PolicyDocument=POLICY)["Policy"]["Arn"]
    try:
        iam.set_default_policy_version(PolicyArn=arn, VersionId="wrong_version_id")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "ValidationError"
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert "Value 'wrong_version_id' at 'versionId' failed to satisfy constraint" in e.response["Error"]["Message"]
    else:
        pytest.fail("no error raised")
    iam.delete_policy(PolicyArn=arn)


def test_too_long_tag_key_is_iams_validation_error(iam):
    role = name("role")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    with pytest.raises(ClientError) as caught:
        iam.tag_role(RoleName=role, Tags=[{"Key": "k" * 129, "Value": "v"}])
    assert caught.value.response["Error"]["Code"] == "ValidationError"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    message = caught.value.response["Error"]["Message"]
    assert message.startswith("1 validation error detected: Value 'kkkk")
    assert "at 'tags." in message and "Member must have length less than or equal to 128" in message
    iam.delete_role(RoleName=role)


# ---- paginators -----------------------------------------------------------------------------


def test_paginator_with_page_size_and_max_items(iam):
    path = f"/{name('path')}/"
    roles = sorted(name("paged") for _ in range(3))
    for role in roles:
        iam.create_role(RoleName=role, Path=path, AssumeRolePolicyDocument=TRUST)
    assert iam.can_paginate("list_roles") and not iam.can_paginate("create_role")
    paginator = iam.get_paginator("list_roles")

    pages = list(paginator.paginate(PathPrefix=path, PaginationConfig={"PageSize": 1}))
    assert [len(p["Roles"]) for p in pages] == [1, 1, 1]

    first = paginator.paginate(PathPrefix=path, PaginationConfig={"MaxItems": 2}).build_full_result()
    assert len(first["Roles"]) == 2 and "NextToken" in first
    rest = paginator.paginate(
        PathPrefix=path, PaginationConfig={"MaxItems": 5, "StartingToken": first["NextToken"]}
    ).build_full_result()
    assert sorted(r["RoleName"] for r in first["Roles"] + rest["Roles"]) == roles
    assert "NextToken" not in rest
    for role in roles:
        iam.delete_role(RoleName=role)


def test_paginator_search_like_boto3(iam):
    user = name()
    iam.create_user(UserName=user)
    for _ in range(2):
        iam.create_access_key(UserName=user)
    pages = iam.get_paginator("list_access_keys").paginate(UserName=user)
    ids = [meta["AccessKeyId"] for page in pages for meta in page["AccessKeyMetadata"]]
    assert len(ids) == 2
    for key in ids:
        iam.delete_access_key(UserName=user, AccessKeyId=key)
    iam.delete_user(UserName=user)


# ---- waiters --------------------------------------------------------------------------------


def test_user_exists_waiter(iam):
    user = name()
    iam.create_user(UserName=user)
    iam.get_waiter("user_exists").wait(UserName=user, WaiterConfig={"Delay": 1, "MaxAttempts": 2})
    with pytest.raises(WaiterError):
        iam.get_waiter("user_exists").wait(UserName=name("never"), WaiterConfig={"Delay": 1, "MaxAttempts": 1})
    iam.delete_user(UserName=user)


# ---- client.meta and services ---------------------------------------------------------------


def test_client_meta(make_client, moto_url):
    iam = make_client("iam", region_name="eu-west-1")
    assert iam.meta.region_name == "eu-west-1"
    assert iam.meta.endpoint_url == moto_url
    assert iam.meta.service_model.service_name == "iam"


def test_assume_role_then_a_client_with_its_credentials(make_client):
    iam = make_client("iam")
    role = name("role")
    arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    creds = make_client("sts").assume_role(RoleArn=arn, RoleSessionName="dropin")["Credentials"]
    assumed = make_client(
        "sts",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    assert assumed.get_caller_identity()["Arn"].endswith(f"assumed-role/{role}/dropin")
    iam.delete_role(RoleName=role)


def test_tags_round_trip(iam):
    user = name()
    iam.create_user(UserName=user, Tags=[{"Key": "team", "Value": "data"}])
    iam.tag_user(UserName=user, Tags=[{"Key": "cost", "Value": "42"}])
    tags = {t["Key"]: t["Value"] for t in iam.list_user_tags(UserName=user)["Tags"]}
    assert tags == {"team": "data", "cost": "42"}
    created = iam.get_user(UserName=user)["User"]["CreateDate"]
    assert created.tzinfo is not None
    iam.delete_user(UserName=user)
