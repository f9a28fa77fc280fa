#!/usr/bin/env bash
# Stages a self-contained copy of the R package for `R CMD build`: bindings-r/ with src/rust/
# turned into a Cargo workspace: the crate moves to src/rust/polyiam-r/, polyiam's core and the
# workspace-hack crate (which pins shared features) go beside it, and src/rust/Cargo.toml is the
# repository's workspace root (same dependency versions, features and profiles) with only those
# members, next to the repository's Cargo.lock. Makevars' `--manifest-path rust/Cargo.toml -p
# polyiam-r` builds the same crate in both layouts. The tarball then installs anywhere cargo can reach the crates.io
# registry (or has the crates cached); nothing is vendored.
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
echo "$PKG"
