#!/usr/bin/env bash
# Builds the Python artefacts into target/wheels: one abi3 wheel (cp39-abi3, release profile) whose
# manylinux tag maturin picks from what the library links (its built-in auditwheel check fails the
# build if the library needs anything outside the manylinux policy), and the sdist.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -x .venv/bin/maturin ] || ./scripts/setup.sh
OUT="$ROOT/target/wheels"
rm -rf "$OUT" && mkdir -p "$OUT"
cd bindings-python
echo "==> maturin build --release (abi3 wheel)"
# --compatibility pypi: only tags PyPI accepts (the lowest manylinux the library is compatible with);
# --auditwheel check: fail rather than vendor foreign shared libraries into the wheel.
"$ROOT/.venv/bin/maturin" build --release --compatibility pypi --auditwheel check --out "$OUT"
echo "==> maturin sdist"
"$ROOT/.venv/bin/maturin" sdist --out "$OUT"
ls -l "$OUT"
