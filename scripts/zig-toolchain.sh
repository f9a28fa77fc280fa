# Sourced by build-wheel.sh and build-npm.sh: zig and cargo-zigbuild (pinned, requirements-zig.txt) in
# .venv, on PATH; ZIG_TARGET is this machine's glibc target triple (the artefacts' glibc floor, 2.17,
# is added by each tool: maturin's --compatibility manylinux2014, cargo zigbuild's `.2.17` suffix).
if ! cmp -s requirements-zig.txt .venv/.zig-installed 2>/dev/null; then
  echo "==> installing zig and cargo-zigbuild (requirements-zig.txt) into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zig.txt
  cp requirements-zig.txt .venv/.zig-installed
fi
export PATH="$PWD/.venv/bin:$PATH"
ZIG_TARGET="$(uname -m)-unknown-linux-gnu"
# One compiled dist stack for both artefacts. cargo-zigbuild writes its zig cc/c++/ar wrappers into a
# directory named after the executable that drives the build (maturin for the wheel, the cargo-zigbuild
# CLI for the addon); the wrapper is the linker, and cargo's fingerprint of every crate includes the
# linker's path ("ConfigSettingsChanged"), so the whole stack would compile once per artefact.
# CARGO_BIN_EXE_cargo-zigbuild (cargo-zigbuild's own override of that executable) names the CLI for
# both, and the CLI is pinned to the version maturin embeds (requirements-zig.txt): same wrapper paths,
# one build. A variable name with a hyphen, so it is set through env(1).
ZIG_ENV=(env "CARGO_BIN_EXE_cargo-zigbuild=$PWD/.venv/bin/cargo-zigbuild")
