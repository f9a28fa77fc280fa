#!/usr/bin/env bash
# polyiam's benchmark with its own set-up: bench/.venv (pinned boto3, moto, maturin), a release wheel
# of the Python binding installed into it, the release native bench binary; then bench/run.py (options pass
# through: --calls, --moto-calls, --rounds, --cold-runs, --endpoints, --only, --skip; see --help).
# BENCH_NO_BUILD=1 skips the builds (reuse the last ones).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

export AWS_EC2_METADATA_DISABLED=true
VENV="$ROOT/bench/.venv"

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating bench/.venv" >&2
  python3 -m venv "$VENV"
fi
if ! cmp -s requirements-dev.txt "$VENV/.requirements-installed" 2>/dev/null; then
  echo "==> installing pinned Python tools into bench/.venv" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  cp requirements-dev.txt "$VENV/.requirements-installed"
fi

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  # Release builds share one compiled AWS stack (target/release) thanks to workspace-hack.
  echo "==> building the native bench (cargo build --release -p polyiam-bench-native)" >&2
  nice -n 10 cargo build --release --quiet -p polyiam-bench-native
  # A release wheel installed into bench/.venv, not `maturin develop`: develop installs editable, i.e.
  # puts the module in bindings-python/python/polyiam/ where every venv (.venv's tests too) loads it.
  echo "==> building the Python binding in release mode (maturin build --release) into bench/.venv" >&2
  rm -rf "$VENV/wheels"
  (cd bindings-python && nice -n 10 "$VENV/bin/maturin" build --release --quiet -i "$VENV/bin/python" -o "$VENV/wheels")
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$VENV"/wheels/polyiam-*.whl
fi

exec "$VENV/bin/python" bench/run.py "$@"
