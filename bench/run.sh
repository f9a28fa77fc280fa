#!/usr/bin/env bash
# polyiam's benchmark with its own set-up: bench/.venv (pinned boto3, moto, maturin), a release wheel
# of the Python binding installed into it, the release native bench binary; where node is installed,
# bench/node/node_modules (npm ci: the pinned @aws-sdk/client-iam) and the release Node addon copied to
# bench/.build/; where R is installed, polyiam built in release mode into bench/.R-library. Then
# bench/run.py (options pass through: --calls, --moto-calls, --rounds, --cold-runs, --endpoints, --only,
# --skip; see --help), bench/concurrency.py (BENCH_CONCURRENCY=0 skips it), bench/throughput.py
# (BENCH_THROUGHPUT=0) and bench/cli.py (BENCH_CLI=0); last, bench/readme.py rewrites README.md's
# benchmark section from this run (BENCH_README=0 skips it). BENCH_NO_BUILD=1 skips the builds (reuse the
# last ones). Nothing else outside bench/ and target/ is changed: the tests' debug builds
# (bindings-node/*.node, target/R-library) stay as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

export AWS_EC2_METADATA_DISABLED=true
VENV="$ROOT/bench/.venv"

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating bench/.venv" >&2
  python3 -m venv "$VENV"
fi
if ! cat requirements-dev.txt bench/requirements-cli.txt | cmp -s - "$VENV/.requirements-installed" 2>/dev/null; then
  echo "==> installing pinned Python tools (and the AWS CLI, bench only) into bench/.venv" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -r bench/requirements-cli.txt
  cat requirements-dev.txt bench/requirements-cli.txt > "$VENV/.requirements-installed"
fi

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  # Release builds share one compiled AWS stack (target/release) thanks to workspace-hack.
  echo "==> building the native bench and the CLI (cargo build --release -p polyiam-bench-native -p polyiam-cli)" >&2
  nice -n 10 cargo build --release --quiet -p polyiam-bench-native -p polyiam-cli
  # A release wheel installed into bench/.venv, not `maturin develop`: develop installs editable, i.e.
  # puts the module in bindings-python/python/polyiam/ where every venv (.venv's tests too) loads it.
  echo "==> building the Python binding in release mode (maturin build --release) into bench/.venv" >&2
  rm -rf "$VENV/wheels"
  (cd bindings-python && nice -n 10 "$VENV/bin/maturin" build --release --quiet -i "$VENV/bin/python" -o "$VENV/wheels")
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$VENV"/wheels/polyiam-*.whl

  if command -v node >/dev/null 2>&1; then
    if ! cmp -s bench/node/package-lock.json bench/node/node_modules/.bench-lock 2>/dev/null; then
      echo "==> installing the pinned JavaScript baseline into bench/node (npm ci)" >&2
      (cd bench/node && npm ci --no-audit --no-fund --loglevel=error) >&2
      cp bench/node/package-lock.json bench/node/node_modules/.bench-lock
    fi
    # The release addon, copied into bench/.build/ (the driver loads it through POLYIAM_NODE_ADDON):
    # `scripts/setup-node.sh --release` would overwrite the tests' debug addon in bindings-node/.
    echo "==> building the Node binding in release mode (cargo build --release -p polyiam-node)" >&2
    nice -n 10 cargo build --release --quiet -p polyiam-node
    case "$(uname -s)" in Darwin) lib=libpolyiam_node.dylib ;; *) lib=libpolyiam_node.so ;; esac
    addon="bench/.build/polyiam.$(node -p 'process.platform + "-" + process.arch').node"
    mkdir -p bench/.build
    cp "target/release/$lib" "$addon.tmp.$$" && mv -f "$addon.tmp.$$" "$addon"
  else
    echo "==> node not found: the Node clients are skipped" >&2
  fi

  if command -v Rscript >/dev/null 2>&1; then
    # The static library with plain cargo in the workspace (shared target/release, unified features).
    # Then R CMD INSTALL of a copy of bindings-r in bench/.build/, not of bindings-r itself: R builds a
    # directory in place, and bindings-r/src is the R tests' (their set-up cleans its objects). The
    # copy's Makevars links target/release/libpolyiam_r.a (POLYIAM_CARGO_PROFILE, _TARGET_DIR); its
    # cargo step is made a no-op (CARGO=true), since the copy is outside the workspace.
    echo "==> building the R binding in release mode into bench/.R-library (cargo, then R CMD INSTALL)" >&2
    nice -n 10 cargo build --release --quiet --lib -p polyiam-r
    stage=bench/.build/R-stage
    rm -rf "$stage" && mkdir -p "$stage" bench/.R-library
    cp -R bindings-r "$stage/polyiam"
    rm -rf "$stage/polyiam/src/rust" "$stage/polyiam/src/rust-target" "$stage"/polyiam/src/*.o "$stage"/polyiam/src/*.so
    MAKEFLAGS="CARGO=true" POLYIAM_CARGO_PROFILE=release POLYIAM_CARGO_TARGET_DIR="$ROOT/target" \
      nice -n 10 R CMD INSTALL --no-multiarch --library=bench/.R-library "$stage/polyiam" \
      >bench/.build/R-install.log 2>&1 || { cat bench/.build/R-install.log >&2; exit 1; }
    # paws, the R peer (not on Debian; CRAN is not reachable): its IAM package and paws.common from
    # ../shared/peers when that exists, into the same library, as the tests install it (its
    # dependencies from Debian). Without them the paws row says why it did not run.
    ./scripts/setup-r.sh --peers-only bench/.R-library >&2 ||
      echo "==> paws did not install: its rows are skipped" >&2
  else
    echo "==> Rscript not found: the R clients are skipped" >&2
  fi
fi

"$VENV/bin/python" bench/run.py "$@"
# What the other benchmarks print goes beside run.py's results too (bench/results/latest-extra.md), so
# that bench/readme.py writes the README's benchmark section from this one run.
EXTRA=bench/results/latest-extra.md
: >"$EXTRA"
if [ "${BENCH_CONCURRENCY:-1}" = 1 ]; then
  "$VENV/bin/python" bench/concurrency.py | tee -a "$EXTRA"
fi
if [ "${BENCH_THROUGHPUT:-1}" = 1 ]; then
  "$VENV/bin/python" bench/throughput.py | tee -a "$EXTRA"
fi
if [ "${BENCH_CLI:-1}" = 1 ]; then
  "$VENV/bin/python" bench/cli.py | tee -a "$EXTRA"
fi
if [ "${BENCH_README:-1}" = 1 ]; then
  "$VENV/bin/python" bench/readme.py
fi
