#!/usr/bin/env bash
# The R binding's tests: set-up (R from Debian, the package built from bindings-r/), then the
# testthat suite against the moto and pager harness servers; then (unless POLYIAM_R_CHECK=0) the
# tarball: scripts/test-r-offline.sh (stage with vendored dependencies, R CMD build, offline install,
# R CMD check --as-cran).
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
  # The tarball as CRAN gets it (Rust dependencies vendored): configure, an offline install from a
  # cold build, the scenario from the installed library, and R CMD check --as-cran.
  ./scripts/test-r-offline.sh
fi

