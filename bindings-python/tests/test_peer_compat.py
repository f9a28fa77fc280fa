"""Side by side with boto3 on one moto: the error shapes code written for boto3 relies on."""

import pickle

import botocore.exceptions
import pytest

import polyiam

from conftest import COMMON


def _both(iam, boto, method, **params):
    with pytest.raises(polyiam.exceptions.ClientError) as ours:
        getattr(iam, method)(**params)
    with pytest.raises(botocore.exceptions.ClientError) as theirs:
        getattr(boto, method)(**params)
    return ours.value, theirs.value


# moto writes a lower-case <message> element beside IAM's <Message> into <Error>, which botocore copies
# (into Error and, through the modelled shape's `message` member, the top level); IAM itself does not
# send it. Everything else must match.
MOTO_ONLY = {"message"}


@pytest.mark.parametrize("method,params", [
    ("get_user", {"UserName": COMMON["users"]["unknown"]}),
    ("create_access_key", {"UserName": COMMON["users"]["unknown"]}),
])
def test_error_dict_has_boto3s_keys_in_boto3s_order(iam, boto, method, params):
    ours, theirs = _both(iam, boto, method, **params)
    boto_error = theirs.response["Error"]
    assert set(boto_error) - set(ours.response["Error"]) <= MOTO_ONLY, boto_error
    assert list(ours.response["Error"]) == [k for k in boto_error if k not in MOTO_ONLY] == ["Type", "Code", "Message"]
    for key in ("Type", "Code", "Message"):
        assert ours.response["Error"][key] == boto_error[key], key
    assert [k for k in theirs.response if k not in MOTO_ONLY] == list(ours.response) == ["Error", "ResponseMetadata"]
    ours_meta, boto_meta = ours.response["ResponseMetadata"], theirs.response["ResponseMetadata"]
    assert list(ours_meta) == list(boto_meta)
    assert ours_meta["HTTPStatusCode"] == boto_meta["HTTPStatusCode"]
    assert set(ours_meta["HTTPHeaders"]) == set(boto_meta["HTTPHeaders"])


def test_operation_name_is_a_plain_attribute_as_in_botocore(iam, boto):
    ours, theirs = _both(iam, boto, "get_user", UserName=COMMON["users"]["unknown"])
    assert vars(ours)["operation_name"] == vars(theirs)["operation_name"] == "GetUser"
    ours.operation_name = "Changed"  # botocore's is writable; a read-only property would raise here
    assert ours.operation_name == "Changed"
    assert pickle.loads(pickle.dumps(ours)).operation_name == "Changed"


def test_param_validation_error_has_boto3s_report(iam, boto):
    bad = {"UserName": 5, "Foo": "x"}
    with pytest.raises(polyiam.exceptions.ParamValidationError) as ours:
        iam.get_user(**bad)
    with pytest.raises(botocore.exceptions.ParamValidationError) as theirs:
        boto.get_user(**bad)
    ours_report, boto_report = ours.value.kwargs["report"], theirs.value.kwargs["report"]
    assert set(ours.value.kwargs) == set(theirs.value.kwargs) == {"report"}
    assert isinstance(ours_report, str)
    # One line per problem, as botocore's; each names the member it is about.
    assert len(ours_report.splitlines()) == len(boto_report.splitlines()) == 2
    for member in ("UserName", "Foo"):
        assert member in ours_report and member in boto_report
    for line in ours_report.splitlines():
        assert line in str(ours.value)
    again = pickle.loads(pickle.dumps(ours.value))
    assert again.kwargs == ours.value.kwargs and again.issues == ours.value.issues


def test_report_of_a_single_problem(iam):
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        iam.delete_access_key(UserName="someone")
    assert info.value.kwargs["report"].startswith("AccessKeyId")
    assert "\n" not in info.value.kwargs["report"]
