#!/usr/bin/env bash
# Builds the npm package into target/npm: the release addon (cargo build --release -p polyiam-node),
# staged with the package's files as polyiam.<platform>.node (napi-rs's naming, lib/loader.js) and
# packed with `npm pack`. bindings-node/ itself is left alone (its addon stays the tests' debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

echo "==> cargo build --release -p polyiam-node"
cargo build --release --quiet -p polyiam-node
NAME=$(node -p 'const l = require("./bindings-node/lib/loader.js"); l.addonFile(l.triple())')
OUT="$ROOT/target/npm"
STAGE="$OUT/stage"
rm -rf "$OUT" && mkdir -p "$STAGE"
# What package.json's "files" lists (plus package.json and README, which npm always includes).
(cd bindings-node && cp -R package.json README.md index.js index.mjs index.d.ts lib bin "$STAGE/")
cp target/release/libpolyiam_node.so "$STAGE/$NAME"
echo "==> npm pack"
(cd "$STAGE" && npm pack --silent --ignore-scripts --pack-destination "$OUT" >/dev/null)
ls -l "$OUT"/polyiam-*.tgz
echo "addon $NAME: $(du -k "$STAGE/$NAME" | cut -f1) KiB unpacked"
