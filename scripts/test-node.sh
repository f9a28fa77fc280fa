#!/usr/bin/env bash
# A check that `npm pack` makes an installable package containing the addon, then the Node suite
# (node:test) against one moto and one pager server for the whole run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/dummy-aws-env.sh

# The harness servers need the pinned moto in .venv (scripts/setup.sh makes it).
[ -x .venv/bin/python ] || ./scripts/setup.sh
./scripts/setup-node.sh
# The pinned JS v3 SDK (bench/node), so the side-by-side test of peer_compat.test.mjs runs, not skips.
if ! cmp -s bench/node/package-lock.json bench/node/node_modules/.bench-lock 2>/dev/null; then
  echo "==> installing the pinned @aws-sdk/client-iam into bench/node (npm ci)"
  (cd bench/node && npm ci --no-audit --no-fund --loglevel=error)
  cp bench/node/package-lock.json bench/node/node_modules/.bench-lock
fi

# One moto and one pager server for every test file, stopped when this script exits.
. scripts/harness.sh
start_server POLYIAM_MOTO_URL moto_server.py
start_server POLYIAM_PAGER_URL pager_server.py
export POLYIAM_MOTO_URL POLYIAM_PAGER_URL POLYIAM_PYTHON="$ROOT/.venv/bin/python"

echo "==> npm pack: an installable package with the addon"
PACKDIR=$(mktemp -d)
on_exit rm -rf "$PACKDIR"
(cd bindings-node && npm pack --silent --pack-destination "$PACKDIR" >/dev/null)
tarball=$(ls "$PACKDIR"/polyiam-*.tgz)
contents=$(tar -tzf "$tarball")
grep -q 'package/polyiam\..*\.node$' <<<"$contents" || { echo "the package has no addon" >&2; exit 1; }
mkdir "$PACKDIR/app"
(cd "$PACKDIR/app" && npm init -y >/dev/null && npm install --silent --offline --no-audit --no-fund "$tarball" >/dev/null)
(cd "$PACKDIR/app" && node -e '
  const { IAM, NoSuchEntityException, paginateListAccessKeys } = require("polyiam");
  new IAM({ region: "us-east-1" });
  if (typeof NoSuchEntityException !== "function" || typeof paginateListAccessKeys !== "function") process.exit(1);
' && node --input-type=module -e '
  import { IAM } from "polyiam";
  const iam = new IAM({ endpoint: process.env.POLYIAM_MOTO_URL });
  const { User, $metadata } = await iam.createUser({ UserName: `polyiam-pack-${process.pid}` });
  await iam.deleteUser({ UserName: User.UserName });
  if ($metadata.httpStatusCode !== 200) process.exit(1);
')
echo "npm pack: $(basename "$tarball") installs and loads (CommonJS and ESM)"
# The package's `polyiam` bin, as npm installed it (test/cli.test.mjs runs it).
export POLYIAM_INSTALLED_BIN="$PACKDIR/app/node_modules/.bin/polyiam"
[ -x "$POLYIAM_INSTALLED_BIN" ] || { echo "the package installed no polyiam bin" >&2; exit 1; }

echo "==> node --test (bindings-node/test)"
(cd bindings-node && node --test --test-concurrency=1 --test-reporter=spec test/*.test.mjs)
