"""The user-environment cases (tests/scenarios/environment.json) with polyiam: credential sources,
proxies, CA bundles, botocore's Config, retry modes, endpoint variables.

Each case runs in a child process (this file run as a script) with the case's environment, as
test_environment_boto3.py runs boto3, and builds the client the way boto3 code does:
``polyiam.client(service, region_name=..., profile_name=..., verify=..., config=Config(...))`` with
botocore's own ``Config``. A case's ``polyiam_expect`` replaces its ``expect`` for polyiam (a
documented deviation, ``polyiam_deviation``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time


def polyiam_client(case: dict):
    """The client a case's options describe, written as boto3 code would write it."""
    import polyiam
    from test_environment_boto3 import boto3_kwargs

    return polyiam.client(case["service"], **boto3_kwargs(case["options"]))


def run_case_here(case: dict) -> dict:
    started = time.monotonic()
    try:
        client = polyiam_client(case)
        method = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", case["call"]["operation"]).lower()
        outcome = {"ok": True, "result": getattr(client, method)(**case["call"]["params"])}
    except Exception as exc:  # noqa: BLE001 - what polyiam raises is what is checked
        info = getattr(exc, "info", {}) or {}
        outcome = {
            "ok": False,
            "class": type(exc).__name__,
            "mro": [c.__name__ for c in type(exc).__mro__],
            "kind": info.get("kind"),
            "code": info.get("code"),
            "message": str(exc),
        }
    outcome["seconds"] = time.monotonic() - started
    return outcome


if __name__ == "__main__":
    sys.stdout.write("\n" + json.dumps(run_case_here(json.load(sys.stdin)), default=str) + "\n")
    sys.exit(0)


import pytest  # noqa: E402

from test_environment_boto3 import CASES, assert_subset, check_observe, child_env  # noqa: E402


@pytest.fixture(scope="module")
def environment(moto_url):
    import environment as env_harness  # tests/harness/environment.py (conftest puts it on sys.path)

    env = env_harness.start_environment(moto_url=moto_url)
    try:
        yield env
    finally:
        env.stop()


def run_polyiam(info: dict, case: dict) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__], input=json.dumps(case), capture_output=True, text=True, env=child_env(info, case), timeout=60
    )
    assert proc.returncode == 0, f"polyiam runner failed ({proc.returncode}):\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def expected_class(kind: str, code: str) -> str:
    from polyiam import _boundary

    return _boundary.CODE_CLASSES.get((kind, code)) or _boundary.KIND_CLASSES[kind]


@pytest.mark.parametrize("name", [case["name"] for case in CASES])
def test_environment_case(environment, name):
    case = environment.cases[name]
    environment.reset()
    outcome = run_polyiam(environment.info, case)
    expect = case.get("polyiam_expect", case["expect"])
    if "result" in expect:
        assert outcome["ok"], f"{name}: polyiam raised {outcome.get('class')}: {outcome.get('message')}"
        assert_subset(expect["result"], outcome["result"])
    else:
        error = expect["error"]
        assert not outcome["ok"], f"{name}: expected {error['code']}, polyiam returned {outcome['result']!r}"
        assert (outcome["kind"], outcome["code"]) == (error["polyiam_kind"], error["code"]), f"{name}: {outcome}"
        assert outcome["class"] == expected_class(error["polyiam_kind"], error["code"]), f"{name}: {outcome}"
        message = outcome["message"].lower()
        for fragment in error.get("message_contains", []):
            assert fragment.lower() in message, f"{fragment!r} not in {outcome['message']!r}"
        for fragment in error.get("message_excludes", []):
            assert fragment.lower() not in message, f"{fragment!r} leaked into {outcome['message']!r}"
    if "max_seconds" in expect:
        assert outcome["seconds"] <= expect["max_seconds"], f"{name}: took {outcome['seconds']:.1f}s"
    check_observe(case.get("observe", []), environment.requests())


def test_botocore_config_is_read_without_importing_botocore():
    """A Config-like object is read through its user-provided options; polyiam itself never imports
    botocore (a plain dict works the same), and an attribute polyiam cannot honour is refused by name."""
    code = (
        "import sys, polyiam\n"
        "class Config:\n"
        "    def __init__(self, **kw): self._user_provided_options = kw\n"
        "polyiam.client('iam', endpoint_url='http://127.0.0.1:9', aws_access_key_id='a', aws_secret_access_key='b',"
        " config=Config(retries={'max_attempts': 4, 'mode': 'adaptive'}, read_timeout=5, user_agent_extra='x'))\n"
        "polyiam.client('iam', endpoint_url='http://127.0.0.1:9', config={'region_name': 'eu-west-1'})\n"
        "try:\n"
        "    polyiam.client('iam', config=Config(client_cert='/c.pem'))\n"
        "except polyiam.exceptions.ConfigurationError as e:\n"
        "    assert 'client_cert' in str(e), e\n"
        "else:\n"
        "    raise SystemExit('client_cert was accepted')\n"
        "try:\n"
        "    polyiam.client('iam', config=Config(retries={'mode': 'legacy'}))\n"
        "except polyiam.exceptions.ConfigurationError as e:\n"
        "    assert 'adaptive' in str(e), e\n"
        "assert 'botocore' not in sys.modules, 'polyiam imported botocore'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
