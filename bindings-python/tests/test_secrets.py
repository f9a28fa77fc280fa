"""Secrets never show: not in repr/str of clients or errors, not in log output at RUST_LOG=trace,
and a Rust panic becomes a Python exception instead of crossing the FFI boundary."""

import os
import subprocess
import sys

import pytest

import polyiam
from conftest import REPO_ROOT, make_client, unique_name

SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEY"


def test_client_repr_hides_credentials(moto_url):
    client = make_client(moto_url, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key=SECRET, aws_session_token="TOKEN" + SECRET)
    for text in (repr(client), str(client), repr(client._native)):
        assert SECRET not in text


def test_errors_carry_no_secret(moto_url):
    client = make_client(moto_url, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key=SECRET)
    with pytest.raises(polyiam.exceptions.ClientError) as info:
        client.create_access_key(UserName=unique_name("missing"))
    e = info.value
    for text in (str(e), repr(e), repr(e.response), repr(e.info)):
        assert SECRET not in text


def test_created_secret_is_only_in_the_result(iam, user):
    key = iam.create_access_key(UserName=user)["AccessKey"]
    assert len(key["SecretAccessKey"]) >= 20
    assert key["SecretAccessKey"] not in repr(iam)


SCRIPT = """
import os, sys
import polyiam
url, secret = sys.argv[1], sys.argv[2]
c = polyiam.client("iam", endpoint_url=url, aws_access_key_id="testing", aws_secret_access_key=secret)
c.create_user(UserName="logged")
k = c.create_access_key(UserName="logged")["AccessKey"]
print("CREATED", k["AccessKeyId"], file=sys.stderr)
sys.stdout.write(k["SecretAccessKey"])
try:
    c.create_access_key(UserName="nobody-logged")
except polyiam.exceptions.ClientError as e:
    print(e, file=sys.stderr)
"""


def test_trace_logging_shows_no_secret(moto):
    moto.reset()
    env = {**os.environ, "RUST_LOG": "trace", "RUST_BACKTRACE": "1"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, moto.url, SECRET], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    created_secret = proc.stdout
    assert "CREATED" in proc.stderr
    assert SECRET not in proc.stderr and created_secret not in proc.stderr


def test_a_rust_panic_becomes_an_exception():
    with pytest.raises(polyiam._polyiam.NativeError) as info:
        polyiam._polyiam._force_panic_for_tests()
    assert info.value.args[0]["kind"] == "internal"
    assert "forced" in info.value.args[0]["message"]
    # The process is still fine afterwards.
    assert polyiam.client("iam", endpoint_url="http://127.0.0.1:9") is not None
