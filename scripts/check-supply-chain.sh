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

# Advisories need the RustSec database, which no package registry serves, so nothing is fetched here
# (--offline). It is the copy in cargo-deny's default place ($CARGO_HOME/advisory-dbs; a directory with
# a crates/ tree, as an aborted fetch leaves only db.lock) when there is one, else the snapshot
# ../shared/reference/rustsec-advisory-db.bundle (a git bundle; SOURCE.md beside it), cloned into
# target/advisory-dbs under the directory name cargo-deny 0.20.2 (pinned in install-cargo-deny.sh)
# gives the default URL and named through a copy of deny.toml with db-path set. With neither the check
# is skipped loudly, and POLYIAM_REQUIRE_ADVISORIES=1 makes that fatal.
echo "==> cargo deny check advisories"
fetched_dbs="${CARGO_HOME:-$HOME/.cargo}/advisory-dbs"
bundle=../shared/reference/rustsec-advisory-db.bundle
if compgen -G "$fetched_dbs/*/crates" >/dev/null; then
  cargo deny --locked --offline check --hide-inclusion-graph advisories
  echo "advisories checked against the database in $fetched_dbs"
elif [ -f "$bundle" ]; then
  dbs="$PWD/target/advisory-dbs"
  db="$dbs/advisory-db-3157b0e258782691"
  rm -rf "$dbs" && mkdir -p "$dbs"
  git -c init.defaultBranch=main clone --quiet "$bundle" "$db"
  { sed -n '1,/^\[advisories\]$/p' deny.toml; echo "db-path = \"$dbs\""; sed '1,/^\[advisories\]$/d' deny.toml; } >target/deny-snapshot.toml
  cargo deny --locked --offline --config target/deny-snapshot.toml check --hide-inclusion-graph advisories
  echo "advisories checked against the RustSec snapshot $(git -C "$db" log -1 --format='%h of %cs') ($bundle): advisories published after it are not covered"
elif [ "${POLYIAM_REQUIRE_ADVISORIES:-0}" = 1 ]; then
  echo "check-supply-chain: no RustSec advisory database in $fetched_dbs, and no $bundle" >&2
  exit 1
else
  echo "WARNING: advisories NOT checked: no RustSec database in $fetched_dbs (this machine does not reach"
  echo "         GitHub) and no snapshot at $bundle (POLYIAM_REQUIRE_ADVISORIES=1: fatal)."
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
