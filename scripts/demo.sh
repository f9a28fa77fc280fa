#!/usr/bin/env bash
# The demo, from a fresh clone: build the bindings, start a local moto, and create an access key
# from each language against it.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/dummy-aws-env.sh

./scripts/setup.sh >&2
./scripts/setup-node.sh >&2
./scripts/setup-r.sh >&2

# Start moto on a free loopback port; closing its stdin (fd 3) stops it.
coproc MOTO { exec .venv/bin/python tests/harness/moto_server.py; }
read -r AWS_ENDPOINT_URL <&"${MOTO[0]}"
export AWS_ENDPOINT_URL
trap 'exec {MOTO[1]}>&-; wait "$MOTO_PID" 2>/dev/null || true' EXIT
echo "moto is serving IAM at $AWS_ENDPOINT_URL" >&2

.venv/bin/python examples/demo.py
node examples/demo.mjs
R_LIBS="$PWD/target/R-library" Rscript examples/demo.R
