"""Self-tests of the language-neutral harness (tests/harness/).

These use only the standard library, not polyiam, so they run (and tell you
the harness works) even before the binding is built.
"""

import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

import moto_server
from _serverproc import dummy_aws_env
import pager_server
from conftest import PAGINATION

NS = {"iam": "https://iam.amazonaws.com/doc/2010-05-08/"}


def _post(url, params):
    data = urllib.parse.urlencode(params).encode()
    req = urllib.request.Request(url + "/", data=data, method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def _list(url, marker=None):
    params = {"Action": "ListAccessKeys", "Version": "2010-05-08", "UserName": PAGINATION["user_name"]}
    if marker is not None:
        params["Marker"] = marker
    return _post(url, params)


def test_pager_first_page_xml(pager):
    status, headers, body = _list(pager.url)
    assert status == 200
    assert headers["Content-Type"] == "text/xml"
    root = ET.fromstring(body)
    assert root.tag == "{%s}ListAccessKeysResponse" % NS["iam"]
    result = root.find("iam:ListAccessKeysResult", NS)
    members = result.findall("iam:AccessKeyMetadata/iam:member", NS)
    assert [m.find("iam:AccessKeyId", NS).text for m in members] == PAGINATION["expected_access_key_ids"][:2]
    assert result.find("iam:IsTruncated", NS).text == "true"
    assert result.find("iam:Marker", NS).text == "page-2-token"
    request_id = root.find("iam:ResponseMetadata/iam:RequestId", NS).text
    assert request_id and headers["x-amzn-RequestId"] == request_id


def test_pager_second_page_xml(pager):
    status, _, body = _list(pager.url, "page-2-token")
    assert status == 200
    result = ET.fromstring(body).find("iam:ListAccessKeysResult", NS)
    members = result.findall("iam:AccessKeyMetadata/iam:member", NS)
    assert [m.find("iam:AccessKeyId", NS).text for m in members] == PAGINATION["expected_access_key_ids"][2:]
    assert result.find("iam:IsTruncated", NS).text == "false"
    assert result.find("iam:Marker", NS) is None


def test_pager_bad_marker_is_awsquery_error(pager):
    status, headers, body = _list(pager.url, "bogus")
    assert status == 400
    root = ET.fromstring(body)
    assert root.tag == "{%s}ErrorResponse" % NS["iam"]
    assert root.find("iam:Error/iam:Type", NS).text == "Sender"
    assert root.find("iam:Error/iam:Code", NS).text == "InvalidInput"
    assert root.find("iam:Error/iam:Message", NS).text
    assert root.find("iam:RequestId", NS).text == headers["x-amzn-RequestId"]


def test_pager_records_requests_and_resets(pager):
    _list(pager.url)
    _list(pager.url, "page-2-token")
    recorded = pager.requests()
    assert [r["params"].get("Marker") for r in recorded] == [None, "page-2-token"]
    assert recorded[0]["params"]["UserName"] == PAGINATION["user_name"]
    pager.reset()
    assert pager.requests() == []


def test_moto_reset_endpoint_answers(moto):
    moto.reset()  # raises unless HTTP 200


def _spawn(args, **kwargs):
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, env=dummy_aws_env(), **kwargs)


def _ensure_dead(proc):
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_moto_server_script_prints_url_and_stops_on_stdin_close():
    with _spawn([moto_server.SCRIPT], stdin=subprocess.PIPE) as proc:
        try:
            line = proc.stdout.readline().decode().strip()
            assert line.startswith("http://127.0.0.1:")
            with urllib.request.urlopen(line + "/moto-api/config", timeout=10) as resp:
                assert 200 <= resp.status < 300
            proc.stdin.close()
            assert proc.wait(timeout=20) == 0
        finally:
            _ensure_dead(proc)


def test_pager_server_script_stops_on_sigterm():
    with _spawn([pager_server.SCRIPT, "--no-stdin"], stdin=subprocess.DEVNULL) as proc:
        try:
            line = proc.stdout.readline().decode().strip()
            assert line.startswith("http://127.0.0.1:")
            status, _, _ = _list(line)
            assert status == 200
            proc.terminate()
            assert proc.wait(timeout=20) == 0
        finally:
            _ensure_dead(proc)


@pytest.mark.parametrize("start", [moto_server.start_moto_server, pager_server.start_pager_server])
def test_launcher_stop_ends_child(start):
    server = start()
    assert server.alive()
    assert server.stop() == 0
    assert not server.alive()
