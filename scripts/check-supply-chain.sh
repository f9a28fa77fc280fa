#!/usr/bin/env bash
# Supply chain: `cargo deny check` (advisories, licences, duplicate versions, sources; policy in
# deny.toml) and a proof that the workspace's rust-version is the real minimum: no crate in the
# dependency graph declares a newer rust-version than the workspace does, and clippy's
# incompatible_msrv lint finds no std API in our own code that is newer than it. cargo-deny is
# installed (scripts/install-cargo-deny.sh) only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-cargo-deny.sh

echo "==> cargo deny check bans licenses sources (deny.toml)"
cargo deny --locked check --hide-inclusion-graph bans licenses sources

# Advisories need the RustSec advisory database, which no package registry serves; this machine reaches
# only the registries, so nothing is fetched here (--disable-fetch). Where a copy of the database is in
# cargo-deny's default place ($CARGO_HOME/advisory-dbs) the check runs against it; otherwise it is
# skipped loudly, and POLYIAM_REQUIRE_ADVISORIES=1 makes that fatal.
echo "==> cargo deny check advisories"
# A database is a directory with a crates/ tree (an aborted fetch leaves only db.lock behind).
if compgen -G "${CARGO_HOME:-$HOME/.cargo}/advisory-dbs/*/crates" >/dev/null; then
  # cargo-deny 0.20: --offline (a global option) is what stops it fetching.
  cargo deny --locked --offline check --hide-inclusion-graph advisories
elif [ "${POLYIAM_REQUIRE_ADVISORIES:-0}" = 1 ]; then
  echo "check-supply-chain: no RustSec advisory database in ${CARGO_HOME:-$HOME/.cargo}/advisory-dbs" >&2
  exit 1
else
  echo "WARNING: advisories NOT checked: the RustSec database is not served by the registries this machine"
  echo "         reaches, and there is no copy in ${CARGO_HOME:-$HOME/.cargo}/advisory-dbs (POLYIAM_REQUIRE_ADVISORIES=1: fatal)."
fi

echo "==> rust-version is the real minimum"
cargo metadata --locked --format-version 1 | python3 -c '
import json, sys
meta = json.load(sys.stdin)
members = set(meta["workspace_members"])
key = lambda v: tuple(int(x) for x in (v.split(".") + ["0", "0"])[:3])
ours = {p["name"]: p.get("rust_version") for p in meta["packages"] if p["id"] in members}
missing = sorted(n for n, v in ours.items() if not v)
if missing:
    sys.exit(f"workspace crates without rust-version: {missing}")
declared = sorted(set(ours.values()), key=key)
if len(declared) != 1:
    sys.exit(f"workspace crates disagree on rust-version: {ours}")
ws = declared[0]
deps = [(p["rust_version"], p["name"], p["version"]) for p in meta["packages"] if p["id"] not in members and p.get("rust_version")]
top = max(deps, key=lambda d: key(d[0]))
newer = sorted({f"{n} {v} (rust-version {r})" for r, n, v in deps if key(r) > key(ws)})
if newer:
    sys.exit(f"the workspace says rust-version {ws}, but these dependencies need more:\n  " + "\n  ".join(newer))
print(f"workspace rust-version {ws}; the newest any of {len(deps)} dependencies asks for is {top[0]} ({top[1]} {top[2]})")
'
# Our own code: no std API stabilised after rust-version (clippy reads it from Cargo.toml).
cargo clippy --locked --quiet --workspace --all-targets -- -A clippy::all -D clippy::incompatible_msrv
echo "clippy incompatible_msrv: our code uses no std API newer than the workspace rust-version"
