"""STS, the second service (tests/scenarios/sts.json): the same conventions as IAM's client."""

import datetime

import pytest

import polyiam
import polyiam.aio
from conftest import client_kwargs, load_scenario

STS = load_scenario("sts")


@pytest.fixture(scope="module")
def sts(moto_url):
    return polyiam.client(STS["service"], **client_kwargs(moto_url))


def test_get_caller_identity(sts):
    spec = STS["get_caller_identity"]
    result = sts.get_caller_identity()
    assert type(sts).__name__ == STS["client_class"]
    assert {k: type(result[k]).__name__ for k in spec["output"]} == {k: "str" for k in spec["output"]}
    for key, value in spec["values"].items():
        assert result[key] == value
    assert result["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_get_session_token_has_typed_credentials(sts):
    spec = STS["get_session_token"]
    creds = sts.get_session_token(**spec["input"])["Credentials"]
    assert sorted(creds) == sorted(spec["credentials"])
    assert isinstance(creds["Expiration"], datetime.datetime) and creds["Expiration"].utcoffset() == datetime.timedelta(0)
    assert "secret" not in repr(sts).lower()


def test_bad_input_is_refused_before_sending(sts):
    spec = STS["bad_input"]
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        sts.get_session_token(**spec["input"])
    assert [(i["path"], i["rule"]) for i in info.value.issues] == [(spec["path"], spec["rule"])]
    assert info.value.operation_name == spec["operation"]


def test_exceptions_are_the_services_own(sts):
    assert "RegionDisabledException" in vars(sts.exceptions)
    assert "NoSuchEntityException" not in vars(sts.exceptions)


def test_asyncio_client(moto_url):
    import asyncio

    async def main():
        async with polyiam.aio.client(STS["service"], **client_kwargs(moto_url)) as sts:
            return await sts.get_caller_identity()

    assert asyncio.run(main())["Account"] == STS["get_caller_identity"]["values"]["Account"]


def snake(name: str) -> str:
    """botocore's method name for an operation (AssumeRoleWithSAML -> assume_role_with_saml)."""
    import re

    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)).lower()


@pytest.mark.parametrize("spec", STS["every_operation"], ids=lambda s: s["operation"])
def test_every_operation(sts, spec):
    method = getattr(sts, snake(spec["operation"]))
    if spec.get("moto") == "unimplemented":
        # Validated, signed and sent; moto answers an HTML 500 page for operations it lacks.
        with pytest.raises(polyiam.exceptions.ResponseParseError) as info:
            method(**spec["input"])
        assert info.value.info["http_status"] == 500 and info.value.operation_name == spec["operation"]
        return
    result = method(**spec["input"])
    assert set(spec["output"]) <= set(result), sorted(result)
    if spec.get("credentials"):
        creds = result["Credentials"]
        assert {"AccessKeyId", "SecretAccessKey", "SessionToken"} <= set(creds)
        assert isinstance(creds["Expiration"], datetime.datetime) and creds["Expiration"].utcoffset() == datetime.timedelta(0)


def test_every_operation_of_the_official_model_is_covered(sts):
    import json
    from pathlib import Path

    official = json.loads((Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "sts-2011-06-15.smithy.json").read_text())
    names = {k.split("#")[1] for k, v in official["shapes"].items() if v["type"] == "operation"}
    assert names == {s["operation"] for s in STS["every_operation"]}
    assert all(hasattr(sts, snake(n)) for n in names)


def test_assume_role_credentials_make_a_client(sts, moto_url):
    """The idiom: AssumeRole's Credentials, by boto3's names, into a new client."""
    spec = STS["assume_role_then_call"]
    creds = sts.assume_role(**spec["input"])["Credentials"]
    assumed = polyiam.client(
        "sts",
        endpoint_url=moto_url,
        region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    assert assumed.get_caller_identity()["Arn"] == spec["arn"]
