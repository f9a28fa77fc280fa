"""The ``polyiam`` console script: the command line (AWS CLI conventions) of the core, run by the
compiled module; see the README's "Command line" section."""

import signal
import sys

from . import _polyiam


def main() -> None:
    # As a command: Ctrl-C ends the process, as it does the AWS CLI.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    sys.exit(_polyiam.cli_main(["polyiam", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
