"""The user-environment cases (tests/scenarios/environment.json) run with boto3: the control.

tests/harness/environment.py starts the servers, writes the files and prints the cases resolved;
each case runs boto3 in a child process (this file run as a script) whose environment is the
test's minus ``clear_env`` plus the case's ``env``, so credential, proxy and CA variables are seen
by a fresh botocore exactly as a user's shell would set them. The same cases, read the same way,
are what polyiam's tests in every language must pass; a case boto3 cannot do is marked
``"boto3": "skip: reason"`` in the scenario. Uses boto3 only, not polyiam.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

SCENARIO = Path(__file__).resolve().parents[2] / "tests" / "scenarios" / "environment.json"


# --------------------------------------------------------------------------
# Child side: run one case with boto3 (python test_environment_boto3.py < case.json)
# --------------------------------------------------------------------------


def boto3_kwargs(opts: dict) -> dict:
    """A case's options (polyiam's core names) as boto3 code writes them: client() keyword arguments,
    with ``config`` as botocore's ``Config`` and ``profile_name`` for the caller to place."""
    from botocore.config import Config

    config = {name: opts[name] for name in ("connect_timeout", "read_timeout", "proxies") if name in opts}
    retries = {}
    if "max_attempts" in opts:
        retries["total_max_attempts"] = opts["max_attempts"]  # total, first attempt included
    if "retry_mode" in opts:
        retries["mode"] = opts["retry_mode"]
    if retries:
        config["retries"] = retries
    kwargs = {
        "region_name": opts.get("region"),
        "endpoint_url": opts.get("endpoint_url"),
        "profile_name": opts.get("profile"),
        "aws_access_key_id": opts.get("access_key_id"),
        "aws_secret_access_key": opts.get("secret_access_key"),
        "aws_session_token": opts.get("session_token"),
        "config": Config(**config),
    }
    if "ca_bundle" in opts:
        kwargs["verify"] = opts["ca_bundle"]
    if "verify" in opts:
        kwargs["verify"] = opts["verify"]
    return kwargs


def boto3_client(case: dict):
    """The boto3 client a case's options describe."""
    import boto3

    kwargs = boto3_kwargs(case["options"])
    session = boto3.session.Session(profile_name=kwargs.pop("profile_name"))  # ProfileNotFound comes from here
    return session.client(case["service"], **kwargs)


def run_case_here(case: dict) -> dict:
    started = time.monotonic()
    try:
        client = boto3_client(case)
        method = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", case["call"]["operation"]).lower()
        result = getattr(client, method)(**case["call"]["params"])
        outcome = {"ok": True, "result": result}
    except Exception as exc:  # noqa: BLE001 - recording what boto3 raises is the point
        outcome = {"ok": False, "class": type(exc).__name__, "mro": [c.__name__ for c in type(exc).__mro__], "message": str(exc)}
    outcome["seconds"] = time.monotonic() - started
    return outcome


def child_main() -> int:
    case = json.load(sys.stdin)
    outcome = run_case_here(case)
    sys.stdout.write("\n" + json.dumps(outcome, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(child_main())


# --------------------------------------------------------------------------
# Parent side: pytest
# --------------------------------------------------------------------------

import pytest  # noqa: E402

CASES = json.loads(SCENARIO.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def environment(moto_url):
    import environment as env_harness  # tests/harness/environment.py (conftest puts it on sys.path)

    env = env_harness.start_environment(moto_url=moto_url)
    try:
        yield env
    finally:
        env.stop()


def child_env(info: dict, case: dict) -> dict:
    """This process's environment minus clear_env, plus the case's env (None = unset)."""
    clear = info["clear_env"]
    env = {
        k: v for k, v in os.environ.items()
        if k not in clear["names"] and not any(k.startswith(p) for p in clear["prefixes"])
    }
    for name, value in case["env"].items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_boto3(info: dict, case: dict) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__],
        input=json.dumps(case),
        capture_output=True,
        text=True,
        env=child_env(info, case),
        timeout=60,
    )
    assert proc.returncode == 0, f"boto3 runner failed ({proc.returncode}):\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def assert_subset(expected, actual, where: str = "result") -> None:
    """Every key of ``expected`` is in ``actual`` with a matching value (recursively)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}: no {key!r} in {sorted(actual)}"
            assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: expected {expected!r}, got {actual!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            assert_subset(e, a, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def subset_matches(expected, actual) -> bool:
    try:
        assert_subset(expected, actual)
    except AssertionError:
        return False
    return True


def check_observe(observe: list, logs: dict) -> None:
    for rule in observe:
        entries = logs[rule["server"]]
        count = sum(1 for entry in entries if subset_matches(rule["where"], entry))
        assert count >= rule.get("at_least", 0), f"{rule}: {count} matching requests; log: {json.dumps(entries)[:2000]}"
        if "at_most" in rule:
            assert count <= rule["at_most"], f"{rule}: {count} matching requests; log: {json.dumps(entries)[:2000]}"


@pytest.mark.parametrize("name", [case["name"] for case in CASES])
def test_environment_case_boto3(environment, name):
    case = environment.cases[name]
    marker = case.get("boto3", "")
    if marker.startswith("skip:"):
        pytest.skip(marker[len("skip:"):].strip())
    environment.reset()
    outcome = run_boto3(environment.info, case)
    expect = case["expect"]
    if "result" in expect:
        assert outcome["ok"], f"{name}: boto3 raised {outcome.get('class')}: {outcome.get('message')}"
        assert_subset(expect["result"], outcome["result"])
    else:
        error = expect["error"]
        assert not outcome["ok"], f"{name}: expected {error['boto3']}, boto3 returned {outcome['result']!r}"
        assert outcome["class"] == error["boto3"], f"{name}: {outcome['class']} ({outcome['mro']}): {outcome['message']}"
        message = outcome["message"].lower()
        for fragment in error.get("boto3_message_contains", []):
            assert fragment.lower() in message, f"{fragment!r} not in {outcome['message']!r}"
        for fragment in error.get("message_excludes", []):  # secrets: excluded from every client's message
            assert fragment.lower() not in message, f"{fragment!r} leaked into {outcome['message']!r}"
    if "max_seconds" in expect:
        assert outcome["seconds"] <= expect["max_seconds"], f"{name}: took {outcome['seconds']:.1f}s"
    check_observe(case.get("observe", []), environment.requests())


def test_every_case_has_the_fields_other_languages_read():
    """A guard for the scenario file itself: the shape the Node and R tests rely on."""
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in CASES:
        assert set(case) <= {"name", "about", "env", "options", "service", "call", "expect", "observe", "boto3", "polyiam_expect", "polyiam_deviation"}, case["name"]
        assert case["service"] in ("iam", "sts"), case["name"]
        assert ("result" in case["expect"]) != ("error" in case["expect"]), case["name"]
        if "error" in case["expect"]:
            assert {"boto3", "polyiam_kind", "code"} <= set(case["expect"]["error"]), case["name"]
        for rule in case.get("observe", []):
            assert set(rule) <= {"server", "where", "at_least", "at_most"}, case["name"]


def test_harness_stops_and_cleans_up(moto_url):
    """Closing stdin stops environment.py with status 0 and deletes its temp dir; the control
    reset restores the files a case may have rewritten (here: a token refresh's cache file)."""
    import environment as env_harness

    env = env_harness.start_environment(moto_url=moto_url)
    try:
        root = Path(env.info["dir"])
        cache = next((root / "home" / ".aws" / "sso" / "cache").glob("*.json"))
        original = json.loads(cache.read_text())
        cache.write_text("{}")
        env.reset()
        # Not byte-equal: the {time:...} placeholders are re-evaluated, so expiry stays relative to now.
        assert json.loads(cache.read_text())["accessToken"] == original["accessToken"]
    finally:
        status = env.stop()
    assert status == 0
    assert not root.exists()
