#!/usr/bin/env bash
# The R source package as CRAN would get it: staged (bindings-r/tools/stage.sh: the Rust dependencies
# vendored and compressed), built with R CMD build, then
#   1. configure stops with a clear message when cargo is missing or rustc is too old;
#   2. installed with the network to crates.io blocked (an empty CARGO_HOME, CARGO_NET_OFFLINE=true,
#      proxies pointing at a closed port) into a fresh library, from a cold target dir, and timed;
#      the create-access-key scenario then runs against moto from that library;
#   3. R CMD check --as-cran on that installed library (--install=skip: the crate is compiled once), its
#      checks that need the internet off (CRAN is unreachable); the checkbashisms script it runs on
#      configure comes from Debian's devscripts (installed if missing).
# The tarball must be at most 10 MB (CRAN's limit).
# `--build` runs 1 and 2 up to the install, the compiling part (scripts/test.sh runs it in the background
# while the suites mostly wait on moto); `--test` the scenario and 3 on that install; no argument, both.
set -euo pipefail
PHASE=${1:-all}
case "$PHASE" in all | --build | --test) ;; *) echo "usage: $0 [--build|--test]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/dummy-aws-env.sh
[ -x .venv/bin/python ] || ./scripts/setup.sh
./scripts/setup-r.sh --deps-only

OUT="$ROOT/target/R-offline"

build() {
  rm -rf "$OUT" && mkdir -p "$OUT"
  echo "==> staging and R CMD build (dependencies vendored)"
  bindings-r/tools/stage.sh "$OUT/stage" >/dev/null
  (cd "$OUT" && R CMD build --no-build-vignettes stage/polyiam >build.log 2>&1) || { cat "$OUT/build.log"; exit 1; }
  tarball=$(ls "$OUT"/polyiam_*.tar.gz)
  size=$(wc -c <"$tarball")
  echo "$(basename "$tarball"): $(( size / 1024 )) KiB"
  [ "$size" -le $(( 10 * 1024 * 1024 )) ] || { echo "the tarball is over CRAN's 10 MB: $size bytes" >&2; exit 1; }
  contents=$(tar -tzf "$tarball")
  grep -qx 'polyiam/src/rust/vendor.tar.xz' <<<"$contents" || { echo "the tarball has no vendored sources" >&2; exit 1; }
  grep -qx 'polyiam/configure' <<<"$contents" || { echo "the tarball has no configure" >&2; exit 1; }

  echo "==> configure (under /bin/sh: dash on Debian, so bashisms fail here) without cargo, and with a too-old rustc"
  mkdir -p "$OUT/configure/empty-home" "$OUT/configure/old-rust"
  tar -xzf "$tarball" -C "$OUT/configure" polyiam/configure polyiam/DESCRIPTION
  # The system's directories with any distribution rust (Debian's cargo-web) taken out: "no cargo" must
  # hold on a machine where /usr/bin has one.
  sys_path=$(PATH=/usr/bin:/bin && . scripts/no-rust-path.sh && require_no_rust && echo "$NO_RUST_PATH")
  min=$(tr '\n' ' ' <"$OUT/configure/polyiam/DESCRIPTION" | sed -n 's/.*rustc[[:space:]]*>=[[:space:]]*\([0-9][0-9.]*[0-9]\).*/\1/p')
  [ -n "$min" ] || { echo "no minimum rustc in the tarball's DESCRIPTION" >&2; exit 1; }
  if msg=$(cd "$OUT/configure/polyiam" && env -i PATH="$sys_path" HOME="$OUT/configure/empty-home" sh ./configure 2>&1); then
    echo "configure succeeded without cargo" >&2; exit 1
  fi
  grep -q "cargo (Rust's package manager) was not found" <<<"$msg" && grep -q "Install Rust >= $min" <<<"$msg" || { echo "$msg" >&2; exit 1; }
  printf '#!/bin/sh\necho "cargo 1.70.0"\n' >"$OUT/configure/old-rust/cargo"
  printf '#!/bin/sh\necho "rustc 1.70.0 (90c541806 2023-05-31)"\n' >"$OUT/configure/old-rust/rustc"
  chmod +x "$OUT/configure/old-rust/cargo" "$OUT/configure/old-rust/rustc"
  if msg=$(cd "$OUT/configure/polyiam" && env -i PATH="$OUT/configure/old-rust:$sys_path" HOME="$OUT/configure/empty-home" sh ./configure 2>&1); then
    echo "configure accepted rustc 1.70.0" >&2; exit 1
  fi
  grep -q "rustc 1.70.0 .* is older than $min" <<<"$msg" || { echo "$msg" >&2; exit 1; }
  echo "configure refuses a missing cargo and rustc 1.70.0 (minimum $min)"

  echo "==> R CMD INSTALL, offline: empty CARGO_HOME, CARGO_NET_OFFLINE=true, no proxy reachable"
  mkdir -p "$OUT/lib" "$OUT/empty-cargo-home"
  start=$(date +%s)
  blocked=http://127.0.0.1:9
  env CARGO_HOME="$OUT/empty-cargo-home" CARGO_NET_OFFLINE=true \
    HTTP_PROXY=$blocked HTTPS_PROXY=$blocked ALL_PROXY=$blocked http_proxy=$blocked https_proxy=$blocked \
    POLYIAM_CARGO_TARGET_DIR="$OUT/cargo-target" \
    R CMD INSTALL --library="$OUT/lib" "$tarball" >"$OUT/install.log" 2>&1 || { tail -40 "$OUT/install.log"; exit 1; }
  echo "installed in $(( $(date +%s) - start )) s (cold build, r-source profile, 2 jobs${POLYIAM_SHARED_CORES:+, cores shared with the suites at nice 19: not a quiet-machine time}); library $(du -k "$OUT"/lib/polyiam/libs/polyiam.so | cut -f1) KiB"
  [ -z "$(ls -A "$OUT/empty-cargo-home")" ] || { echo "the install wrote to CARGO_HOME: $(ls -A "$OUT/empty-cargo-home")" >&2; exit 1; }
}
if [ "$PHASE" != --test ]; then build; fi
[ "$PHASE" != --build ] || exit 0

tarball=$(ls "$OUT"/polyiam_*.tar.gz 2>/dev/null) && [ -f "$OUT/lib/polyiam/DESCRIPTION" ] ||
  { echo "no tarball installed in $OUT/lib: run $0 --build first" >&2; exit 1; }
if ! command -v checkbashisms >/dev/null 2>&1; then
  echo "==> installing checkbashisms (Debian's devscripts) for R CMD check --as-cran"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends devscripts >/dev/null
fi

. scripts/harness.sh
start_server MOTO_URL moto_server.py
Rscript tests/artefacts/scenario.R "$MOTO_URL" "$OUT/lib"

if [ "${POLYIAM_R_CHECK:-1}" = 1 ]; then
  echo "==> R CMD check --as-cran (offline)"
  mkdir -p "$OUT/emptyrepo/src/contrib" && : >"$OUT/emptyrepo/src/contrib/PACKAGES"
  echo "options(repos = c(CRAN = 'file://$OUT/emptyrepo'))" >"$OUT/Rprofile"
  (cd "$OUT" && env CARGO_HOME="$OUT/empty-cargo-home" CARGO_NET_OFFLINE=true POLYIAM_CARGO_TARGET_DIR="$OUT/cargo-target" \
    R_PROFILE_USER="$OUT/Rprofile" _R_CHECK_FORCE_SUGGESTS_=false _R_CHECK_CRAN_INCOMING_REMOTE_=false \
    R CMD check --as-cran --no-manual --install=skip --library="$OUT/lib" "$tarball" >check.log 2>&1) || true
  grep -vE "\.\.\. OK$" "$OUT/check.log" || true
  if ! grep -qE "^Status: (OK|[0-9]+ NOTEs?)$" "$OUT/check.log"; then
    echo "R CMD check --as-cran found an ERROR or WARNING (see $OUT/polyiam.Rcheck/00check.log)"; exit 1
  fi
fi
