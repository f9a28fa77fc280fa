#!/usr/bin/env bash
# Idempotent set-up for the R binding: R and the test packages from Debian (CRAN is not reachable
# here, so only r-cran-* packages), then the polyiam R package installed from bindings-r/ (its
# Makevars builds the Rust library in the workspace target dir, dev profile).
# `--deps-only` stops after the Debian packages: `cargo build/test --workspace` needs R itself
# (extendr-ffi's build script asks R for its headers, and codegen's full-model test parses the
# generated R with Rscript), so that part must run before cargo in scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_EC2_METADATA_DISABLED=true
PKGS="r-base-dev r-cran-testthat r-cran-processx r-cran-jsonlite r-cran-withr"

missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "==> installing R from Debian:$missing"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ "${1:-}" = "--deps-only" ]; then
  exit 0
fi

echo "==> building and installing the R package (R CMD INSTALL bindings-r)"
# Into a library inside target/ so nothing outside the tree is touched and a clean clone starts clean.
LIB="$PWD/target/R-library"
mkdir -p "$LIB"
R CMD INSTALL --no-multiarch --library="$LIB" bindings-r >target/R-install.log 2>&1 || {
  cat target/R-install.log
  exit 1
}
# R CMD INSTALL on a directory builds in place: leave no objects in the source tree.
rm -f bindings-r/src/*.o bindings-r/src/*.so
