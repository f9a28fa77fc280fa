#!/usr/bin/env python3
"""A local IAM endpoint that fails on purpose, for the server- and transport-failure tests.

As a script::

    python tests/harness/fault_server.py [--upstream MOTO_URL] [--port N] [--no-stdin]

prints ``http://127.0.0.1:PORT`` once it answers, then serves until stdin closes or SIGTERM/SIGINT
(same protocol as moto_server.py). The first path segment of the client's endpoint URL picks the
fault, e.g. ``endpoint_url = f"{url}/html"``:

===================== =======================================================================
``/service-failure``  500 awsQuery error, code ``ServiceFailure`` (a modelled error)
``/internal-failure`` 500 awsQuery error, code ``InternalFailure`` (not modelled)
``/html``             502 with an HTML error page (a proxy's, not IAM's)
``/truncated``        200 with a CreateAccessKey XML body cut off in the middle
``/hang``             reads the request, then never answers (until the client gives up)
``/throttle-once``    the first request of each Action (and UserName) gets a 400 ``Throttling`` error;
                      later ones are forwarded to ``--upstream``
``/fail-once``        the first request of each Action (and UserName) gets a 500 ``ServiceFailure``;
                      later ones are forwarded to ``--upstream``
``/hang-once``        the first request of each Action (and UserName) is never answered; later ones
                      are forwarded
``/drop-after-apply`` forwards the request to ``--upstream`` (so moto applies it), then closes the
                      connection without answering: a response lost after the server acted
``/drop-<Action>``    like ``/drop-after-apply`` for requests of that Action (``/drop-CreateAccessKey``);
                      other requests are forwarded and answered (a rotation whose create is lost)
``/proxy``            forwards to ``--upstream`` and relays the answer
``/edge-ids``         like ``/proxy``, adding ``x-amz-id-2`` and ``x-amz-cf-id`` headers (the extended
                      request id and CloudFront id the JS SDK puts in ``$metadata``): ``EDGE_IDS``
===================== =======================================================================

``GET /__harness__/requests`` lists the requests received (``{"fault", "params"}``), oldest first;
``POST /__harness__/reset`` clears the list and the throttle-once memory.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _serverproc import ServerProcess, announce, wait_for_stop, wait_until_answers  # noqa: E402

SCRIPT = os.path.abspath(__file__)
HOST = "127.0.0.1"
XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"
CONTROL = "/__harness__/"
#: The headers the ``/edge-ids`` fault adds to the relayed answer.
EDGE_IDS = {"x-amz-id-2": "polyiam-extended-request-id", "x-amz-cf-id": "polyiam-cloudfront-id"}


def error_xml(err_type: str, code: str, message: str, request_id: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{XMLNS}"><Error><Type>{err_type}</Type><Code>{code}</Code>'
        f"<Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
    ).encode()


TRUNCATED = (
    f'<CreateAccessKeyResponse xmlns="{XMLNS}"><CreateAccessKeyResult><AccessKey>'
    "<UserName>fault</UserName><AccessKeyId>AKIAFAULTFAULTFAULT1</AccessKeyId><Status>Act"
).encode()

HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, upstream: str | None):
        super().__init__(address, FaultHandler)
        self.upstream = upstream
        self.lock = threading.Lock()
        self.recorded: list[dict] = []
        # (fault, Action, UserName) whose first request was failed already (the *-once faults).
        self.throttled: set[tuple[str, str, str]] = set()


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _send(
        self, status: int, body: bytes, content_type: str = "text/xml", request_id: str | None = None, extra: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if request_id:
            self.send_header("x-amzn-RequestId", request_id)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        if self.path.startswith(CONTROL + "requests"):
            with self.server.lock:
                body = json.dumps(self.server.recorded).encode()
            return self._send(200, body, "application/json")
        if self.path.startswith(CONTROL + "ping"):
            return self._send(200, b"ok", "text/plain")
        return self._send(404, b"not found", "text/plain")

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith(CONTROL + "reset"):
            with self.server.lock:
                self.server.recorded.clear()
                self.server.throttled.clear()
            return self._send(204, b"", "text/plain")
        fault = self.path.strip("/").split("/", 1)[0]
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}
        with self.server.lock:
            self.server.recorded.append({"fault": fault, "params": params})
        rid = str(uuid.uuid4())
        if fault == "service-failure":
            return self._send(500, error_xml("Receiver", "ServiceFailure", "The request processing has failed.", rid), request_id=rid)
        if fault == "internal-failure":
            return self._send(500, error_xml("Receiver", "InternalFailure", "An internal error occurred.", rid), request_id=rid)
        if fault == "html":
            return self._send(502, HTML, "text/html")
        if fault == "truncated":
            return self._send(200, TRUNCATED, request_id=rid)
        if fault == "hang":
            time.sleep(30)
            self.close_connection = True
            return None
        if fault in ("throttle-once", "fail-once", "hang-once"):
            key = (fault, params.get("Action", ""), params.get("UserName", ""))
            with self.server.lock:
                first = key not in self.server.throttled
                self.server.throttled.add(key)
            if not first:
                return self._forward(body)
            if fault == "throttle-once":
                return self._send(400, error_xml("Sender", "Throttling", "Rate exceeded", rid), request_id=rid)
            if fault == "fail-once":
                return self._send(500, error_xml("Receiver", "ServiceFailure", "The request processing has failed.", rid), request_id=rid)
            time.sleep(30)
            self.close_connection = True
            return None
        if fault == "drop-after-apply" or fault == f"drop-{params.get('Action', '')}":
            self._upstream(body)
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        if fault == "proxy" or fault.startswith("drop-"):
            return self._forward(body)
        if fault == "edge-ids":
            return self._forward(body, EDGE_IDS)
        return self._send(400, error_xml("Sender", "UnknownFault", f"no fault named {fault!r}", rid), request_id=rid)

    def _upstream(self, body: bytes) -> tuple[int, dict, bytes]:
        if not self.server.upstream:
            raise RuntimeError("this fault needs --upstream")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        req = urllib.request.Request(self.server.upstream.rstrip("/") + "/", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def _forward(self, body: bytes, extra: dict | None = None) -> None:
        status, headers, data = self._upstream(body)
        rid = next((v for k, v in headers.items() if k.lower() == "x-amzn-requestid"), None)
        self._send(status, data, headers.get("Content-Type", "text/xml"), request_id=rid, extra=extra)


def start_fault_server(upstream: str | None = None, timeout: float = 30.0, python: str | None = None) -> ServerProcess:
    """Start the fault server in a child process (``.url``, ``.stop()``, context manager)."""
    args = ["--upstream", upstream] if upstream else []
    return ServerProcess.start(SCRIPT, args=args, timeout=timeout, python=python)


def requests(url: str) -> list[dict]:
    with urllib.request.urlopen(url + CONTROL + "requests", timeout=10) as resp:
        return json.loads(resp.read())


def reset(url: str) -> None:
    urllib.request.urlopen(urllib.request.Request(url + CONTROL + "reset", data=b"", method="POST"), timeout=10).read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--upstream", help="moto's URL, for the faults that forward")
    parser.add_argument("--no-stdin", action="store_true")
    args = parser.parse_args(argv)
    server = FaultServer((HOST, args.port), args.upstream)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    try:
        url = f"http://{HOST}:{server.server_address[1]}"
        wait_until_answers(url, CONTROL + "ping")
        announce(url)
        wait_for_stop(not args.no_stdin)
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
