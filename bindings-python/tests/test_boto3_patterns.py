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
