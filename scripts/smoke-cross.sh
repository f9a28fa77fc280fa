#!/usr/bin/env bash
# Opt-in smoke test of other targets, built here; not part of test.sh (each target is a cold build of
# std and the AWS stack, ~4 min on 2 cores) and never a release path (release.yml builds each platform
# on its own runner). It shows that the Rust code builds and runs off x86_64 glibc:
#
#   ./scripts/smoke-cross.sh [TARGET ...]   default: x86_64-unknown-linux-musl aarch64-unknown-linux-gnu
#
# rustup has only this machine's std, so std is compiled from source: Debian's rustc-web 1.96 with
# rust-web-src (std's sources for that exact compiler), `-Zbuild-std` (RUSTC_BOOTSTRAP=1 lets that
# stable compiler take the unstable flag), linked by zig through cargo-zigbuild (requirements-zig.txt;
# glibc targets at the artefacts' 2.17 floor). The `polyiam` CLI of each target then runs the
# create-access-key scenario against moto: musl natively, aarch64 under qemu-user with Debian's arm64
# libc. Missing Debian packages are installed when running as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-gnu)

packages=(rustc-web rust-web-src qemu-user libc6-arm64-cross)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "smoke-cross: needs the Debian packages ${missing[*]}" >&2; exit 1; }
  echo "==> apt-get install ${missing[*]}"
  apt-get install -y -q "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || { echo "smoke-cross: run scripts/setup.sh first (.venv with moto)" >&2; exit 1; }
. scripts/dummy-aws-env.sh
. scripts/zig-toolchain.sh
# Debian's cargo and rustc (1.96, whose sysroot holds the std sources) ahead of rustup's; zig after.
export PATH="$ROOT/.venv/bin:/usr/bin:$PATH" RUSTC_BOOTSTRAP=1
[ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ] || {
  echo "smoke-cross: $(command -v rustc) has no std sources (rust-web-src)" >&2; exit 1; }
echo "==> $(rustc --version), $(cargo --version)"

. scripts/harness.sh
start_server MOTO_URL moto_server.py

for target in "${targets[@]}"; do
  zig_target=$target run=()
  case "$target" in
    *-linux-gnu) zig_target="$target.2.17" ;;
  esac
  case "$target" in
    x86_64-*-linux-*) ;;
    aarch64-*-linux-gnu) run=(qemu-aarch64 -L /usr/aarch64-linux-gnu) ;;
    *) echo "smoke-cross: no way to run $target here" >&2; exit 1 ;;
  esac
  # rustc would look for musl's crt objects in a self-contained directory that only rustup's
  # prebuilt std ships; zig brings its own.
  flags=""
  case "$target" in *-musl) flags="-C link-self-contained=no" ;; esac
  echo "==> cargo zigbuild -p polyiam-cli --target $zig_target -Zbuild-std"
  start=$SECONDS
  RUSTFLAGS="$flags" nice -n 5 cargo zigbuild --quiet -p polyiam-cli --target-dir target/cross \
    -Zbuild-std=std,panic_unwind --target "$zig_target"
  bin="target/cross/$target/debug/polyiam"
  echo "built in $((SECONDS - start)) s: $(file -b "$bin" | cut -d, -f1-2)"

  user="smoke-$target"
  "${run[@]}" "$bin" iam create-user --user-name "$user" --endpoint-url "$MOTO_URL" >/dev/null
  out=$("${run[@]}" "$bin" iam create-access-key --user-name "$user" --endpoint-url "$MOTO_URL")
  python3 - "$user" "$out" <<'PY'
import json, sys
key = json.loads(sys.argv[2])["AccessKey"]
assert key["UserName"] == sys.argv[1] and key["Status"] == "Active", key
assert key["AccessKeyId"].startswith("AKIA") and len(key["SecretAccessKey"]) == 40, key
assert key["CreateDate"].endswith("+00:00"), key["CreateDate"]
PY
  check_cli "smoke-cross: $target" "${run[@]}" "$bin"
  echo "$target: created an access key; the skeleton and the service error's exit code (${run[*]:-natively})"
done
