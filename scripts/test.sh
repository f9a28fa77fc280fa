#!/usr/bin/env bash
# Every test, from a fresh clone: set-up, generated-code drift check, cargo tests (core, codegen,
# model conformance, the whole-model generator test, core against moto), then the Python, Node and R
# suites against moto, the installable artefacts and the supply-chain checks. Each stage's duration is
# printed at the end (also when one fails).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/dummy-aws-env.sh

STAGES=()
report() {
  local rc=$?
  # A stage failed while a background job still runs: stop it with the run (each is its own group).
  local pid
  for pid in ${EARLY_PID:-} ${PEERS_PID:-} ${BG_PID:-}; do
    if kill -0 "$pid" 2>/dev/null; then kill -- -"$pid" 2>/dev/null || true; fi
  done
  echo
  echo "==> stage durations"
  printf '%s\n' "${STAGES[@]}"
  echo "total: $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s$([ "$rc" = 0 ] || echo " (failed)")"
}
trap report EXIT
# stage_line SECONDS NAME: one line of the durations printed at the end.
stage_line() { printf '%6d s  %s' "$1" "$2"; }
# stage NAME COMMAND...: runs COMMAND, records how long it took.
stage() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  STAGES+=("$(stage_line $(( SECONDS - start )) "$name")")
}
# group_nice N: the calling session's scheduling group at nice N. With autogroups (Linux's default,
# /proc/sys/kernel/sched_autogroup_enabled) each session is one group that shares the CPU equally with
# the others whatever its processes' nice values, so a setsid'd background job is at nice 19 only once
# its group is; the foreground's stages then get the cores first. Back to 0 needs privileges (root
# here), else the group stays where it was.
group_nice() { if [ -w /proc/self/autogroup ]; then echo "$1" >/proc/self/autogroup 2>/dev/null || true; fi; }
# bg_stage NAME COMMAND...: the same inside a background job, whose durations reach the list through its
# log ("stage: " lines, read by wait_for below).
bg_stage() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "stage: $(stage_line $(( SECONDS - start )) "background: $name")"
}
export -f stage_line bg_stage group_nice
# wait_for NAME PID LOG: the background job's outcome, its output shown and its stages' durations
# added to the list.
wait_for() {
  local rc=0 line
  wait "$2" || rc=$?
  echo "==> background: $1 (log: $3)"
  cat "$3"
  while IFS= read -r line; do STAGES+=("${line#stage: }"); done < <(grep '^stage: ' "$3" || true)
  [ "$rc" = 0 ] || echo "background: $1 failed (exit $rc)" >&2
  return "$rc"
}

# R itself before cargo: extendr's build finds R, and the whole-model generator test parses the
# generated R with Rscript.
stage "set-up (R from Debian)" ./scripts/setup-r.sh --deps-only
# The dev builds (the cargo tests, the generator, the Node addon), started first: they need nothing
# set-up makes, and set-up's pip install leaves a core idle for about a minute. maturin develop then
# waits on cargo's lock and compiles only the pyo3 crates; the stages below run what is built
# (wait_for shows the log on failure).
EARLY_LOG=target/early-build.log
mkdir -p target
# One package per `cargo build`, as the stages build them: the generator and the Node addon in one
# invocation unified features of crates outside workspace-hack differently, and the generated-files
# stage compiled the generator's dependencies again (71 s).
setsid bash -c 'cargo test --workspace --no-run --locked --quiet &&
  cargo build --locked --quiet -p polyiam-codegen && cargo build --locked --quiet -p polyiam-node' \
  >"$EARLY_LOG" 2>&1 &
EARLY_PID=$!
stage "set-up (venv, maturin develop; the cargo builds beside it)" ./scripts/setup.sh
# paws, the R suite's peer, from its source packages (about 110 s of one core, no cargo): in the
# background at the lowest priority until the testthat stage, which waits for it.
PEERS_LOG=target/R-peers-background.log
setsid nice -n 19 bash -c 'group_nice 19; bg_stage "paws install" ./scripts/setup-r.sh --peers-only' >"$PEERS_LOG" 2>&1 &
PEERS_PID=$!

generated_check() {
  echo "==> generated files are up to date"
  cargo run --quiet -p polyiam-codegen -- --check
}
stage "cargo builds (the wait)" wait_for "cargo test --no-run, codegen, Node addon" "$EARLY_PID" "$EARLY_LOG"
# Work the stages below do not depend on, started as soon as the workspace's dev build is done (the
# cargo tests and the suites mostly wait on moto and leave a core idle).
# One chain, so two cold cargo builds never share the cores. At the lowest priority: cargo-deny for
# the supply-chain stage (only when missing: 5-6 min of compiling on a fresh machine), then the R
# source tarball's offline install (a cold build of the vendored crates, ~8 min on 2 quiet cores).
# Then, at normal priority beside the artefact builds (it is mostly one R process and waits on moto):
# the tarball's scenario and R CMD check.
BG_LOG=target/background-builds.log
setsid env POLYIAM_SHARED_CORES=1 bash -c '
  set -e
  group_nice 19
  bg_stage "cargo-deny install (when missing)" nice -n 19 ./scripts/install-cargo-deny.sh
  bg_stage "R tarball: build, cold install" nice -n 19 ./scripts/test-r-offline.sh --build
  group_nice 0
  bg_stage "R tarball: scenario, R CMD check" ./scripts/test-r-offline.sh --test' \
  >"$BG_LOG" 2>&1 &
BG_PID=$!
stage "generated files" generated_check

cargo_tests() {
  echo "==> cargo test"
  # Test threads get 8 MiB of stack: an unoptimised build of the AWS SDK polls deep futures (resolving
  # the configuration nests dozens), and libtest's default 2 MiB leaves little room. Release builds
  # need far less; the runtime's own workers have 16 MiB (core/src/runtime.rs).
  RUST_MIN_STACK=8388608 POLYIAM_PYTHON="$PWD/.venv/bin/python" cargo test --workspace --quiet
}
stage "cargo test" cargo_tests

pytest_suite() {
  echo "==> pytest"
  .venv/bin/python -m pytest -q bindings-python/tests
}
stage "pytest" pytest_suite

stage "node:test" ./scripts/test-node.sh
stage "background: paws install (the wait)" wait_for "paws install" "$PEERS_PID" "$PEERS_LOG"
stage "testthat" env POLYIAM_R_CHECK=0 ./scripts/test-r.sh

# Installable artefacts (issues 13, 22): the abi3 wheel + sdist and the npm tarball (dist profile,
# glibc 2.17 through zig), each installed into an empty environment with no Rust on PATH and run
# against moto. The wheel's build also links the npm addon, side by side (scripts/wheel-cargo): the
# npm build then only packs it.
stage "wheel: build" ./scripts/build-wheel.sh
stage "wheel: install and test" ./scripts/test-wheel.sh
stage "npm: build" ./scripts/build-npm.sh
stage "npm: install and test" ./scripts/test-npm-package.sh
# The release workflow, checked offline against GitHub's schema.
stage "release workflow" ./scripts/check-release-workflow.sh
stage "background: cargo-deny, R tarball (the wait)" wait_for "cargo-deny install, R tarball" "$BG_PID" "$BG_LOG"
# Supply chain: cargo deny (deny.toml) and the rust-version proof.
stage "supply chain" ./scripts/check-supply-chain.sh
