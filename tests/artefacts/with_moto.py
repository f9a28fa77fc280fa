#!/usr/bin/env python3
"""Runs a command with moto (tests/harness/moto_server.py) up on a free loopback port, the dummy AWS
environment set, and every ``{url}`` in the command replaced by moto's URL; exits with the command's
status. The release workflow's artefact tests use it on every runner (bash 3 on macOS has no coproc,
Windows has no /dev/fd), e.g.

    python tests/artefacts/with_moto.py python tests/artefacts/scenario.py {url} "$VENV"
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "harness"))

from _serverproc import ServerProcess, dummy_aws_env  # noqa: E402


def main(argv: list) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with ServerProcess.start(os.path.join(HERE, "..", "harness", "moto_server.py")) as moto:
        cmd = [a.replace("{url}", moto.url) for a in argv]
        return subprocess.call(cmd, env=dummy_aws_env())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
