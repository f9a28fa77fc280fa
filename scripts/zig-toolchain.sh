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
