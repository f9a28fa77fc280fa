#!/usr/bin/env python3
"""A fake IAM endpoint that serves a two-page ListAccessKeys conversation.

Moto never truncates ListAccessKeys, so this server exists to test the
paginators' Marker handling.  The pages come from
``tests/scenarios/pagination.json`` so every language's suite checks the same
keys.  Only the standard library is used.

As a script::

    python tests/harness/pager_server.py [--port N] [--scenario FILE] [--no-stdin]

prints one line ``http://127.0.0.1:PORT`` to stdout once it answers, then
serves until stdin closes or SIGTERM/SIGINT (same protocol as moto_server.py).

IAM (awsQuery) requests: form-encoded POST (a GET with a query string also
works), ``Action=ListAccessKeys&Version=2010-05-08&UserName=...[&Marker=...]``.

* no Marker                 -> page 1 (IsTruncated true, Marker page-2-token)
* Marker=page-2-token       -> page 2 (IsTruncated false, no Marker)
* any other Marker          -> 400 awsQuery error, code InvalidInput
* any other Action          -> 400 awsQuery error, code InvalidAction

Signatures are not checked.  Every response carries ``x-amzn-RequestId`` and
``Content-Type: text/xml``.

Control endpoints (not recorded), for suites in any language:

* ``GET  /__harness__/requests`` -> JSON list of the recorded IAM requests,
  oldest first; each is ``{"method", "path", "params": {name: value},
  "headers": {lower-case name: value}, "body"}``.
* ``POST /__harness__/reset``    -> forget the recorded requests (204).

From Python (pytest)::

    from pager_server import start_pager_server
    with start_pager_server() as pager:     # a child process
        pager.url; pager.requests(); pager.reset()
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _serverproc import ServerProcess, announce, wait_for_stop, wait_until_answers  # noqa: E402

SCRIPT = os.path.abspath(__file__)
HOST = "127.0.0.1"
DEFAULT_SCENARIO = os.path.normpath(os.path.join(HERE, "..", "scenarios", "pagination.json"))
IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"
CONTROL_PREFIX = "/__harness__/"
MEMBER_FIELDS = ("UserName", "AccessKeyId", "Status", "CreateDate")


def load_scenario(path: str = DEFAULT_SCENARIO) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------
# XML rendering
# --------------------------------------------------------------------------


def _member_xml(member: dict) -> str:
    return "<member>" + "".join(
        f"<{name}>{escape(str(member[name]))}</{name}>" for name in MEMBER_FIELDS if member.get(name) is not None
    ) + "</member>"


def page_xml(page: dict, request_id: str) -> str:
    members = "".join(_member_xml(m) for m in page["members"])
    marker = f"<Marker>{escape(page['next_marker'])}</Marker>" if page.get("next_marker") else ""
    truncated = "true" if page["is_truncated"] else "false"
    return (
        f'<ListAccessKeysResponse xmlns="{IAM_XMLNS}">'
        "<ListAccessKeysResult>"
        f"<AccessKeyMetadata>{members}</AccessKeyMetadata>"
        f"<IsTruncated>{truncated}</IsTruncated>"
        f"{marker}"
        "</ListAccessKeysResult>"
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>"
        "</ListAccessKeysResponse>"
    )


def error_xml(err_type: str, code: str, message: str, request_id: str) -> str:
    return (
        f'<ErrorResponse xmlns="{IAM_XMLNS}">'
        f"<Error><Type>{escape(err_type)}</Type><Code>{escape(code)}</Code>"
        f"<Message>{escape(message)}</Message></Error>"
        f"<RequestId>{request_id}</RequestId>"
        "</ErrorResponse>"
    )


# --------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------


class PagerHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, scenario: dict):
        super().__init__(address, PagerHandler)
        self.scenario = scenario
        self.lock = threading.Lock()
        self.recorded: list[dict] = []

    def respond_to(self, params: dict) -> tuple[int, str, str]:
        """Return (HTTP status, XML body, request id) for one IAM request's parameters."""
        sc = self.scenario
        request_id = str(uuid.uuid4())
        if params.get("Action") != sc["operation"]:
            err = sc["invalid_action_error"]
            return err["http_status"], error_xml(err["type"], err["code"], err["message"], request_id), request_id
        marker = params.get("Marker")
        for page in sc["pages"]:
            if page["request_marker"] == marker:
                return 200, page_xml(page, request_id), request_id
        err = sc["invalid_marker_error"]
        return err["http_status"], error_xml(err["type"], err["code"], err["message"], request_id), request_id


class PagerHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as SDK connection pools expect
    server: PagerHTTPServer

    def log_message(self, format, *args):  # noqa: A002 - silence per-request logs
        pass

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        body = self._read_body()
        parsed = urllib.parse.urlsplit(self.path)
        if parsed.path.startswith(CONTROL_PREFIX):
            return self._control(parsed.path[len(CONTROL_PREFIX):])

        params: dict[str, str] = {}
        for source in (parsed.query, body.decode("utf-8", "replace")):
            for name, value in urllib.parse.parse_qsl(source, keep_blank_values=True):
                params.setdefault(name, value)
        record = {
            "method": self.command,
            "path": self.path,
            "params": params,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
        }
        with self.server.lock:
            self.server.recorded.append(record)

        status, xml, request_id = self.server.respond_to(params)
        self._send(status, xml.encode("utf-8"), "text/xml", {"x-amzn-RequestId": request_id})

    def _control(self, action: str) -> None:
        if action == "requests" and self.command == "GET":
            with self.server.lock:
                data = json.dumps(self.server.recorded).encode("utf-8")
            return self._send(200, data, "application/json")
        if action == "reset" and self.command == "POST":
            with self.server.lock:
                self.server.recorded.clear()
            return self._send(204, b"", "text/plain")
        if action == "ping":
            return self._send(200, b"ok", "text/plain")
        return self._send(404, b"unknown control endpoint", "text/plain")

    do_POST = _handle
    do_GET = _handle
    do_PUT = _handle


# --------------------------------------------------------------------------
# Launcher side (Python)
# --------------------------------------------------------------------------


class PagerServer(ServerProcess):
    """A pager server child process (see :func:`start_pager_server`)."""

    def requests(self) -> list[dict]:
        """The IAM requests recorded so far, oldest first."""
        with urllib.request.urlopen(self.url + CONTROL_PREFIX + "requests", timeout=10) as resp:
            return json.loads(resp.read())

    def reset(self) -> None:
        """Forget the recorded requests."""
        req = urllib.request.Request(self.url + CONTROL_PREFIX + "reset", data=b"", method="POST")
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()


def start_pager_server(scenario: str | None = None, timeout: float = 30.0, python: str | None = None) -> PagerServer:
    """Start the pager server in a child process; return when it answers.

    A child process (rather than a thread) keeps the server independent of the
    test process's GIL, so a binding that blocks while holding it cannot
    deadlock against the server.
    """
    args = ["--scenario", scenario] if scenario else []
    return PagerServer.start(SCRIPT, args=args, timeout=timeout, python=python)


def _serve(port: int, scenario_path: str, watch_stdin: bool) -> int:
    server = PagerHTTPServer((HOST, port), load_scenario(scenario_path))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="pager-server", daemon=True)
    thread.start()
    try:
        url = f"http://{HOST}:{server.server_address[1]}"
        wait_until_answers(url, CONTROL_PREFIX + "ping")
        announce(url)
        wait_for_stop(watch_stdin)
    finally:
        server.shutdown()
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (default: a free one)")
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO, help="pagination scenario JSON")
    parser.add_argument("--no-stdin", action="store_true", help="do not stop when stdin closes")
    args = parser.parse_args(argv)
    return _serve(args.port, args.scenario, not args.no_stdin)


if __name__ == "__main__":
    sys.exit(main())
