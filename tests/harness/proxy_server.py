"""A loopback-only forward proxy for environment.py's proxy cases.

* ``http://`` targets arrive in absolute form (``POST http://host:port/ HTTP/1.1``); the proxy
  sends the request on in origin form and relays the answer (keep-alive on the client side).
* ``https://`` targets arrive as ``CONNECT host:port``; the proxy opens a TCP tunnel and relays
  bytes both ways (TLS runs end to end through it, so the client still verifies the server).

It resolves one fake host name of its own, :data:`FAKE_HOST` (``iam.proxy-only.test``), to
127.0.0.1. Nothing else can resolve that name (``.test`` is reserved), so a client that ignores
its proxy settings fails instead of quietly going direct: a successful call through
``http://iam.proxy-only.test:PORT`` proves the proxy was used. The only other targets allowed
are 127.0.0.1 and localhost; anything else gets 403, so the proxy can never leave loopback.

``GET /__harness__/requests`` lists what passed: ``{"method", "target", "host", "port",
"headers"}`` (``target`` is the request line's target: an absolute URL, or ``host:port`` for
CONNECT); ``POST /__harness__/reset`` clears it.
"""

from __future__ import annotations

import http.client
import select
import socket
import urllib.parse

from _recording import CONTROL, MAX_BODY, RecordingHandler, RecordingServer

FAKE_HOST = "iam.proxy-only.test"
LOOPBACK_NAMES = {FAKE_HOST, "127.0.0.1", "localhost"}
#: Hop-by-hop headers (RFC 9110 7.6.1) and the proxy's own: never forwarded.
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate",
    "te", "trailer", "transfer-encoding", "upgrade",
}
#: A tunnel with no traffic for this long is closed (bounded: a stuck client cannot pin a thread).
TUNNEL_IDLE = 30.0


class ProxyServer(RecordingServer):
    def __init__(self):
        super().__init__(ProxyHandler, "proxy")


class ProxyHandler(RecordingHandler):
    server: ProxyServer

    def _dispatch(self):
        if self.path.startswith(CONTROL):
            return super()._dispatch()  # the shared control paths
        if self.command == "CONNECT":
            return self._connect()
        split = urllib.parse.urlsplit(self.path)
        if split.scheme != "http" or not split.hostname:
            return self.send(400, b"a forward proxy needs an absolute http:// URL or CONNECT", "text/plain")
        return self._forward(split)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_CONNECT = _dispatch

    def _record(self, host: str, port: int) -> None:
        self.server.record(
            {
                "method": self.command,
                "target": self.path,
                "host": host,
                "port": port,
                "headers": {k.lower(): v for k, v in self.headers.items()},
            }
        )

    def _refuse(self, host: str) -> None:
        self.close_connection = True
        self.send(403, f"this test proxy only reaches {sorted(LOOPBACK_NAMES)}, not {host!r}".encode(), "text/plain")

    def _forward(self, split: urllib.parse.SplitResult) -> None:
        host, port = split.hostname, split.port or 80
        self._record(host, port)
        if host not in LOOPBACK_NAMES:
            return self._refuse(host)
        if self.headers.get("Transfer-Encoding"):
            # SDK requests carry Content-Length; chunked uploads are not needed here.
            self.close_connection = True
            return self.send(411, b"chunked request bodies are not supported", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self.send(413, b"request body too large", "text/plain")
        body = self.rfile.read(length) if length else None
        target = urllib.parse.urlunsplit(("", "", split.path or "/", split.query, ""))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            upstream.request(self.command, target, body=body, headers=headers)
            response = upstream.getresponse()
            data = response.read()
        except OSError as exc:
            self.close_connection = True
            return self.send(502, f"proxy could not reach 127.0.0.1:{port}: {exc}".encode(), "text/plain")
        finally:
            upstream.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _connect(self) -> None:
        host, _, port_text = self.path.rpartition(":")
        host = host.strip("[]")
        port = int(port_text) if port_text.isdigit() else 443
        self._record(host, port)
        self.close_connection = True  # after a tunnel the connection is the tunnel's
        if host not in LOOPBACK_NAMES:
            return self._refuse(host)
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
        except OSError as exc:
            return self.send(502, f"proxy could not reach 127.0.0.1:{port}: {exc}".encode(), "text/plain")
        with upstream:
            self.send_response(200, "Connection Established")
            self.end_headers()
            self.wfile.flush()
            relay(self.connection, upstream)


def relay(a: socket.socket, b: socket.socket, idle: float = TUNNEL_IDLE) -> None:
    """Copy bytes both ways until either side closes or nothing moves for ``idle`` seconds."""
    sockets = [a, b]
    while True:
        # A TLS socket may hold decrypted bytes that select() cannot see: drain those first.
        readable = [s for s in sockets if getattr(s, "pending", lambda: 0)()]
        if not readable:
            readable, _, _ = select.select(sockets, [], [], idle)
        if not readable:
            return
        for sock in readable:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            other = b if sock is a else a
            try:
                other.sendall(data)
            except OSError:
                return
