"""Shared plumbing for the harness servers (moto_server.py, pager_server.py).

Both harness scripts follow one protocol, so that any language's test suite
can drive them the same way:

* start:  ``python tests/harness/<name>.py`` (stdin a pipe);
* ready:  the script prints exactly one line, the base URL
          (``http://127.0.0.1:PORT``), to stdout and flushes it;
* stop:   close the script's stdin, or send SIGTERM/SIGINT.  If stdin is
          /dev/null (e.g. started with ``&`` from a non-interactive shell)
          or ``--no-stdin`` is given, only a signal stops it.

This module holds the script side (``wait_for_stop``) and the launcher side
(``ServerProcess``) used from Python.  Only the standard library is used.  The
dummy environment comes from ``tests/scenarios/common.json``.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

COMMON_SCENARIO = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "common.json")
)

with open(COMMON_SCENARIO, encoding="utf-8") as _fh:
    _COMMON = json.load(_fh)

# Environment every harness server (and every test) runs with: dummy
# credentials only, one region, and no instance-metadata look-ups.
DUMMY_AWS_ENV: dict = dict(_COMMON["environment"])

# Variables that could make a client or server pick up real credentials or
# configuration from the developer's machine.
AWS_ENV_TO_DROP: tuple = tuple(_COMMON["environment_unset"])


def dummy_aws_env(base: dict | None = None) -> dict:
    """Return a copy of ``base`` (default: os.environ) with the dummy AWS env."""
    env = dict(os.environ if base is None else base)
    for name in AWS_ENV_TO_DROP:
        env.pop(name, None)
    env.update(DUMMY_AWS_ENV)
    # Point config/credentials files at nothing so ~/.aws is never read.
    env["AWS_CONFIG_FILE"] = os.devnull
    env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    return env


# --------------------------------------------------------------------------
# Script side
# --------------------------------------------------------------------------


def _stdin_is_devnull() -> bool:
    try:
        st = os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):
        return True  # no usable stdin at all
    if not stat.S_ISCHR(st.st_mode):
        return False
    try:
        return st.st_rdev == os.stat(os.devnull).st_rdev
    except OSError:
        return False


#: Set by SIGTERM/SIGINT/SIGHUP (or stdin's EOF): the server stops.
_STOP = threading.Event()


def _install_stop_handlers() -> None:
    def on_signal(signum, frame):  # noqa: ARG001
        _STOP.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, on_signal)


def announce(url: str) -> None:
    """Print the ready line (the base URL) and flush it. The stop signals are caught from here
    on: a parent may send SIGTERM as soon as it has read the line."""
    _install_stop_handlers()
    sys.stdout.write(url + "\n")
    sys.stdout.flush()


def wait_for_stop(watch_stdin: bool = True) -> None:
    """Block until stdin reaches EOF (if watched) or SIGTERM/SIGINT arrives."""
    stop = _STOP
    _install_stop_handlers()

    if watch_stdin and not _stdin_is_devnull():

        def watch():
            try:
                while sys.stdin.buffer.read1(65536):
                    pass
            except (OSError, ValueError):
                pass
            stop.set()

        threading.Thread(target=watch, name="stdin-watch", daemon=True).start()

    # Event.wait with a timeout keeps the main thread responsive to signals.
    while not stop.wait(0.2):
        pass


def wait_until_answers(url: str, path: str = "/", timeout: float = 30.0) -> None:
    """Poll ``url + path`` until any HTTP response (even an error) comes back."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + path, timeout=5) as resp:
                resp.read()
            return
        except urllib.error.HTTPError:
            return  # it answered, with an error status; that is enough
        except (urllib.error.URLError, OSError) as exc:
            last_exc = exc
            time.sleep(0.05)
    raise TimeoutError(f"{url}{path} did not answer within {timeout}s: {last_exc}")


# --------------------------------------------------------------------------
# Launcher side
# --------------------------------------------------------------------------


class ServerProcess:
    """A harness script running in a child process.

    Start it with :meth:`start`; ``.url`` is the line the script announced.
    Usable as a context manager.  Closing stdin is the stop signal, so the
    child also goes away if this (parent) process dies.
    """

    def __init__(self, proc: subprocess.Popen, url: str):
        self.proc = proc
        self.url = url

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @classmethod
    def start(
        cls,
        script: str,
        args: list[str] | None = None,
        env: dict | None = None,
        timeout: float = 60.0,
        python: str | None = None,
    ) -> "ServerProcess":
        cmd = [python or sys.executable, script, *(args or [])]
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,  # inherit: startup errors stay visible
            env=dummy_aws_env(env),
        )
        box: dict = {}

        def read_line():
            try:
                box["line"] = proc.stdout.readline().decode("utf-8", "replace").strip()
            except Exception as exc:  # pragma: no cover - defensive
                box["error"] = exc

        reader = threading.Thread(target=read_line, daemon=True)
        reader.start()
        reader.join(timeout)
        line = box.get("line", "")
        if not line.startswith("http://"):
            status = proc.poll()
            cls._kill(proc)
            raise RuntimeError(
                f"{' '.join(cmd)} did not announce a URL within {timeout}s "
                f"(exit status {status}, got {line!r}, error {box.get('error')!r})"
            )
        # Keep draining stdout so stray output can never fill the pipe and block the child.
        threading.Thread(target=cls._drain, args=(proc.stdout,), daemon=True).start()
        return cls(proc, line)

    @staticmethod
    def _drain(stream) -> None:
        try:
            while stream.read1(65536):
                pass
        except (OSError, ValueError):
            pass
        finally:
            try:
                stream.close()
            except OSError:
                pass

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 10.0) -> int | None:
        """Stop the child: close stdin, then SIGTERM, then SIGKILL."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._kill(self.proc, timeout)
        try:
            self.proc.stdin.close()
        except (OSError, AttributeError):
            pass
        return self.proc.returncode

    @staticmethod
    def _kill(proc: subprocess.Popen, timeout: float = 10.0) -> None:
        if proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url} pid={self.proc.pid}>"
