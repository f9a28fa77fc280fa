#!/usr/bin/env bash
# Stages a self-contained copy of the R package for `R CMD build`: bindings-r/ with src/rust/
# turned into a Cargo workspace: the crate moves to src/rust/polyiam-r/, polyiam's core and the
# workspace-hack crate (which pins shared features) go beside it, and src/rust/Cargo.toml is the
# repository's workspace root (same dependency versions, features and profiles) with only those
# members, next to the repository's Cargo.lock. Makevars' `--manifest-path rust/Cargo.toml -p
# polyiam-r` builds the same crate in both layouts. The sources of every Rust dependency are vendored
# (`cargo vendor`) and compressed into src/rust/vendor.tar.xz, as CRAN's guidance for Rust packages
# asks: src/Makevars builds from them with --offline --locked, so installing needs cargo and rustc
# (configure checks both) but no network.
#
# usage: bindings-r/tools/stage.sh OUT_DIR   →   OUT_DIR/polyiam, ready for `R CMD build`
set -euo pipefail
OUT=${1:?usage: stage.sh OUT_DIR}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PKG="$OUT/polyiam"

rm -rf "$PKG"
mkdir -p "$PKG"
(cd "$REPO/bindings-r" && tar --exclude='src/*.o' --exclude='src/*.so' --exclude='src/rust-target' -cf - .) | (cd "$PKG" && tar -xf -)
WS="$PKG/src/rust"
mkdir -p "$WS/polyiam-r"
mv "$WS/Cargo.toml" "$WS/src" "$WS/polyiam-r/"
for crate in core workspace-hack; do
  mkdir -p "$WS/$crate"
  cp "$REPO/$crate/Cargo.toml" "$WS/$crate/"
  cp -R "$REPO/$crate/src" "$WS/$crate/"
done
cp "$REPO/Cargo.lock" "$WS/Cargo.lock"
# The repository's workspace root, with only the crates the package builds as members.
sed -e 's|^members = .*|members = ["polyiam-r", "core", "workspace-hack"]|' -e '/^default-members = /d' \
  "$REPO/Cargo.toml" >"$WS/Cargo.toml"
# The dependencies' sources, compressed. Crates only other platforms build (Windows, WebAssembly
# bindings) keep their Cargo.toml (cargo reads every locked crate's manifest) but lose their sources:
# their checksum lists are emptied so cargo accepts them. They are never compiled on the platforms the
# package installs on (Linux), and they are most of the vendor directory.
# First trim the repository's Cargo.lock to the staged workspace (cargo drops the entries of crates
# only the other bindings use and keeps every other version as locked), then vendor exactly that.
(cd "$WS" && { cargo metadata --offline --format-version 1 >/dev/null 2>&1 || cargo metadata --format-version 1 >/dev/null; })
(cd "$WS" && cargo vendor --locked --quiet --manifest-path Cargo.toml vendor >/dev/null)
for dir in "$WS"/vendor/windows* "$WS"/vendor/winapi* "$WS"/vendor/wasm-bindgen* "$WS"/vendor/js-sys* "$WS"/vendor/web-sys*; do
  [ -d "$dir" ] || continue
  find "$dir" -mindepth 1 -maxdepth 1 ! -name Cargo.toml ! -name .cargo-checksum.json -exec rm -rf {} +
  sed -i -e 's/"files":{[^}]*}/"files":{}/' "$dir/.cargo-checksum.json"
  # Empty stand-ins for the files the manifest names (targets, build script), so it still parses.
  for f in src/lib.rs $(sed -n -e 's/^path = "\(.*\)"$/\1/p' -e 's/^build = "\(.*\)"$/\1/p' "$dir/Cargo.toml"); do
    mkdir -p "$(dirname "$dir/$f")" && : >"$dir/$f"
  done
done
(cd "$WS" && tar -cf - vendor | xz -T2 -6 >vendor.tar.xz && rm -rf vendor)
echo "$PKG"
