#!/usr/bin/env bash
# The demo, from a fresh clone: build the bindings, start a local moto, and create an access key
# from each language against it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/dummy-aws-env.sh

./scripts/setup.sh >&2
./scripts/setup-node.sh >&2
./scripts/setup-r.sh >&2

# moto on a free loopback port, stopped when this script exits.
. scripts/harness.sh
start_server AWS_ENDPOINT_URL moto_server.py
export AWS_ENDPOINT_URL
echo "moto is serving IAM at $AWS_ENDPOINT_URL" >&2

.venv/bin/python examples/demo.py
node examples/demo.mjs
R_LIBS="$PWD/target/R-library" Rscript examples/demo.R
