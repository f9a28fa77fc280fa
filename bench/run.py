#!/usr/bin/env python3
"""polyiam's benchmark: create_access_key per-call time, cold start and peak memory per client.

    python bench/run.py [--calls N] [--moto-calls N] [--warmup W] [--rounds R] [--cold-runs K]
                        [--endpoints static,moto] [--only SUBSTR,...] [--skip SUBSTR,...]

Normally started by ``bench/run.sh``, which does the set-up (bench/.venv with boto3, moto and a
release build of polyiam; the release native binary; bench/node/node_modules and the release Node addon
in bench/.build/; the release R package in bench/.R-library) first. This is a benchmark, not a test: it
prints numbers and never fails on them.

Endpoints (both local, started here, stopped at the end):
- ``static``: bench/static_server.py answers every request with one fixed CreateAccessKey response,
  so the time measured is the client's own (plus a few tens of microseconds of server);
- ``moto``: tests/harness/moto_server.py, a stateful fake IAM (each key is deleted right after its
  timed creation, untimed, because moto allows two keys per user).

Per client and endpoint: one fresh process makes ``W`` untimed then ``N`` timed calls (mean and
percentiles of the per-call times; best of ``R`` rounds by mean, the clients taking turns round by
round); peak RSS is that process's high water mark (``peak_rss_mb`` from the driver, VmHWM; else
``ru_maxrss`` from wait4). Cold start (static endpoint only): wall time from spawning a fresh process to
its exit, the process doing import + client + first call; median of ``K`` runs.

Adding a client is one entry in ``clients()``: a command that follows the driver protocol of
``drivers/python_driver.py`` (``drivers/node_driver.mjs`` and ``drivers/r_driver.R`` follow it too) (arguments ``--endpoint --calls --warmup [--moto --user]
[--cold]``, one JSON object on stdout; ``peak_rss_mb`` from /proc/self/status VmHWM where possible).

Results: a Markdown table on stdout, and ``bench/results/<UTC time>.{json,md}`` plus
``bench/results/latest.md``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))

from _serverproc import ServerProcess, dummy_aws_env  # noqa: E402

RESULTS = os.path.join(BENCH, "results")
BENCH_PY = os.path.join(BENCH, ".venv", "bin", "python")
MAIN_PY = os.path.join(ROOT, ".venv", "bin", "python")
NATIVE_BIN = os.path.join(ROOT, "target", "release", "polyiam-bench-native")
PY_DRIVER = os.path.join(BENCH, "drivers", "python_driver.py")
NODE_DRIVER = os.path.join(BENCH, "drivers", "node_driver.mjs")
R_DRIVER = os.path.join(BENCH, "drivers", "r_driver.R")
# Release builds made by run.sh, kept inside bench/ (gitignored) so the tests' debug builds stay put:
# the Node addon (a copy of target/release/libpolyiam_node.so, loaded through POLYIAM_NODE_ADDON)
# and an R library with polyiam installed from a release build of bindings-r.
_NODE_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower(), platform.machine())
NODE_ADDON = os.path.join(BENCH, ".build", f"polyiam.{sys.platform}-{_NODE_ARCH}.node")
NODE_MODULES = os.path.join(BENCH, "node", "node_modules")
R_LIB = os.path.join(BENCH, ".R-library")

# Target client names used for the verdict lines.
NATIVE = "aws-sdk-iam (Rust, native)"
POLYIAM_PY = "polyiam (Python)"
BOTO3 = "boto3 (Python)"
POLYIAM_NODE = "polyiam (Node)"
AWS_SDK_JS = "@aws-sdk/client-iam v3 (Node)"
POLYIAM_R = "polyiam (R)"
PAWS = "paws (R)"


@dataclass
class Client:
    """One benchmarked client: a driver command following the protocol above."""

    name: str
    command: List[str]
    # Why the client cannot run here (missing build, interpreter, ...), or None when it can.
    unavailable: Callable[[], Optional[str]] = lambda: None
    note: str = ""
    cold: bool = True  # measure cold start


def _missing(path: str, hint: str) -> Callable[[], Optional[str]]:
    return lambda: None if os.path.exists(path) else f"{os.path.relpath(path, ROOT)} missing ({hint})"


def _py_has(python: str, module: str) -> Callable[[], Optional[str]]:
    def check() -> Optional[str]:
        if not os.path.exists(python):
            return f"{os.path.relpath(python, ROOT)} missing"
        ok = subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0
        return None if ok else f"{module} not importable by {os.path.relpath(python, ROOT)}"

    return check


def _tool(name: str) -> Callable[[], Optional[str]]:
    return lambda: None if shutil.which(name) else f"{name} not on PATH"


def _all(*checks: Callable[[], Optional[str]]) -> Callable[[], Optional[str]]:
    def check() -> Optional[str]:
        for c in checks:
            why = c()
            if why:
                return why
        return None

    return check


def _r_has(package: str, lib: str, hint: str, *alternatives: str) -> Callable[[], Optional[str]]:
    """Whether R finds `package` (or one of `alternatives`) with `lib` searched first."""
    def check() -> Optional[str]:
        if not shutil.which("Rscript"):
            return "Rscript not on PATH"
        names = "c(" + ", ".join(repr(p) for p in (package, *alternatives)) + ")"
        code = (f".libPaths(c({lib!r}, .libPaths())); "
                f"quit(status = if (any(vapply({names}, requireNamespace, NA, quietly = TRUE))) 0 else 1)")
        ok = subprocess.run(["Rscript", "-e", code], capture_output=True).returncode == 0
        return None if ok else f"R package {package} not installed ({hint})"

    return check


def clients() -> List[Client]:
    """Every client the bench knows (a client that cannot run here gets a "not run" row saying why)."""
    build_native = "run bench/run.sh, or cargo build --release -p polyiam-bench-native"
    return [
        Client(NATIVE, [NATIVE_BIN, "--json", "--client", "native"], _missing(NATIVE_BIN, build_native),
               "aws-sdk-iam awaited in a loop inside one tokio runtime"),
        Client("aws-sdk-iam (Rust, block_on per call)", [NATIVE_BIN, "--json", "--client", "native-blocking"],
               _missing(NATIVE_BIN, build_native), "one block_on per call from the main thread", cold=False),
        Client("polyiam-core (Rust, call)", [NATIVE_BIN, "--json", "--client", "core"],
               _missing(NATIVE_BIN, build_native), "Client::call awaited inside the core runtime", cold=False),
        Client("polyiam-core (Rust, call_blocking)", [NATIVE_BIN, "--json", "--client", "core-blocking"],
               _missing(NATIVE_BIN, build_native), "what the Python binding runs under the GIL release"),
        Client(POLYIAM_PY, [BENCH_PY, PY_DRIVER, "--client", "polyiam"], _py_has(BENCH_PY, "polyiam"),
               "release wheel (maturin build --release) in bench/.venv"),
        # .venv's polyiam is the editable `maturin develop` (debug) build scripts/setup.sh made last.
        Client("polyiam (Python, .venv debug build)", [MAIN_PY, PY_DRIVER, "--client", "polyiam"],
               _py_has(MAIN_PY, "polyiam"), "the test build; for comparison only"),
        Client(BOTO3, [BENCH_PY, PY_DRIVER, "--client", "boto3"], _py_has(BENCH_PY, "boto3"), "boto3 1.43 in bench/.venv"),
        Client(POLYIAM_NODE, ["node", NODE_DRIVER, "--client", "polyiam", "--addon", NODE_ADDON],
               _all(_tool("node"), _missing(NODE_ADDON, "run bench/run.sh: cargo build --release -p polyiam-node, copied")),
               "release addon (cargo build --release -p polyiam-node) loaded from bench/.build/ via POLYIAM_NODE_ADDON"),
        Client(AWS_SDK_JS, ["node", NODE_DRIVER, "--client", "aws-sdk"],
               _all(_tool("node"), _missing(NODE_MODULES, "run bench/run.sh, or npm ci in bench/node")),
               "AWS SDK for JavaScript v3, @aws-sdk/client-iam 3.1169.0 (bench/node/package-lock.json), IAMClient.send"),
        Client(POLYIAM_R, ["Rscript", R_DRIVER, "--client", "polyiam", "--lib", R_LIB],
               _r_has("polyiam", R_LIB, "run bench/run.sh: POLYIAM_CARGO_PROFILE=release R CMD INSTALL into bench/.R-library"),
               "release build (POLYIAM_CARGO_PROFILE=release) in bench/.R-library"),
        # paws is not on Debian and CRAN is not reachable from this machine: bench/run.sh installs
        # its IAM package (paws.security.identity, with paws.common) from ../shared/peers when that
        # exists; otherwise the row says why it did not run.
        Client(PAWS, ["Rscript", R_DRIVER, "--client", "paws", "--lib", R_LIB],
               _r_has("paws", R_LIB, "it comes from CRAN, which this machine cannot reach, or ../shared/peers", "paws.security.identity"),
               "paws.security.identity 0.7.0 with paws.common 0.7.7 (../shared/peers) in bench/.R-library"),
    ]


@dataclass
class Run:
    result: dict
    wall_s: float
    maxrss_mb: float


def run_measured(command: List[str], timeout: float = 600.0) -> Run:
    """Runs one driver process: its JSON result, wall time (spawn to exit) and peak RSS (os.wait4)."""
    env = dummy_aws_env()
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    box: dict = {}

    def reap() -> None:
        box["wait"] = os.wait4(proc.pid, 0)
        box["t"] = time.perf_counter()

    # A blocking wait4 in a thread: no polling that would compete with the child for the CPU. The
    # drivers print little, so their pipes cannot fill; they are read after the child exits.
    reaper = threading.Thread(target=reap, daemon=True)
    reaper.start()
    reaper.join(timeout)
    if "wait" not in box:
        proc.kill()
        reaper.join()
        proc.returncode = -9
        raise RuntimeError(f"{' '.join(command)}: no result within {timeout}s")
    _, status, rusage = box["wait"]
    wall = box["t"] - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}: {err.decode(errors='replace').strip()[-2000:]}")
    lines = [ln for ln in out.decode().splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"{' '.join(command)} printed no JSON result: {out.decode(errors='replace')[-500:]}")
    result = json.loads(lines[-1])
    # Peak RSS as the driver reports it (VmHWM): ru_maxrss from wait4 also counts the image the child
    # had before exec, which under vfork is this process's, a floor of some 20 MB. Fallback only.
    rss = result.get("peak_rss_mb")
    if rss is None:
        rss = rusage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(result, wall, rss)


@dataclass
class Row:
    client: str
    endpoint: str
    calls: int = 0
    mean_ms: Optional[float] = None
    p50_ms: Optional[float] = None
    p90_ms: Optional[float] = None
    p99_ms: Optional[float] = None
    peak_rss_mb: Optional[float] = None
    cold_s: Optional[float] = None
    cold_rss_mb: Optional[float] = None
    cold_parts: dict = field(default_factory=dict)
    error: Optional[str] = None
    skipped: Optional[str] = None  # why the client could not run here


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")[:48]


def timed_command(client: Client, endpoint: str, url: str, args) -> List[str]:
    moto = endpoint == "moto"
    calls = args.moto_calls if moto else args.calls
    warmup = min(args.warmup, calls) if moto else args.warmup
    cmd = [*client.command, "--endpoint", url, "--calls", str(calls), "--warmup", str(warmup)]
    if moto:
        cmd += ["--moto", "--user", "bench-" + slug(client.name)]
    return cmd


def bench_endpoint(chosen: List[Client], endpoint: str, url: str, args) -> List[Row]:
    """Every client's timed process, round after round (client 1, 2, ..., then again), so that a slow
    stretch of this shared machine falls on every client rather than on one; the best mean per client is
    kept. Then each client's cold starts."""
    rounds = 1 if endpoint == "moto" else args.rounds
    best: Dict[str, Run] = {}
    errors: Dict[str, str] = {}
    for i in range(rounds):
        for c in chosen:
            if c.name in errors:
                continue
            print(f"   {c.name} (round {i + 1} of {rounds}) ...", file=sys.stderr, flush=True)
            try:
                r = run_measured(timed_command(c, endpoint, url, args))
            except Exception as exc:  # a benchmark reports a broken client and goes on
                errors[c.name] = str(exc).replace("\n", " ")
                print(f"   {c.name}: {errors[c.name]}", file=sys.stderr)
                continue
            if c.name not in best or r.result["mean_ms"] < best[c.name].result["mean_ms"]:
                best[c.name] = r
    rows = []
    for c in chosen:
        if c.name in errors:
            rows.append(Row(c.name, endpoint, error=errors[c.name]))
            continue
        row = Row(c.name, endpoint)
        res = best[c.name].result
        row.calls = res["calls"]
        row.mean_ms, row.p50_ms, row.p90_ms, row.p99_ms = res["mean_ms"], res["p50_ms"], res["p90_ms"], res["p99_ms"]
        row.peak_rss_mb = best[c.name].maxrss_mb
        if endpoint != "moto" and c.cold and args.cold_runs > 0:
            try:
                cold_cmd = [*c.command, "--endpoint", url, "--cold"]
                runs = [run_measured(cold_cmd) for _ in range(args.cold_runs)]
            except Exception as exc:  # noqa: BLE001 - as above
                rows.append(Row(c.name, endpoint, error=str(exc).replace("\n", " ")))
                continue
            row.cold_s = statistics.median(r.wall_s for r in runs)
            row.cold_rss_mb = statistics.median(r.maxrss_mb for r in runs)
            for part in ("t_import_s", "t_client_s", "t_first_s"):
                row.cold_parts[part] = statistics.median(r.result[part] for r in runs)
        rows.append(row)
    return rows


def fmt(v: Optional[float], digits: int = 3) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


def table(rows: List[Row]) -> str:
    out = [
        "| client | endpoint | calls | ms/call mean | p50 | p90 | p99 | cold start s (import / client / 1st call) | peak RSS MB (loop / cold) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if r.skipped:
            out.append(f"| {r.client} | — | — | not run: {r.skipped} | | | | | |")
            continue
        if r.error:
            out.append(f"| {r.client} | {r.endpoint} | — | error: {r.error[:120]} | | | | | |")
            continue
        cold = "—"
        if r.cold_s is not None:
            p = r.cold_parts
            cold = f"{r.cold_s:.3f} ({p['t_import_s']:.3f} / {p['t_client_s']:.3f} / {p['t_first_s']:.3f})"
        rss = fmt(r.peak_rss_mb, 1) + ("" if r.cold_rss_mb is None else f" / {r.cold_rss_mb:.1f}")
        out.append(
            f"| {r.client} | {r.endpoint} | {r.calls} | {fmt(r.mean_ms)} | {fmt(r.p50_ms)} | {fmt(r.p90_ms)} "
            f"| {fmt(r.p99_ms)} | {cold} | {rss} |"
        )
    return "\n".join(out)


def verdicts(rows: List[Row]) -> List[str]:
    def find(name: str, endpoint: str = "static") -> Optional[Row]:
        return next((r for r in rows if r.client == name and r.endpoint == endpoint and not r.error), None)

    native = find(NATIVE)

    def compare(lang: str, ours: Optional[Row], ref: Optional[Row], ref_long: str, ref_short: str) -> List[str]:
        """One binding against native aws-sdk-iam (per call), its own start, and its language's reference SDK.
        The targets are issue 21's: per call within 1.15x of native; import + first client within 20 ms
        (measured in the process, so over the bare interpreter's own start)."""
        out = []
        if native and ours and native.mean_ms and ours.mean_ms:
            ratio = ours.mean_ms / native.mean_ms
            out.append(
                f"- {lang}per call (static endpoint, mean): polyiam {ours.mean_ms:.3f} ms vs native aws-sdk-iam "
                f"{native.mean_ms:.3f} ms = {ratio:.2f}x (target <= 1.15x: {'met' if ratio <= 1.15 else 'NOT met'})"
            )
        if ours and ours.cold_parts:
            start = ours.cold_parts["t_import_s"] + ours.cold_parts["t_client_s"]
            out.append(
                f"- {lang}start (import + client, in the process): {start * 1000:.0f} ms "
                f"(target <= 20 ms: {'met' if start <= 0.020 else 'NOT met'})"
            )
        if ref and ours and ref.mean_ms and ours.mean_ms:
            out.append(f"- {lang}per call vs {ref_long}: polyiam is {ref.mean_ms / ours.mean_ms:.1f}x faster ({ref.mean_ms:.3f} ms)")
        if ref and ours and ref.cold_s and ours.cold_s:
            out.append(
                f"- {lang}cold start: polyiam {ours.cold_s:.3f} s vs {ref_short} {ref.cold_s:.3f} s = "
                f"{ours.cold_s / ref.cold_s:.2f} of {ref_short}'s"
            )
        return out

    lines = compare("", find(POLYIAM_PY), find(BOTO3), "boto3", "boto3")
    lines += compare("Node ", find(POLYIAM_NODE), find(AWS_SDK_JS), "@aws-sdk/client-iam v3", "v3")
    r_poly, paws = find(POLYIAM_R), find(PAWS)
    lines += compare("R ", r_poly, paws, "paws", "paws")
    if r_poly and not paws:
        lines.append("- R vs paws: not measured (paws is not installed: it is not on Debian, CRAN is not reachable here, and ../shared/peers has no copy)")
    return lines


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--calls", type=int, default=2000, help="timed calls per client on the static endpoint")
    p.add_argument("--moto-calls", type=int, default=300, help="timed calls per client on moto")
    p.add_argument("--warmup", type=int, default=200, help="untimed calls first (moto: at most --moto-calls)")
    p.add_argument("--rounds", type=int, default=3, help="fresh processes per client on the static endpoint; best mean kept")
    p.add_argument("--cold-runs", type=int, default=7, help="fresh cold-start processes per client (median)")
    p.add_argument("--endpoints", default="static,moto", help="comma-separated: static, moto")
    p.add_argument("--only", default="", help="comma-separated substrings: run only matching clients")
    p.add_argument("--skip", default="", help="comma-separated substrings: skip matching clients")
    args = p.parse_args(argv)

    endpoints = [e.strip() for e in args.endpoints.split(",") if e.strip()]
    for e in endpoints:
        if e not in ("static", "moto"):
            p.error(f"unknown endpoint {e!r}")
    only = [s.strip().lower() for s in args.only.split(",") if s.strip()]
    skip = [s.strip().lower() for s in args.skip.split(",") if s.strip()]
    chosen = []
    skipped: List[Row] = []
    for c in clients():
        n = c.name.lower()
        if (only and not any(s in n for s in only)) or any(s in n for s in skip):
            continue
        why = c.unavailable()
        if why:
            print(f"skipping {c.name}: {why}", file=sys.stderr)
            skipped.append(Row(c.name, "—", skipped=why))
            continue
        chosen.append(c)
    if not chosen:
        print("no client to run", file=sys.stderr)
        return 2

    server_py = BENCH_PY if os.path.exists(BENCH_PY) else sys.executable
    scripts = {
        "static": os.path.join(BENCH, "static_server.py"),
        "moto": os.path.join(ROOT, "tests", "harness", "moto_server.py"),
    }
    rows: List[Row] = []
    for endpoint in endpoints:
        server = ServerProcess.start(scripts[endpoint], python=server_py, timeout=120)
        try:
            print(f"== {endpoint} endpoint at {server.url}", file=sys.stderr)
            rows.extend(bench_endpoint(chosen, endpoint, server.url, args))
        finally:
            server.stop()
    rows.extend(skipped)

    now = _dt.datetime.now(_dt.timezone.utc)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    md = [
        f"polyiam benchmark, {now:%Y-%m-%d %H:%M} UTC ({machine})",
        "",
        f"CreateAccessKey; static endpoint: {args.calls} timed calls after {args.warmup} warm-up, best of "
        f"{args.rounds} processes (the clients taking turns, round by round); moto: {args.moto_calls} timed "
        f"calls (each key deleted, untimed); cold start: spawn to exit of a process doing import + client + first call, median of {args.cold_runs}.",
        "",
        table(rows),
        "",
        *verdicts(rows),
        "",
        "Clients:",
        *[f"- {c.name}: {c.note}" for c in chosen if c.note],
    ]
    text = "\n".join(md)
    print(text)
    os.makedirs(RESULTS, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    with open(os.path.join(RESULTS, f"{stamp}.json"), "w") as fh:
        json.dump({"time": now.isoformat(), "machine": machine, "args": vars(args),
                   "rows": [r.__dict__ for r in rows]}, fh, indent=2)
    for name in (f"{stamp}.md", "latest.md"):
        with open(os.path.join(RESULTS, name), "w") as fh:
            fh.write(text + "\n")
    print(f"\n(results in {os.path.relpath(RESULTS, os.getcwd())}/{stamp}.{{json,md}})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
