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
  echo
  echo "==> stage durations"
  printf '%s\n' "${STAGES[@]}"
  echo "total: $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s$([ "$rc" = 0 ] || echo " (failed)")"
}
trap report EXIT
# stage NAME COMMAND...: runs COMMAND, records how long it took.
stage() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  STAGES+=("$(printf '%6d s  %s' $(( SECONDS - start )) "$name")")
}

stage "set-up (venv, maturin develop)" ./scripts/setup.sh
# R itself before cargo: the whole-model generator test parses the generated R with Rscript.
stage "set-up (R from Debian)" ./scripts/setup-r.sh --deps-only

generated_check() {
  echo "==> generated files are up to date"
  cargo run --quiet -p polyiam-codegen -- --check
}
stage "generated files" generated_check

cargo_tests() {
  echo "==> cargo test"
  # Test threads get 8 MiB of stack: an unoptimised build of the AWS SDK polls deep futures (resolving
  # the configuration nests dozens), and libtest's default 2 MiB leaves little room. Release builds
  # need far less; the runtime's own workers have 16 MiB (core/src/runtime.rs).
  RUST_MIN_STACK=8388608 POLYIAM_PYTHON="$PWD/.venv/bin/python" cargo test --workspace --quiet
}
stage "cargo test" cargo_tests

# cargo-deny (for the supply-chain stage, only when missing: 5-6 min of compiling on a fresh machine)
# builds in the background at the lowest priority from here on, while the suites below mostly wait on
# moto and leave a core idle.
DENY_LOG=target/install-cargo-deny.log
nice -n 19 ./scripts/install-cargo-deny.sh >"$DENY_LOG" 2>&1 &
DENY_PID=$!

pytest_suite() {
  echo "==> pytest"
  .venv/bin/python -m pytest -q bindings-python/tests
}
stage "pytest" pytest_suite

stage "node:test" ./scripts/test-node.sh
stage "testthat + R tarball (install, check)" ./scripts/test-r.sh

# Installable artefacts (issues 13, 22): the abi3 wheel + sdist and the npm tarball (dist profile,
# glibc 2.17 through zig), each installed into an empty environment with no Rust on PATH and run
# against moto.
stage "wheel: build" ./scripts/build-wheel.sh
stage "wheel: install and test" ./scripts/test-wheel.sh
stage "npm: build" ./scripts/build-npm.sh
stage "npm: install and test" ./scripts/test-npm-package.sh
# The release workflow, checked offline against GitHub's schema.
stage "release workflow" ./scripts/check-release-workflow.sh
wait_for_cargo_deny() {
  local rc=0
  wait "$DENY_PID" || rc=$?
  cat "$DENY_LOG"
  return "$rc"
}
stage "cargo-deny install (in the background since cargo test: the wait)" wait_for_cargo_deny
# Supply chain: cargo deny (deny.toml) and the rust-version proof.
stage "supply chain" ./scripts/check-supply-chain.sh
