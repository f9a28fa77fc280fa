#!/usr/bin/env python3
"""Trims a `cargo vendor` directory to what building the R package reads (tools/stage.sh).

    python3 trim-vendor.py VENDOR_DIR WORKSPACE_DIR

* every crate loses its tests/, benches/, examples/, docs/ and test data (cargo builds only a dependency's library
  and build script); a file its Cargo.toml names as a target's `path` is left as an empty stand-in, so
  the manifest still parses;
* crates that building polyiam-r compiles on none of R's platforms (cargo's resolve per target: Windows
  import libraries windows-sys no longer uses, WebAssembly bindings, other crates' dev-dependencies)
  keep only their Cargo.toml (cargo reads every locked crate's manifest) and stand-ins;
* windows-sys (tens of MB of API bindings, one module per Cargo feature) keeps only the modules of the
  features the workspace enables on Windows (`cargo metadata --filter-platform`; a module whose feature
  is off is never read by rustc);
* the Rust sources of crates compiled on Linux lose their comments after the file's header (licence
  and copyright headers stay; strip_comments.py), unless a macro the crate uses reads doc comments;
* .cargo-checksum.json forgets the files removed and has the new checksums of the files stripped (the package checksum, which Cargo.lock pins, stays),
  so cargo's offline build still verifies every file that is kept.

Prints what it removed, in bytes.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

from strip_comments import strip

# Only tests and benchmarks read these (the include_str!/include_bytes! of them are all under cfg(test)).
DROP_DIRS = ("tests", "benches", "examples", "docs", "benchmarks", "tests_disabled", "test-data", "test_data",
             "testdata", "proptest-regressions", "fuzz", "aws-signing-test-suite", "test-macros")
# The platforms R installs packages on (Windows: Rtools' x86_64 GNU and ARM64 LLVM toolchains).
R_TARGETS = ("x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "x86_64-unknown-linux-musl",
             "x86_64-apple-darwin", "aarch64-apple-darwin", "x86_64-pc-windows-gnu", "aarch64-pc-windows-gnullvm")
ROOT = "polyiam-r"
DOC_MACROS = {"displaydoc"}
# Files no build reads (the vendored crates' own lockfiles, cargo's copy of the original manifest).
DROP_FILES = ("Cargo.lock", "Cargo.toml.orig")
NOTES = re.compile(r"^(CHANGELOG|CHANGES|HISTORY|RELEASES|RELEASE-NOTES|MIGRATION|UPGRADING|CONTRIBUTING)", re.I)
PATH_KEYS = re.compile(r'^\s*(?:path|build)\s*=\s*"([^"]+)"', re.M)


def tree_size(path: str) -> int:
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def resolve(workspace: str) -> tuple:
    """What building polyiam-r compiles on R's platforms, from cargo's resolve (`cargo metadata
    --filter-platform`): the set of (crate, version) reached through normal and build dependencies,
    {(crate, version): features enabled} on Windows, and the crates whose comments can go: compiled on
    Linux (so the offline install test builds them) and using no macro that reads doc comments."""
    needed, windows, linux, doc_readers = set(), {}, set(), set()
    for target in R_TARGETS:
        meta = json.loads(subprocess.run(
            ["cargo", "metadata", "--offline", "--locked", "--format-version", "1", "--filter-platform", target],
            cwd=workspace, check=True, capture_output=True, text=True).stdout)
        nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
        names = {p["id"]: (p["name"], p["version"]) for p in meta["packages"]}
        todo = [i for i in nodes if names[i][0] == ROOT]
        seen = set()
        while todo:
            node = nodes[todo.pop()]
            if node["id"] in seen:
                continue
            seen.add(node["id"])
            todo += [d["pkg"] for d in node["deps"] if any(k["kind"] in (None, "build") for k in d["dep_kinds"])]
        needed |= {names[i] for i in seen}
        if target == R_TARGETS[0]:
            linux = {names[i] for i in seen}
        # Crates whose derives read doc comments (displaydoc: the Display text is the doc comment).
        doc_readers |= {names[i] for i in seen
                        if any(names[d["pkg"]][0] in DOC_MACROS for d in nodes[i]["deps"])}
        if "windows" in target:
            for i in seen:
                windows.setdefault(names[i], set()).update(nodes[i]["features"])
    return needed, windows, linux - doc_readers


def trim_windows_sys(crate: str, features: set) -> int:
    """Removes src/Windows/<A>/<B>/... when feature A_B is off (windows-sys's layout: one per module)."""
    root = os.path.join(crate, "src", "Windows")
    removed = 0
    for parent, dirs, _ in os.walk(root):
        for d in list(dirs):
            path = os.path.join(parent, d)
            feature = "_".join(os.path.relpath(path, root).split(os.sep))
            if feature not in features:
                removed += tree_size(path)
                shutil.rmtree(path)
                dirs.remove(d)
    return removed


def crate_version(crate: str) -> tuple:
    manifest = open(os.path.join(crate, "Cargo.toml"), encoding="utf-8").read()
    pkg = manifest[manifest.index("[package]"):]
    get = lambda key: re.search(rf'^{key}\s*=\s*"([^"]+)"', pkg, re.M).group(1)  # noqa: E731
    return get("name"), get("version")


def strip_crate(crate: str) -> int:
    """The comments after each .rs file's header; returns the bytes saved."""
    saved = 0
    for parent, _, files in os.walk(crate):
        for f in files:
            if f.endswith(".rs"):
                path = os.path.join(parent, f)
                with open(path, encoding="utf-8") as fh:
                    src = fh.read()
                out = strip(src)
                if out != src:
                    saved += len(src.encode()) - len(out.encode())
                    with open(path, "w", encoding="utf-8", newline="") as fh:
                        fh.write(out)
    return saved


INCLUDE = re.compile(r'include_(?:str|bytes)!\s*\(\s*"([^"]+)"')
# include_str!(concat!("../benches/", $name, ".rs")): everything under the literal prefix's folder.
INCLUDE_CONCAT = re.compile(r'include_(?:str|bytes)!\s*\(\s*concat!\s*\(\s*"([^"]*/)')


def included(crate: str) -> set:
    """Every file the crate's sources include_str!/include_bytes! (tests' fixtures too: telling test
    code apart is not worth it), as paths relative to the crate."""
    found = set()
    for parent, _, files in os.walk(crate):
        for f in files:
            if f.endswith(".rs"):
                with open(os.path.join(parent, f), encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                for rel in INCLUDE.findall(text):
                    found.add(os.path.relpath(os.path.normpath(os.path.join(parent, rel)), crate))
                for prefix in INCLUDE_CONCAT.findall(text):
                    folder = os.path.normpath(os.path.join(parent, prefix))
                    for d, _, fs in os.walk(folder):
                        found.update(os.path.relpath(os.path.join(d, x), crate) for x in fs)
    return found


def remove(crate: str, entry: str, keep: set) -> int:
    """Removes crate/entry (a file or a tree) except the files in `keep`; the bytes removed."""
    path = os.path.join(crate, entry)
    if os.path.isfile(path):
        if entry in keep:
            return 0
        size = os.path.getsize(path)
        os.remove(path)
        return size
    removed = 0
    for parent, _, files in os.walk(path, topdown=False):
        for f in files:
            full = os.path.join(parent, f)
            if os.path.relpath(full, crate) not in keep:
                removed += os.path.getsize(full)
                os.remove(full)
        if not os.listdir(parent):
            os.rmdir(parent)
    return removed


def sha256(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def trim(crate: str, needed: set, enabled: dict, strippable: set) -> int:
    key = crate_version(crate)
    manifest = open(os.path.join(crate, "Cargo.toml"), encoding="utf-8").read()
    removed = 0
    unused = key not in needed
    if unused:
        doomed = [e for e in os.listdir(crate) if e not in ("Cargo.toml", ".cargo-checksum.json")]
    else:
        doomed = [e for e in DROP_DIRS if os.path.isdir(os.path.join(crate, e))]
        doomed += [e for e in DROP_FILES if os.path.isfile(os.path.join(crate, e))]
        # Release notes and Markdown no source includes (a README that is `doc = include_str!`-ed stays).
        doomed += [e for e in os.listdir(crate) if os.path.isfile(os.path.join(crate, e))
                   and (NOTES.match(e) or e.lower().endswith(".md"))]
    keep = set() if unused else included(crate)
    for entry in doomed:
        removed += remove(crate, entry, keep)
    if key[0] == "windows-sys" and not unused:
        removed += trim_windows_sys(crate, enabled.get(key, set()))
    if key in strippable:
        removed += strip_crate(crate)
    # Stand-ins for the targets and build script the manifest names, where they went.
    named = set(PATH_KEYS.findall(manifest)) | ({"src/lib.rs"} if unused else set())
    stand_ins = set()
    for rel in named:
        path = os.path.join(crate, rel)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").close()
            stand_ins.add(rel)
    checksum = os.path.join(crate, ".cargo-checksum.json")
    with open(checksum, encoding="utf-8") as fh:
        sums = json.load(fh)
    kept = {rel: (sha256(os.path.join(crate, rel)) if key in strippable and rel.endswith(".rs") else h)
            for rel, h in sums.get("files", {}).items()
            if rel not in stand_ins and os.path.isfile(os.path.join(crate, rel))}
    sums["files"] = kept
    with open(checksum, "w", encoding="utf-8") as fh:
        json.dump(sums, fh, separators=(",", ":"))
    return removed


def main(vendor: str, workspace: str) -> int:
    needed, enabled, strippable = resolve(workspace)
    total = 0
    for entry in sorted(os.listdir(vendor)):
        crate = os.path.join(vendor, entry)
        if os.path.isfile(os.path.join(crate, "Cargo.toml")):
            total += trim(crate, needed, enabled, strippable)
    print(f"trim-vendor: removed {total:,} bytes from {vendor}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
