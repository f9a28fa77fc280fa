#!/usr/bin/env bash
# Idempotent set-up for the Node binding: checks Node >= 20 and builds the native addon with plain
# cargo (shared workspace target dir and features), copying it to where the package loads it
# (bindings-node/polyiam.<name>.node, napi-rs's platform name, e.g. linux-x64-gnu). The package has no npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1; then
  echo "setup-node: node is not installed (polyiam needs Node >= 20)" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "setup-node: Node $(node --version) is too old (polyiam needs Node >= 20)" >&2
  exit 1
fi

echo "==> building the Node binding (cargo build -p polyiam-node)"
node bindings-node/scripts/build-addon.js "$@"
