#!/usr/bin/env bash
# Every test, from a fresh clone: set-up, generated-code drift check, cargo tests (core, codegen,
# model conformance, the whole-model generator test, core against moto), then the Python, Node and R
# suites against moto.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/dummy-aws-env.sh

./scripts/setup.sh
# R itself before cargo: the whole-model generator test parses the generated R with Rscript.
./scripts/setup-r.sh --deps-only

echo "==> generated files are up to date"
cargo run --quiet -p polyiam-codegen -- --check

echo "==> cargo test"
# Test threads get 8 MiB of stack: an unoptimised build of the AWS SDK polls deep futures (resolving
# the configuration nests dozens), and libtest's default 2 MiB leaves little room. Release builds
# need far less; the runtime's own workers have 16 MiB (core/src/runtime.rs).
RUST_MIN_STACK=8388608 POLYIAM_PYTHON="$PWD/.venv/bin/python" cargo test --workspace --quiet

echo "==> pytest"
.venv/bin/python -m pytest -q bindings-python/tests

./scripts/test-node.sh
./scripts/test-r.sh

# Installable artefacts (issue 13): the abi3 wheel + sdist and the npm tarball (release builds), each
# installed into an empty environment with no Rust on PATH and run against moto.
./scripts/build-wheel.sh
./scripts/test-wheel.sh
./scripts/build-npm.sh
./scripts/test-npm-package.sh
# Supply chain: cargo deny (deny.toml) and the rust-version proof.
./scripts/check-supply-chain.sh
