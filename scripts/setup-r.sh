#!/usr/bin/env bash
# Idempotent set-up for the R binding: R and the test packages from Debian (CRAN is not reachable
# here, so only r-cran-* packages), then the polyiam R package installed from bindings-r/ (its
# Makevars builds the Rust library in the workspace target dir, dev profile).
# `--deps-only` stops after the Debian packages: `cargo build/test --workspace` needs R itself
# (extendr-ffi's build script asks R for its headers, and codegen's full-model test parses the
# generated R with Rscript), so that part must run before cargo in scripts/test.sh.
# `--peers-only [LIB]` installs only paws, the peer, into LIB (default target/R-peers; scripts/test.sh
# runs it in the background, bench/run.sh into bench/.R-library).
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_EC2_METADATA_DISABLED=true
# future, furrr, callr: the worker engines the tests send clients to. The rest: paws's dependencies,
# for the side-by-side tests with paws (installed below from ../shared/peers when that exists).
PKGS="r-base-dev r-cran-testthat r-cran-processx r-cran-jsonlite r-cran-withr \
  r-cran-future r-cran-furrr r-cran-callr \
  r-cran-base64enc r-cran-curl r-cran-digest r-cran-httr r-cran-rcpp r-cran-xml2"

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

# paws, the peer (CRAN only, so its source packages come with the machine): into its own library
# ($1, default target/R-peers), so the tests that run one body with paws and with polyiam find it;
# they skip loudly without it.
install_peers() {
  PEERS="../shared/peers"
  local lib="${1:-target/R-peers}"
  local log="target/peers-install-$(basename "$lib").log"
  if [ -f "$PEERS/paws.common_0.7.7.tar.gz" ] && ! [ -d "$lib/paws.security.identity" ]; then
    echo "==> installing paws (the peer) from $PEERS into $lib"
    mkdir -p "$lib" target
    R CMD INSTALL --no-multiarch --library="$lib" "$PEERS/paws.common_0.7.7.tar.gz" \
      "$PEERS/paws.security.identity_0.7.0.tar.gz" >"$log" 2>&1 || {
      cat "$log"
      exit 1
    }
  fi
}

case "${1:-}" in
  --deps-only) exit 0 ;;
  --peers-only) install_peers "${2:-}"; exit 0 ;;
esac

echo "==> building and installing the R package (R CMD INSTALL bindings-r)"
# Into a library inside target/ so nothing outside the tree is touched and a clean clone starts clean.
LIB="$PWD/target/R-library"
mkdir -p "$LIB"
R CMD INSTALL --no-multiarch --library="$LIB" bindings-r >target/R-install.log 2>&1 || {
  cat target/R-install.log
  exit 1
}
install_peers
# R CMD INSTALL on a directory builds in place: leave no objects in the source tree.
rm -f bindings-r/src/*.o bindings-r/src/*.so
