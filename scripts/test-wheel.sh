#!/usr/bin/env bash
# Installs the wheel from target/wheels (scripts/build-wheel.sh) into a fresh venv with no Rust on
# PATH and runs the create-access-key scenario (tests/artefacts/scenario.py) against moto. Also checks
# the wheel's tags: cp39-abi3, and a manylinux tag no older than the newest glibc symbol the library uses.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/dummy-aws-env.sh
. scripts/no-rust-path.sh
require_no_rust

[ -x .venv/bin/python ] || ./scripts/setup.sh
VERSION=$(.venv/bin/python -c 'import re,sys; print(re.search(r"^__version__ = \"(.+)\"", open(sys.argv[1]).read(), re.M).group(1))' bindings-python/python/polyiam/_version.py)
shopt -s nullglob
wheels=(target/wheels/polyiam-"$VERSION"-*.whl)
sdists=(target/wheels/polyiam-"$VERSION".tar.gz)
[ "${#wheels[@]}" = 1 ] || { echo "test-wheel: expected one polyiam $VERSION wheel in target/wheels (run scripts/build-wheel.sh), found ${#wheels[@]}" >&2; exit 1; }
[ "${#sdists[@]}" = 1 ] || { echo "test-wheel: no sdist polyiam-$VERSION.tar.gz in target/wheels" >&2; exit 1; }
wheel=${wheels[0]}
echo "==> $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB), sdist $(basename "${sdists[0]}") ($(du -k "${sdists[0]}" | cut -f1) KiB)"

# Tags: abi3 for Python >= 3.9, manylinux2014 (glibc 2.17, the floor build-wheel.sh builds for), and
# a glibc level that covers every GLIBC_x.y symbol version the library uses.
.venv/bin/python - "$wheel" <<'PY'
import re, subprocess, sys, tempfile, zipfile
wheel = sys.argv[1]
m = re.fullmatch(r".*/polyiam-[\d.]+-cp39-abi3-((?:manylinux\w+_x86_64\.)?manylinux_(\d+)_(\d+)_x86_64(?:\.manylinux\w+)?)\.whl", wheel)
assert m, f"not a cp39-abi3 manylinux x86_64 wheel: {wheel}"
tag_glibc = (int(m.group(2)), int(m.group(3)))
assert tag_glibc == (2, 17) and "manylinux2014_x86_64" in wheel, f"not a manylinux2014 (glibc 2.17) wheel: {wheel}"
with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
    libs = [n for n in z.namelist() if n.endswith(".so")]
    assert libs == ["polyiam/_polyiam.abi3.so"], libs
    meta = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/WHEEL"))).decode()
    assert "Tag: cp39-abi3-manylinux" in meta, meta
    path = z.extract(libs[0], tmp)
    syms = subprocess.run(["objdump", "-T", path], check=True, capture_output=True, text=True).stdout
    needed = subprocess.run(["objdump", "-p", path], check=True, capture_output=True, text=True).stdout
versions = {tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", syms)}
newest = max(v[:2] for v in versions)
assert newest <= tag_glibc, f"the library needs GLIBC_{newest} but the wheel claims manylinux_{tag_glibc}"
libs_needed = sorted(re.findall(r"NEEDED\s+(\S+)", needed))
allowed = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "librt.so.1"}
assert set(libs_needed) <= allowed, f"links outside the manylinux policy: {libs_needed}"
print(f"wheel tag {m.group(1)}: newest glibc symbol GLIBC_{'.'.join(map(str, newest))}, links {', '.join(libs_needed)}")
PY

. scripts/harness.sh
start_server MOTO_URL moto_server.py
WORK=$(mktemp -d)
on_exit rm -rf "$WORK"

# A fresh venv from the same interpreter the project uses; everything after this runs without Rust.
"$(.venv/bin/python -c 'import sys; print(sys._base_executable)')" -m venv "$WORK/venv"
echo "==> pip install $(basename "$wheel") into a fresh venv, no Rust on PATH"
start=$(date +%s%N)
PATH="$WORK/venv/bin:$NO_RUST_PATH" "$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$ROOT/$wheel"
echo "installed in $(( ($(date +%s%N) - start) / 1000000 )) ms"
(cd "$WORK" && PATH="$WORK/venv/bin:$NO_RUST_PATH" "$WORK/venv/bin/python" "$ROOT/tests/artefacts/scenario.py" "$MOTO_URL" "$WORK/venv")
# The wheel's `polyiam` console script (the CLI in the compiled module), as pip installed it.
check_cli "test-wheel: the polyiam console script" env PATH="$WORK/venv/bin:$NO_RUST_PATH" "$WORK/venv/bin/polyiam"
echo "wheel: the polyiam console script runs"
