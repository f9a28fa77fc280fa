"""Ctrl-C during a call (tests/scenarios/runtime.json "interrupt"): a call blocked on a server that
never answers raises KeyboardInterrupt soon after SIGINT, not after the read timeout; the request is
dropped and not retried; a write whose request was sent says its outcome is unknown.

Each case runs in a child Python (SIGINT to the test process itself would stop pytest)."""

import json
import signal
import subprocess
import sys
import time

import pytest

from conftest import HARNESS_DIR, REPO_ROOT, load_scenario, snake_case

if str(HARNESS_DIR) not in sys.path:
    sys.path.insert(0, str(HARNESS_DIR))

import fault_server  # noqa: E402

INTERRUPT = load_scenario("runtime")["interrupt"]

CHILD = r"""
import json, sys, time
import polyiam
url, method, params, read_timeout = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), float(sys.argv[4])
iam = polyiam.client("iam", endpoint_url=url, read_timeout=read_timeout,
                     aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
print("calling", flush=True)
try:
    getattr(iam, method)(**params)
    print(json.dumps({"returned": True}), flush=True)
except KeyboardInterrupt as e:
    print(json.dumps({"interrupted": True, "notes": getattr(e, "__notes__", [])}), flush=True)
except Exception as e:
    print(json.dumps({"raised": type(e).__name__, "message": str(e)}), flush=True)
"""


@pytest.fixture(scope="module")
def faults(moto_url):
    with fault_server.start_fault_server(upstream=moto_url) as server:
        yield server


@pytest.mark.parametrize("case", INTERRUPT["cases"], ids=lambda c: c["operation"])
def test_sigint_interrupts_a_blocked_call(faults, case):
    fault_server.reset(faults.url)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            f"{faults.url}/{INTERRUPT['fault']}",
            snake_case(case["operation"]),
            json.dumps(case["input"]),
            str(INTERRUPT["read_timeout"]),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    try:
        assert child.stdout.readline().strip() == "calling"
        time.sleep(INTERRUPT["signal_after_seconds"])
        signalled = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=INTERRUPT["read_timeout"])
        took = time.monotonic() - signalled
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    result = json.loads(out.strip().splitlines()[-1])
    print(f"{case['operation']}: KeyboardInterrupt {took * 1000:.0f} ms after SIGINT")
    assert result.get("interrupted"), result
    assert took < INTERRUPT["bound_seconds"], f"{took:.2f} s after SIGINT: the call waited instead of being interrupted"
    notes = " ".join(result["notes"])
    if sys.version_info >= (3, 11):
        assert f"the {case['operation']} call was cancelled" in notes, notes
        assert ("outcome of " in notes) == case["outcome_unknown"], notes
    received = [r for r in fault_server.requests(faults.url) if r["params"].get("Action") == case["operation"]]
    assert len(received) == 1, f"the request was sent once and not retried after the interrupt: {received}"
