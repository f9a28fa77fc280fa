#!/usr/bin/env python3
"""Run moto (``moto[server]==5.2.1``) as a local IAM endpoint for tests.

As a script (any language's test suite can spawn it)::

    python tests/harness/moto_server.py [--port N] [--no-stdin] [--verbose]

binds 127.0.0.1 (port 0 = a free port chosen by the OS, so there is no race),
waits until the server answers HTTP, then prints one line
``http://127.0.0.1:PORT`` to stdout and flushes it.  It serves until its stdin
closes or it gets SIGTERM/SIGINT (with ``--no-stdin``, or when stdin is
/dev/null, only a signal stops it).

Moto routes a request to IAM only when it carries a SigV4 ``Authorization``
header whose credential scope names service ``iam``; any real SDK client
configured with ``endpoint_url`` does that.

State lives in the server process.  ``POST {url}/moto-api/reset`` wipes every
backend (users, keys, ...); the Python helpers below wrap that.

From Python (pytest)::

    from moto_server import start_moto_server
    with start_moto_server() as moto:      # a child process
        moto.url                           # "http://127.0.0.1:PORT"
        moto.reset()                       # POST /moto-api/reset
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _serverproc import (  # noqa: E402
    DUMMY_AWS_ENV,
    ServerProcess,
    announce,
    wait_for_stop,
    wait_until_answers,
)

SCRIPT = os.path.abspath(__file__)
HOST = "127.0.0.1"
# A cheap GET that moto answers without touching any service backend.
READY_PATH = "/moto-api/config"


def reset(url: str, timeout: float = 30.0) -> None:
    """Wipe all moto state of the server at ``url`` (POST /moto-api/reset)."""
    req = urllib.request.Request(url.rstrip("/") + "/moto-api/reset", data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        resp.read()
        if resp.status != 200:
            raise RuntimeError(f"moto reset failed: HTTP {resp.status}")


class MotoServer(ServerProcess):
    """A moto server child process (see :func:`start_moto_server`)."""

    def reset(self) -> None:
        reset(self.url)


def start_moto_server(timeout: float = 60.0, env: dict | None = None, python: str | None = None) -> MotoServer:
    """Start moto in a child process on a free 127.0.0.1 port; return when it answers.

    The child gets the dummy AWS environment.  Call ``.stop()`` (or use the
    return value as a context manager) to shut it down.
    """
    return MotoServer.start(SCRIPT, env=env, timeout=timeout, python=python)


def _serve(port: int, watch_stdin: bool, verbose: bool) -> int:
    for name, value in DUMMY_AWS_ENV.items():
        os.environ.setdefault(name, value)
    if not verbose:
        # werkzeug logs one line per request to stderr; keep test output clean.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=HOST, port=port, verbose=False)
    server.start()
    try:
        host, bound_port = server.get_host_and_port()
        url = f"http://{HOST}:{bound_port}"
        wait_until_answers(url, READY_PATH)
        announce(url)
        wait_for_stop(watch_stdin)
    finally:
        server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (default: a free one)")
    parser.add_argument("--no-stdin", action="store_true", help="do not stop when stdin closes")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    return _serve(args.port, not args.no_stdin, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
