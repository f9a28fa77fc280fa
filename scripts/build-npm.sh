#!/usr/bin/env bash
# Builds the npm package into target/npm: the dist-profile addon linked against glibc 2.17's symbols by
# zig (cargo zigbuild --target <triple>.2.17; requirements-zig.txt), as the wheel (build-wheel.sh),
# staged with the package's files as polyiam.<platform>.node (napi-rs's naming, lib/loader.js) and
# packed with `npm pack`. bindings-node/ itself is left alone (its addon stays the tests' debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -x .venv/bin/python ] || ./scripts/setup.sh
. scripts/zig-toolchain.sh
echo "==> cargo zigbuild --profile dist -p polyiam-node --target $ZIG_TARGET.2.17"
"${ZIG_ENV[@]}" cargo zigbuild --locked --quiet --profile dist -p polyiam-node --target "$ZIG_TARGET.2.17"
NAME=$(node -p 'const l = require("./bindings-node/lib/loader.js"); l.addonFile(l.triple())')
OUT="$ROOT/target/npm"
STAGE="$OUT/stage"
rm -rf "$OUT" && mkdir -p "$STAGE"
# What package.json's "files" lists (plus package.json and README, which npm always includes).
(cd bindings-node && cp -R package.json README.md index.js index.mjs index.d.ts lib bin "$STAGE/")
cp "target/$ZIG_TARGET/dist/libpolyiam_node.so" "$STAGE/$NAME"
echo "==> npm pack"
(cd "$STAGE" && npm pack --silent --ignore-scripts --pack-destination "$OUT" >/dev/null)
ls -l "$OUT"/polyiam-*.tgz
echo "addon $NAME: $(du -k "$STAGE/$NAME" | cut -f1) KiB unpacked"
