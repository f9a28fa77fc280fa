"""The whole IAM API (tests/scenarios/iam_api.json): one workflow per family against moto, each
step's result checked, policy documents decoded into dicts as boto3 does, the waiters, and the shape
of every `compare` step side by side with boto3's on the same moto."""

import datetime
import json
import re
import uuid

import pytest

import polyiam
from conftest import load_scenario

API = load_scenario("iam_api")


def method_name(op: str) -> str:
    """botocore's xform_name: ListMFADevices -> list_mfa_devices."""
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", op)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def fresh_names(tag: str) -> dict:
    suffix = uuid.uuid4().hex[:10]
    return {
        "$user": f"api-{tag}-{suffix}",
        "$group": f"api-group-{suffix}",
        "$role": f"api-role-{suffix}",
        "$profile": f"api-profile-{suffix}",
        "$policy_name": f"api-policy-{suffix}",
        "$missing": f"api-missing-{suffix}",
        "$policy_document": json.dumps(API["policy_document"]),
        "$assume_role_policy_document": json.dumps(API["assume_role_policy_document"]),
    }


def fill(value, names: dict):
    if isinstance(value, str):
        for k, v in sorted(names.items(), key=lambda kv: -len(kv[0])):
            if value == k:
                return v
            value = value.replace(k, v) if k.startswith("$") and isinstance(v, str) else value
        return value
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    return value


def get_path(value, dotted: str):
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", dotted):
        value = value[int(part[1:-1])] if part.startswith("[") else value[part]
    return value


def run_family(client, steps, names, decoded_documents: bool):
    """Runs the steps; returns {index: result} of the `compare` steps."""
    compared = {}
    for i, step in enumerate(steps):
        result = getattr(client, method_name(step["op"]))(**fill(step["params"], names))
        result.pop("ResponseMetadata", None)
        for key, path in step.get("save", {}).items():
            names[f"${key}"] = get_path(result, path)
        for path, want in step.get("expect", {}).items():
            assert get_path(result, path) == fill(want, names), f"{step['op']}: {path}"
        for path, doc in step.get("documents", {}).items():
            got = get_path(result, path)
            if decoded_documents:
                assert got == API[doc], f"{step['op']}: {path} decoded as boto3 does"
        if step.get("compare"):
            compared[i] = result
    return compared


@pytest.mark.parametrize("family", sorted(API["families"]))
def test_family_workflow(iam, family):
    run_family(iam, API["families"][family], fresh_names(family), decoded_documents=True)


def signature(value):
    """The shape of a result: keys and value types, recursively (lists by their first item)."""
    if isinstance(value, dict):
        return {k: signature(v) for k, v in value.items()}
    if isinstance(value, list):
        return [signature(value[0])] if value else []
    if isinstance(value, datetime.datetime):
        return "timestamp"
    return type(value).__name__


@pytest.mark.parametrize("family", sorted(API["families"]))
def test_results_have_boto3s_shape(iam, boto, family):
    steps = API["families"][family]
    ours = run_family(iam, steps, fresh_names(family), decoded_documents=True)
    theirs = run_family(boto, steps, fresh_names(family + "-boto3"), decoded_documents=True)
    assert ours.keys() == theirs.keys()
    defaulted = set(API["defaulted_members"]["names"])
    for i in ours:
        mine = {k: v for k, v in signature(ours[i]).items() if k not in defaulted or k in theirs[i]}
        assert mine == signature(theirs[i]), f"{steps[i]['op']}: {mine} vs boto3's {signature(theirs[i])}"


def test_compared_operations_are_at_least_twenty():
    ops = {s["op"] for steps in API["families"].values() for s in steps if s.get("compare")}
    assert len(ops) >= 20, sorted(ops)


@pytest.mark.parametrize("case", API["waiters"]["cases"], ids=lambda c: c["waiter"])
def test_waiters(iam, case):
    names = fresh_names("wait")
    create = case["create"]
    result = getattr(iam, method_name(create["op"]))(**fill(create["params"], names))
    for key, path in create.get("save", {}).items():
        names[f"${key}"] = get_path(result, path)
    waiter = iam.get_waiter(method_name(case["waiter"]))
    assert waiter.wait(**fill(case["params"], names), WaiterConfig={"Delay": 1, "MaxAttempts": API["waiters"]["max_wait"]}) is None
    expected = getattr(polyiam.exceptions, case["missing_error"]["class"]) if "missing_error" in case else polyiam.exceptions.WaiterError
    with pytest.raises(expected) as info:
        waiter.wait(**fill(case["missing"], names), WaiterConfig={"Delay": 1, "MaxAttempts": API["waiters"]["timeout_max_wait"]})
    if "missing_error" not in case:
        assert case["waiter"] in str(info.value)


def test_waiter_names_are_boto3s(iam, boto):
    assert iam.waiter_names == boto.waiter_names
