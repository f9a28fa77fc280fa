"""Calls release the GIL while they wait on the network, so other Python threads keep running."""

import subprocess
import sys
import threading
import time

import pytest

from conftest import make_client

# A one-shot local IAM endpoint that answers CreateAccessKey after a delay.
SLOW_SERVER = r"""
import http.server, sys, time
DELAY = float(sys.argv[1])
BODY = b'''<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateAccessKeyResult>
<AccessKey><UserName>slow</UserName><AccessKeyId>AKIASLOWSLOWSLOW0001</AccessKeyId><Status>Active</Status>
<SecretAccessKey>slow-secret</SecretAccessKey><CreateDate>2026-01-01T00:00:00Z</CreateDate></AccessKey>
</CreateAccessKeyResult><ResponseMetadata><RequestId>slow-1</RequestId></ResponseMetadata></CreateAccessKeyResponse>'''
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        time.sleep(DELAY)
        self.send_response(200)
        self.send_header("content-type", "text/xml")
        self.send_header("x-amzn-requestid", "slow-1")
        self.send_header("content-length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(f"http://127.0.0.1:{s.server_port}", flush=True)
s.serve_forever()
"""


@pytest.fixture
def slow_url():
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SERVER, "1.0"], stdout=subprocess.PIPE, text=True)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.kill()
        proc.wait()


def test_python_threads_run_while_a_call_waits(slow_url):
    iam = make_client(slow_url)
    result = {}
    caller = threading.Thread(target=lambda: result.update(iam.create_access_key(UserName="slow")))
    ticks = 0
    caller.start()
    started = time.monotonic()
    while caller.is_alive():
        ticks += 1  # only advances while this thread holds the GIL
        time.sleep(0.001)
    elapsed = time.monotonic() - started
    assert result["AccessKey"]["AccessKeyId"] == "AKIASLOWSLOWSLOW0001"
    assert elapsed >= 0.9
    # Holding the GIL for the 1 s wait would leave this loop a handful of ticks, not hundreds.
    assert ticks >= 300, f"main thread ran only {ticks} times in {elapsed:.2f}s"
