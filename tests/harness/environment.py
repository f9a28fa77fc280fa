#!/usr/bin/env python3
"""The "user environment" harness: every credential source, proxy and CA setup a client must honour.

As a script (any language's test suite spawns it)::

    python tests/harness/environment.py [--moto URL] [--no-stdin] [--keep]

1. starts moto (unless ``--moto URL`` names a running one on 127.0.0.1) and the fault server as
   child processes, and in this process: the SSO portal + SSO-OIDC, container-credentials and
   IMDSv2 servers (cred_servers.py), a forward proxy (proxy_server.py), a TLS front for moto with
   a CA made on the spot (tls_ca.py) and a control server; all on free 127.0.0.1 ports;
2. creates in moto the users, access keys and role the cases need (dummy credentials
   testing/testing), so each credential source hands out the key of its own moto user and
   "which identity signed the call" is visible in GetUser / GetCallerIdentity;
3. writes the files of ``tests/scenarios/environment.json`` (a fake HOME with ``.aws/config``,
   ``.aws/credentials`` and SSO token caches, credential_process scripts, token files, the CA
   bundle and a bad PEM) into a fresh temp dir;
4. prints ONE line of JSON ``{"dir", "home", "moto", "servers", "clear_env", "cases"}``, the cases
   with every placeholder resolved, and serves until stdin closes (or SIGTERM/SIGINT), then stops
   everything and deletes the temp dir (``--keep`` leaves it, for debugging).

Before each case a test sends ``POST {servers.control}/__harness__/reset``: it clears every
server's request log and the fault server's memory and rewrites the files (a token refresh
rewrites its SSO cache file). After the call, ``GET {servers.control}/__harness__/requests``
returns ``{server name: [recorded requests]}`` for the case's ``observe`` checks.
The protocol and every case are documented in tests/harness/README.md ("Environment harness").

From Python: ``with start_environment() as env: env.cases, env.servers, env.reset(), env.requests()``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _recording import CONTROL, RecordingHandler, RecordingServer  # noqa: E402
from _serverproc import AWS_ENV_TO_DROP, DUMMY_AWS_ENV, announce, dummy_aws_env, wait_for_stop  # noqa: E402

SCRIPT = os.path.abspath(__file__)
SCENARIO = os.path.normpath(os.path.join(HERE, "..", "scenarios", "environment.json"))
#: `{name}` or `{function:argument}`; anything else in braces (JSON in a script) is left alone.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([^{}]+))?\}")
_TIME = re.compile(r"^([+-])(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def load_scenario(path: str = SCENARIO) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------
# Placeholders
# --------------------------------------------------------------------------


class Placeholders:
    """Resolves ``{moto}``, ``{dir}``, ``{key:USER}``, ``{sha1:TEXT}``, ``{time:+8h}``, ... in strings."""

    def __init__(self, values: dict, keys: dict):
        self.values = values  # name -> string
        self.keys = keys  # moto user -> {"AccessKeyId", "SecretAccessKey"}

    def _one(self, match: re.Match) -> str:
        name, arg = match.group(1), match.group(2)
        if arg is None:
            return self.values.get(name, match.group(0))
        if name == "key":
            return self.keys[arg]["AccessKeyId"]
        if name == "secret":
            return self.keys[arg]["SecretAccessKey"]
        if name == "sha1":  # SSO token cache file names: sha1 of the session name or start URL
            return hashlib.sha1(arg.encode("utf-8")).hexdigest()
        if name == "time":  # now +/- an offset, ISO 8601 UTC, as SSO caches write it
            sign, amount, unit = _TIME.match(arg).groups()
            delta = datetime.timedelta(**{_UNITS[unit]: int(amount)})
            now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
            return (now + delta if sign == "+" else now - delta).strftime("%Y-%m-%dT%H:%M:%SZ")
        return match.group(0)

    def __call__(self, value):
        if isinstance(value, str):
            return PLACEHOLDER.sub(self._one, value)
        if isinstance(value, dict):
            return {self(k): self(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v) for v in value]
        return value


def resolve_cases(scenario: dict, resolve: Placeholders) -> list:
    """The cases as printed: base_env under each case's env, base_options under its options."""
    cases = []
    for case in scenario["cases"]:
        case = dict(case)
        case["env"] = resolve({**scenario["base_env"], **case.get("env", {})})
        case["options"] = resolve({**scenario["base_options"], **case.get("options", {})})
        for key in ("call", "expect", "observe", "polyiam_expect"):
            if key in case:
                case[key] = resolve(case[key])
        cases.append(case)
    return cases


def write_files(scenario: dict, root: str, resolve: Placeholders) -> None:
    """(Re)write every file of the scenario under ``root``."""
    for directory in scenario.get("dirs", []):
        os.makedirs(os.path.join(root, resolve(directory)), exist_ok=True)
    for relative, spec in scenario["files"].items():
        path = os.path.join(root, resolve(relative))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if "json" in spec:
            content = json.dumps(resolve(spec["json"]), indent=2) + "\n"
        else:
            content = "\n".join(resolve(spec["text"])) + ("\n" if spec.get("newline", True) else "")
        # Token files and credentials are private, as the real ones are (some readers warn otherwise).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)


# --------------------------------------------------------------------------
# moto set-up
# --------------------------------------------------------------------------

TRUST_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
            {"Effect": "Allow", "Principal": {"Federated": "*"}, "Action": "sts:AssumeRoleWithWebIdentity"},
        ],
    }
)


def create_identities(moto_url: str, users: list, roles: list) -> dict:
    """Create ``users`` (each with one fresh access key) and ``roles`` in moto; return user -> key.

    Works on a moto that already has them (``--moto`` reused): old keys are replaced.
    """
    import boto3

    iam = boto3.client(
        "iam", endpoint_url=moto_url, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )
    keys = {}
    for user in users:
        try:
            iam.create_user(UserName=user)
        except iam.exceptions.EntityAlreadyExistsException:
            for old in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
                iam.delete_access_key(UserName=user, AccessKeyId=old["AccessKeyId"])
        key = iam.create_access_key(UserName=user)["AccessKey"]
        keys[user] = {"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}
    for role in roles:
        try:
            iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST_POLICY)
        except iam.exceptions.EntityAlreadyExistsException:
            pass
    return keys


# --------------------------------------------------------------------------
# Control server
# --------------------------------------------------------------------------


class ControlServer(RecordingServer):
    """``POST /__harness__/reset``: reset every server and rewrite the files.
    ``GET /__harness__/requests``: ``{server name: [recorded requests]}`` of every server."""

    def __init__(self, servers: dict, fault_url: str, rewrite):
        super().__init__(ControlHandler, "control")
        self.servers = servers  # name -> object with requests() / reset()
        self.fault_url = fault_url
        self.rewrite = rewrite

    def all_requests(self) -> dict:
        logs = {name: server.requests() for name, server in self.servers.items()}
        with urllib.request.urlopen(self.fault_url + CONTROL + "requests", timeout=10) as resp:
            logs["fault"] = json.loads(resp.read())
        return logs

    def reset_all(self) -> None:
        for server in self.servers.values():
            server.reset()
        req = urllib.request.Request(self.fault_url + CONTROL + "reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=10).read()
        self.rewrite()


class ControlHandler(RecordingHandler):
    server: ControlServer

    def _dispatch(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(min(length, 1 << 16))
        path = urllib.parse.urlsplit(self.path).path
        if path == CONTROL + "requests" and self.command == "GET":
            return self.send_json(200, self.server.all_requests())
        if path == CONTROL + "reset" and self.command == "POST":
            self.server.reset_all()
            return self.send(204)
        if path == CONTROL + "ping":
            return self.send(200, b"ok", "text/plain")
        return self.send_json(404, {"message": "control paths: GET /__harness__/requests, POST /__harness__/reset"})

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _dispatch


# --------------------------------------------------------------------------
# The whole environment
# --------------------------------------------------------------------------


def _clean_own_environment(scenario: dict) -> None:
    """The harness itself (and its children) must not use a proxy or real credentials."""
    clear = scenario["clear_env"]
    for name in list(os.environ):
        if name in clear["names"]:
            del os.environ[name]
    for name in AWS_ENV_TO_DROP:
        os.environ.pop(name, None)
    os.environ.update(DUMMY_AWS_ENV)


def build(moto_url: str | None, keep: bool):
    """Start everything; return (the JSON to print, a function that stops it all)."""
    from cred_servers import ContainerServer, ImdsServer, SsoServer
    from fault_server import start_fault_server
    from moto_server import start_moto_server
    from proxy_server import FAKE_HOST, ProxyServer
    from tls_ca import TlsFront, make_tls_files

    scenario = load_scenario()
    _clean_own_environment(scenario)
    stack = []  # things to stop, in reverse order

    def stop_all():
        for stop in reversed(stack):
            try:
                stop()
            except Exception:  # noqa: BLE001 - stopping must go on
                pass

    try:
        if moto_url is None:
            moto = start_moto_server()
            stack.append(moto.stop)
            moto_url = moto.url
        moto_url = moto_url.rstrip("/")
        parsed = urllib.parse.urlsplit(moto_url)
        if parsed.hostname != "127.0.0.1" or not parsed.port:
            raise SystemExit(f"--moto must be http://127.0.0.1:PORT, not {moto_url!r}")
        fault = start_fault_server(upstream=moto_url)
        stack.append(fault.stop)

        root = tempfile.mkdtemp(prefix="polyiam-env-")
        if not keep:
            stack.append(lambda: shutil.rmtree(root, ignore_errors=True))
        tls = make_tls_files(os.path.join(root, "tls"))

        keys = create_identities(moto_url, scenario["users"], scenario["roles"])
        sso_spec = scenario["sso"]
        sso = SsoServer(
            access_tokens={token: keys[user] for token, user in sso_spec["access_tokens"].items()},
            refresh_grants=sso_spec["refresh_grants"],
            account_id=sso_spec["account_id"],
            role_name=sso_spec["role_name"],
        )
        container = ContainerServer(keys[scenario["container"]["user"]], scenario["container"]["authorization"])
        imds = ImdsServer(keys[scenario["imds"]["user"]], scenario["imds"]["role_name"])
        proxy = ProxyServer()
        front = TlsFront(tls["server.pem"], tls["server.key"], parsed.port)
        servers = {"sso": sso, "container": container, "imds": imds, "proxy": proxy, "moto_tls": front}
        for server in servers.values():
            server.start()
            stack.append(server.stop)

        urls = {
            "sso": sso.url,
            "container": container.url,
            "imds": imds.url,
            "proxy": proxy.url,
            "fault": fault.url,
            "moto_tls": front.url,
            "moto_proxied": f"http://{FAKE_HOST}:{parsed.port}",
            "moto_tls_proxied": f"https://{FAKE_HOST}:{front.port}",
        }
        home = os.path.join(root, "home")
        resolve = Placeholders(
            {"moto": moto_url, "dir": root, "home": home, "python": sys.executable, "account": scenario["account_id"], **urls},
            keys,
        )
        write_files(scenario, root, resolve)
        control = ControlServer(servers, fault.url, lambda: write_files(scenario, root, resolve))
        control.start()
        stack.append(control.stop)
        urls["control"] = control.url

        ready = {
            "dir": root,
            "home": home,
            "moto": moto_url,
            "servers": urls,
            "clear_env": {"prefixes": scenario["clear_env"]["prefixes"], "names": scenario["clear_env"]["names"]},
            "cases": resolve_cases(scenario, resolve),
        }
        return ready, stop_all
    except BaseException:
        stop_all()
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moto", help="use this running moto (http://127.0.0.1:PORT) instead of starting one")
    parser.add_argument("--no-stdin", action="store_true", help="do not stop when stdin closes")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir when stopping")
    args = parser.parse_args(argv)
    ready, stop_all = build(args.moto, args.keep)
    try:
        announce(json.dumps(ready, separators=(",", ":")))
        wait_for_stop(not args.no_stdin)
    finally:
        stop_all()
    # Everything is stopped and deleted. Skip interpreter finalization: when a signal (not EOF)
    # stopped us, the stdin-watch thread is still blocked reading stdin, and finalizing under it
    # aborts the process (SIGABRT, "could not acquire lock for <stdin>") instead of exiting 0.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


# --------------------------------------------------------------------------
# Launcher side (Python tests)
# --------------------------------------------------------------------------


class Environment:
    """environment.py running in a child process: ``.info`` is the JSON it printed."""

    def __init__(self, proc: subprocess.Popen, info: dict):
        self.proc = proc
        self.info = info
        self.cases = {case["name"]: case for case in info["cases"]}
        self.servers = info["servers"]

    def reset(self) -> None:
        req = urllib.request.Request(self.servers["control"] + CONTROL + "reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=30).read()

    def requests(self) -> dict:
        with urllib.request.urlopen(self.servers["control"] + CONTROL + "requests", timeout=30) as resp:
            return json.loads(resp.read())

    def stop(self, timeout: float = 20.0) -> int | None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                self.proc.wait(timeout)
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def start_environment(moto_url: str | None = None, timeout: float = 90.0, python: str | None = None) -> Environment:
    cmd = [python or sys.executable, SCRIPT, *(["--moto", moto_url] if moto_url else [])]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dummy_aws_env())
    box: dict = {}
    reader = threading.Thread(target=lambda: box.setdefault("line", proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    line = box.get("line", b"").decode("utf-8", "replace").strip()
    if not line.startswith("{"):
        proc.kill()
        proc.wait()
        raise RuntimeError(f"environment.py did not announce within {timeout}s (exit {proc.poll()}, got {line[:200]!r})")
    return Environment(proc, json.loads(line))


if __name__ == "__main__":
    sys.exit(main())
