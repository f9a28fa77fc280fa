"""A recording HTTP server base for the in-process servers of environment.py.

Every fake endpoint the environment harness runs (SSO portal, container and instance-metadata
credential endpoints, the forward proxy) needs the same three things: bind 127.0.0.1 only, keep a
bounded log of what it received, and answer the two control paths every harness server shares:

* ``GET  /__harness__/requests`` -> JSON list of recorded requests, oldest first;
* ``POST /__harness__/reset``    -> clears the list (204).

A subclass of :class:`RecordingHandler` implements ``handle(method, path, query, body)``; the base
records the request (method, path, query, headers with lower-case names, body) before calling it.
Only the standard library is used.
"""

from __future__ import annotations

import collections
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
CONTROL = "/__harness__/"
#: A client must never make these servers hold much: the log keeps the newest entries only, and
#: no request body larger than this is read.
MAX_RECORDS = 500
MAX_BODY = 1 << 20


class RecordingServer(ThreadingHTTPServer):
    daemon_threads = True
    # Port 0 is always a fresh port, so reuse cannot steal one; this only avoids TIME_WAIT trouble.
    allow_reuse_address = True

    def __init__(self, handler, name: str):
        super().__init__((HOST, 0), handler)
        self.name = name
        self.lock = threading.Lock()
        self.recorded: collections.deque = collections.deque(maxlen=MAX_RECORDS)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}"

    def record(self, entry: dict) -> None:
        with self.lock:
            self.recorded.append(entry)

    def requests(self) -> list:
        with self.lock:
            return list(self.recorded)

    def reset(self) -> None:
        """Clear the log; subclasses also drop any state a case may have changed."""
        with self.lock:
            self.recorded.clear()

    def start(self) -> "RecordingServer":
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, name=self.name, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class RecordingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: RecordingServer
    # A client that connects and then says nothing must not pin a thread for ever.
    timeout = 30

    def log_message(self, format, *args):  # noqa: A002 - keep test output clean
        pass

    # -- replies -------------------------------------------------------------

    def send(self, status: int, body: bytes = b"", content_type: str = "application/json", headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status: int, value, headers: dict | None = None):
        self.send(status, json.dumps(value).encode(), "application/json", headers)

    # -- dispatch ------------------------------------------------------------

    def _dispatch(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self.send(413, b"request body too large", "text/plain")
        body = self.rfile.read(length) if length else b""
        split = urllib.parse.urlsplit(self.path)
        path, query = split.path, {k: v[0] for k, v in urllib.parse.parse_qs(split.query).items()}
        if path == CONTROL + "requests" and self.command == "GET":
            return self.send_json(200, self.server.requests())
        if path == CONTROL + "reset" and self.command == "POST":
            self.server.reset()
            return self.send(204)
        if path == CONTROL + "ping":
            return self.send(200, b"ok", "text/plain")
        self.server.record(
            {
                "method": self.command,
                "path": path,
                "query": query,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
            }
        )
        return self.handle_request(self.command, path, query, body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _dispatch

    def handle_request(self, method: str, path: str, query: dict, body: bytes):  # pragma: no cover - abstract
        self.send_json(404, {"message": f"no route for {method} {path}"})
