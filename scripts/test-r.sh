#!/usr/bin/env bash
# The R binding's tests: set-up (R from Debian, the package built from bindings-r/), then the
# testthat suite against the moto and pager harness servers; then (unless POLYIAM_R_CHECK=0) it builds
# the tarball (bindings-r/tools/stage.sh + R CMD build), installs it and runs R CMD check on it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/dummy-aws-env.sh

[ -x .venv/bin/python ] || ./scripts/setup.sh
./scripts/setup-r.sh

export POLYIAM_REPO="$ROOT" POLYIAM_PYTHON="$ROOT/.venv/bin/python"
export R_LIBS="$ROOT/target/R-library${R_LIBS:+:$R_LIBS}"

echo "==> testthat (bindings-r/tests)"
# testthat's summary reporter; the last line is the plain "N passed, N failed" count.
Rscript -e '
  library(testthat)
  res <- as.data.frame(test_dir("bindings-r/tests/testthat", package = "polyiam", load_package = "installed",
                                reporter = "summary", stop_on_failure = FALSE))
  failed <- sum(res$failed) + sum(res$error)
  cat(sprintf("%d passed, %d failed, %d skipped\n", sum(res$nb) - sum(res$failed) - sum(res$skipped), failed, sum(res$skipped)))
  quit(status = if (failed > 0) 1 else 0)
'

if [ "${POLYIAM_R_CHECK:-1}" = 1 ]; then
  echo "==> R CMD build + INSTALL + check (tarball)"
  OUT="$ROOT/target/R-tarball"
  rm -rf "$OUT" && mkdir -p "$OUT"
  bindings-r/tools/stage.sh "$OUT/stage"
  (cd "$OUT" && R CMD build --no-build-vignettes stage/polyiam >build.log 2>&1) || { cat "$OUT/build.log"; exit 1; }
  # Reuse the workspace's compiled AWS stack (same features, same profile) instead of a cold build.
  export POLYIAM_CARGO_TARGET_DIR="$ROOT/target"
  R CMD INSTALL --library="$ROOT/target/R-library" "$OUT"/polyiam_*.tar.gz >"$OUT/install.log" 2>&1 || { cat "$OUT/install.log"; exit 1; }
  # An empty local repository: R CMD check must not look up CRAN (unreachable, and not ours to contact).
  mkdir -p "$OUT/emptyrepo/src/contrib" && : >"$OUT/emptyrepo/src/contrib/PACKAGES"
  echo "options(repos = c(CRAN = 'file://$OUT/emptyrepo'))" >"$OUT/Rprofile"
  (cd "$OUT" && R_PROFILE_USER="$OUT/Rprofile" _R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual "$OUT"/polyiam_*.tar.gz >check.log 2>&1) || true
  grep -vE "\.\.\. OK$" "$OUT/check.log" || true
  if ! grep -qE "^Status: (OK|[0-9]+ NOTEs?)$" "$OUT/check.log"; then
    echo "R CMD check found an ERROR or WARNING (see $OUT/polyiam.Rcheck/00check.log)"; exit 1
  fi
fi
