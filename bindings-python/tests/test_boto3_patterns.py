"""What boto3 code passes to ``client()`` works unchanged (issue 19): the positional region,
``api_version`` and ``use_ssl`` (checked, then dropped), botocore's ``Config``."""

import pytest

import polyiam
import polyiam.aio


def keys():
    return {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.mark.parametrize("factory", [polyiam.client, polyiam.aio.client], ids=["blocking", "asyncio"])
def test_positional_region_api_version_and_use_ssl(moto_url, factory):
    c = factory("sts", "eu-west-1", "2011-06-15", True, endpoint_url=moto_url, **keys())
    with pytest.raises(TypeError, match="multiple values for argument 'region_name'"):
        factory("iam", "us-east-1", region_name="us-east-1")
    with pytest.raises(ValueError, match="use_ssl=False needs an http:// endpoint_url"):
        factory("iam", use_ssl=False)
    factory("iam", use_ssl=False, endpoint_url=moto_url, **keys())


def test_positional_region_signs_the_call(moto_url):
    sts = polyiam.client("sts", "us-east-1", None, None, None, moto_url, "testing", "testing")
    assert sts.get_caller_identity()["Account"] == "123456789012"


def test_client_meta_like_boto3(moto_url, boto):
    iam = polyiam.client("iam", "us-east-1", endpoint_url=moto_url, **keys())
    assert (iam.meta.region_name, iam.meta.endpoint_url, iam.meta.service_model.service_name) == (
        boto.meta.region_name,
        boto.meta.endpoint_url,
        boto.meta.service_model.service_name,
    )
    # Without an endpoint: the service's own for the region, as botocore resolves it.
    assert polyiam.client("sts", "eu-west-1", **keys()).meta.endpoint_url == "https://sts.eu-west-1.amazonaws.com"


def test_build_full_result_like_boto3(moto_url, boto, make_user):
    user = make_user()
    for _ in range(2):
        boto.create_access_key(UserName=user)
    iam = polyiam.client("iam", endpoint_url=moto_url, region_name="us-east-1", **keys())
    for config in ({}, {"MaxItems": 1}, {"PageSize": 1}):
        ours = iam.get_paginator("list_access_keys").paginate(UserName=user, PaginationConfig=config).build_full_result()
        theirs = boto.get_paginator("list_access_keys").paginate(UserName=user, PaginationConfig=config).build_full_result()
        strip = lambda r: {k: v for k, v in r.items() if k != "IsTruncated"}  # noqa: E731 - botocore drops it too
        assert strip(ours) == strip(theirs), config
