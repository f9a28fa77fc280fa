#!/usr/bin/env bash
# Installs the npm tarball from target/npm (scripts/build-npm.sh) into an empty project with no Rust on
# PATH and runs the create-access-key scenario through require() and import (tests/artefacts/) against
# moto. Also checks the tarball's layout: the linux-x64-gnu addon under napi-rs's name, the loader, no
# Rust sources.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/dummy-aws-env.sh
. scripts/no-rust-path.sh
require_no_rust

[ -x .venv/bin/python ] || ./scripts/setup.sh
VERSION=$(node -p 'require("./bindings-node/package.json").version')
tarball="target/npm/polyiam-$VERSION.tgz"
[ -f "$tarball" ] || { echo "test-npm-package: no $tarball (run scripts/build-npm.sh)" >&2; exit 1; }
contents=$(tar -tzf "$tarball")
for f in package/package.json package/index.js package/index.mjs package/index.d.ts package/lib/loader.js package/lib/native.js package/bin/polyiam.js package/polyiam.linux-x64-gnu.node; do
  grep -qx "$f" <<<"$contents" || { echo "test-npm-package: $f missing from $tarball" >&2; exit 1; }
done
if grep -qE '\.rs$|Cargo\.toml|^package/test/|^package/src/' <<<"$contents"; then
  echo "test-npm-package: $tarball carries sources or tests" >&2; exit 1
fi
echo "==> $(basename "$tarball"): $(du -k "$tarball" | cut -f1) KiB packed, $(wc -l <<<"$contents") files"
# The addon's glibc floor: no symbol newer than GLIBC_2.17 (build-npm.sh links it with zig for 2.17).
addon_dir=$(mktemp -d)
tar -xzf "$tarball" -C "$addon_dir" package/polyiam.linux-x64-gnu.node
newest=$(objdump -T "$addon_dir/package/polyiam.linux-x64-gnu.node" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1)
rm -rf "$addon_dir"
[ "$(printf '%s\n' "$newest" GLIBC_2.17 | sort -V | tail -1)" = GLIBC_2.17 ] || { echo "test-npm-package: the addon needs $newest (more than glibc 2.17)" >&2; exit 1; }
echo "addon: newest glibc symbol $newest (floor 2.17)"

. scripts/harness.sh
start_server MOTO_URL moto_server.py
APP=$(mktemp -d)
on_exit rm -rf "$APP"

echo "==> npm install $(basename "$tarball") into an empty project, no Rust on PATH"
cd "$APP"
export PATH="$NO_RUST_PATH"
npm init -y >/dev/null
start=$(date +%s%N)
npm install --silent --offline --no-audit --no-fund "$ROOT/$tarball" >/dev/null
echo "installed in $(( ($(date +%s%N) - start) / 1000000 )) ms"
cp "$ROOT/tests/artefacts/scenario.cjs" "$ROOT/tests/artefacts/scenario.mjs" .
node scenario.cjs "$MOTO_URL"
node scenario.mjs "$MOTO_URL"
# The package's `polyiam` command line, as npm linked it.
check_cli "test-npm-package: the polyiam bin" ./node_modules/.bin/polyiam
echo "npm package: the polyiam bin runs"

# The release layout (napi-rs's): `polyiam` without addons, its addon in `polyiam-<platform>` listed
# in optionalDependencies (scripts/npm-platform-packages.mjs, what the release workflow publishes).
echo "==> the per-platform package layout: polyiam (no addon) + polyiam-$(node -p 'require("'"$ROOT"'/bindings-node/lib/loader.js").triple()')"
node "$ROOT/scripts/npm-platform-packages.mjs" "$ROOT/target/npm/stage" "$ROOT/target/npm/stage" "$APP/layout" >/dev/null
if compgen -G "$APP/layout/app/node_modules/polyiam/*.node" >/dev/null; then
  echo "test-npm-package: the main package of the per-platform layout carries an addon" >&2; exit 1
fi
node -e 'const p = require(process.argv[1]); if (!Object.keys(p.optionalDependencies || {}).length) process.exit(1)' \
  "$APP/layout/main/package.json" || { echo "test-npm-package: no optionalDependencies in the main package" >&2; exit 1; }
(cd "$APP/layout/app" && node scenario.cjs "$MOTO_URL" && node scenario.mjs "$MOTO_URL")
