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
# The dependencies' sources, compressed, trimmed to what a build reads (CRAN's 10 MB limit): first the
# repository's Cargo.lock is trimmed to the staged workspace (cargo drops the entries of crates only the
# other bindings use and keeps every other version as locked), then exactly that is vendored, then
# bindings-r/tools/trim-vendor.py drops every crate's tests, benches, examples and docs, and empties the
# crates no R platform compiles (MSVC and 32-bit Windows import libraries, WebAssembly bindings). The
# Windows GNU crates R's Rtools links against stay whole (src/Makevars.win).
(cd "$WS" && { cargo metadata --offline --format-version 1 >/dev/null 2>&1 || cargo metadata --format-version 1 >/dev/null; })
(cd "$WS" && cargo vendor --locked --quiet --manifest-path Cargo.toml vendor >/dev/null)
python3 -B "$REPO/bindings-r/tools/trim-vendor.py" "$WS/vendor" "$WS"
# Sorted by name (similar files side by side compress better) with fixed owners; xz -9 (a 64 MiB window).
(cd "$WS" && tar --sort=name --owner=0 --group=0 --numeric-owner -cf - vendor | xz -T2 -9 >vendor.tar.xz && rm -rf vendor)
echo "$PKG"
