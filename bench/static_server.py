#!/usr/bin/env python3
"""A static IAM endpoint for benchmarks: every POST gets the same CreateAccessKey answer.

    python bench/static_server.py [--port N] [--no-stdin]

Follows the harness protocol (tests/harness/README.md): binds 127.0.0.1 (a free port unless
``--port``), prints one line ``http://127.0.0.1:PORT`` once it answers, and serves until stdin closes
or SIGTERM/SIGINT arrives.

It parses just enough HTTP/1.1 (request line, headers, Content-Length body; keep-alive, pipelining)
to answer from a prebuilt byte string, on one asyncio event loop, so the server's share of a call is
a few tens of microseconds and the client's own cost shows. Requests are not checked (no signature,
no action): a benchmark client must only ever send CreateAccessKey here. ``GET`` answers 200 with an
empty body (the readiness probe). Only the standard library is used.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "harness"))

from _serverproc import announce, wait_for_stop, wait_until_answers  # noqa: E402

HOST = "127.0.0.1"
REQUEST_ID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"
# The documented example answer, with a well-formed (not real) key.
BODY = (
    '<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n'
    "  <CreateAccessKeyResult>\n"
    "    <AccessKey>\n"
    "      <UserName>Bob</UserName>\n"
    "      <AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>\n"
    "      <Status>Active</Status>\n"
    "      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\n"
    "      <CreateDate>2026-11-23T12:00:00Z</CreateDate>\n"
    "    </AccessKey>\n"
    "  </CreateAccessKeyResult>\n"
    "  <ResponseMetadata>\n"
    f"    <RequestId>{REQUEST_ID}</RequestId>\n"
    "  </ResponseMetadata>\n"
    "</CreateAccessKeyResponse>\n"
).encode()


def _response(body: bytes, content_type: str = "text/xml") -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        f"x-amzn-RequestId: {REQUEST_ID}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Date: Mon, 23 Nov 2026 12:00:00 GMT\r\n"
        "\r\n"
    )
    return head.encode() + body


POST_RESPONSE = _response(BODY)
GET_RESPONSE = _response(b"", "text/plain")
MAX_HEAD = 64 * 1024


class StaticProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buf = bytearray()
        self.need = 0  # body bytes still to skip for the current request

    def data_received(self, data):
        buf = self.buf
        buf += data
        while True:
            if self.need:
                take = min(self.need, len(buf))
                del buf[:take]
                self.need -= take
                if self.need:
                    return
                self.transport.write(POST_RESPONSE)
                continue
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > MAX_HEAD:
                    self.transport.close()
                return
            head = bytes(buf[:end])
            del buf[: end + 4]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    try:
                        length = int(value.strip())
                    except ValueError:
                        self.transport.close()
                        return
                elif name == b"expect" and value.strip().lower() == b"100-continue":
                    self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            if head.startswith(b"GET ") or head.startswith(b"HEAD "):
                self.transport.write(GET_RESPONSE)
                continue
            if length:
                self.need = length
                continue
            self.transport.write(POST_RESPONSE)


def serve(port: int, watch_stdin: bool) -> int:
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(StaticProtocol, HOST, port, backlog=128))
    bound = server.sockets[0].getsockname()[1]
    thread = threading.Thread(target=loop.run_forever, name="static-server", daemon=True)
    thread.start()
    url = f"http://{HOST}:{bound}"
    wait_until_answers(url, "/")
    announce(url)
    try:
        wait_for_stop(watch_stdin)
    finally:
        loop.call_soon_threadsafe(server.close)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (default: a free one)")
    parser.add_argument("--no-stdin", action="store_true", help="do not stop when stdin closes")
    parser.add_argument("--write-response", metavar="FILE",
                        help="write the POST answer's bytes to FILE and exit (the Rust server's, bench/throughput.py)")
    args = parser.parse_args(argv)
    if args.write_response:
        with open(args.write_response, "wb") as fh:
            fh.write(POST_RESPONSE)
        return 0
    return serve(args.port, not args.no_stdin)


if __name__ == "__main__":
    sys.exit(main())
