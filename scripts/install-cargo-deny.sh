#!/usr/bin/env bash
# cargo-deny, pinned, from its crate on the registry (`cargo install --locked`), only when missing.
# scripts/test.sh starts it early, in the background at low priority, while the test suites (mostly
# waiting on moto) leave a core idle; scripts/check-supply-chain.sh runs it again (then a no-op).
set -euo pipefail
CARGO_DENY_VERSION=0.20.2
if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  echo "==> installing cargo-deny $CARGO_DENY_VERSION (cargo install --locked; once per machine)"
  start=$(date +%s)
  cargo install --locked --quiet cargo-deny --version "$CARGO_DENY_VERSION"
  echo "cargo-deny $CARGO_DENY_VERSION installed in $(( $(date +%s) - start )) s"
fi
