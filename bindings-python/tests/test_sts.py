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
