#!/usr/bin/env bash
# Builds the Python artefacts into target/wheels: one abi3 wheel (cp39-abi3, dist profile) for
# manylinux2014 (glibc 2.17: Amazon Linux 2, RHEL 7+), linked by zig against glibc 2.17's symbols
# (maturin --zig; ziglang pinned in requirements-zig.txt), checked by maturin's built-in auditwheel
# (it fails the build if the library needs anything outside the policy), and the sdist.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -x .venv/bin/maturin ] || ./scripts/setup.sh
. scripts/zig-toolchain.sh
OUT="$ROOT/target/wheels"
rm -rf "$OUT" && mkdir -p "$OUT"
cd bindings-python
echo "==> maturin build --profile dist --zig --compatibility manylinux2014 (abi3 wheel, glibc 2.17)"
# --auditwheel check: fail rather than vendor foreign shared libraries into the wheel. The target is
# named so the build lands in target/$ZIG_TARGET/dist, beside the npm addon's (scripts/build-npm.sh).
# maturin's cargo (scripts/wheel-cargo) builds that addon in the same invocation: the two
# single-threaded fat-LTO links run side by side (POLYIAM_WHEEL_ONLY=1: the wheel alone).
wheel_path=$PATH
if [ "${POLYIAM_WHEEL_ONLY:-0}" != 1 ]; then wheel_path="$ROOT/scripts/wheel-cargo:$PATH"; fi
"${ZIG_ENV[@]}" POLYIAM_REAL_CARGO="$(command -v cargo)" PATH="$wheel_path" "$ROOT/.venv/bin/maturin" build --profile dist --zig --compatibility manylinux2014 --target "$ZIG_TARGET" \
  --auditwheel check --out "$OUT"
echo "==> maturin sdist"
"$ROOT/.venv/bin/maturin" sdist --out "$OUT"
ls -l "$OUT"
