#!/usr/bin/env bash
# Idempotent set-up shared by the demo and the test command: Python tools in .venv (pinned), the
# Python binding built into it with maturin (same workspace target dir and features as cargo).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

export AWS_EC2_METADATA_DISABLED=true

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  python3 -m venv .venv
fi
if ! cmp -s requirements-dev.txt .venv/.requirements-installed 2>/dev/null; then
  echo "==> installing pinned Python tools"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  cp requirements-dev.txt .venv/.requirements-installed
fi

echo "==> building the Python binding (maturin develop)"
# maturin installs into the active virtualenv.
export VIRTUAL_ENV="$ROOT/.venv"
export PATH="$ROOT/.venv/bin:$PATH"
(cd bindings-python && maturin develop --quiet)
