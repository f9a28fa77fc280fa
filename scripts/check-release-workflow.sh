#!/usr/bin/env bash
# The release workflow on paper, checked here: .github/workflows/*.yml against GitHub's workflow schema
# (check-jsonschema's bundled copy, offline), then what the schema cannot see: the platforms the
# release promises (README "Installing") are all built and tested, the npm addons carry the names
# bindings-node/lib/loader.js looks for, and every repository file a step runs exists.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/check-jsonschema ] || ./scripts/setup.sh
echo "==> check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml"
.venv/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

echo "==> the release matrix covers every promised platform"
.venv/bin/python - <<'PY'
import json, os, re, subprocess, sys
import yaml

wf = yaml.safe_load(open(".github/workflows/release.yml"))
jobs = wf["jobs"]
wheel_targets = {m["target"] for m in jobs["wheels"]["strategy"]["matrix"]["include"]}
want_wheels = {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "x86_64-unknown-linux-musl",
               "aarch64-unknown-linux-musl", "x86_64-apple-darwin", "aarch64-apple-darwin", "x86_64-pc-windows-msvc"}
assert wheel_targets == want_wheels, f"wheel targets {sorted(wheel_targets ^ want_wheels)} differ from the promise"
for m in jobs["wheels"]["strategy"]["matrix"]["include"]:
    if "linux-gnu" in m["target"]:
        assert m.get("manylinux") == "2014", f"{m['name']}: glibc wheels are manylinux2014 (glibc 2.17)"

# The npm platform names must be the loader's names for those targets.
addons = jobs["npm-addons"]["strategy"]["matrix"]["include"]
node_names = {"x86_64-unknown-linux-gnu": ("linux", "x64", False), "aarch64-unknown-linux-gnu": ("linux", "arm64", False),
              "x86_64-unknown-linux-musl": ("linux", "x64", True), "aarch64-unknown-linux-musl": ("linux", "arm64", True),
              "x86_64-apple-darwin": ("darwin", "x64", False), "aarch64-apple-darwin": ("darwin", "arm64", False),
              "x86_64-pc-windows-msvc": ("win32", "x64", False)}
assert {m["target"] for m in addons} == set(node_names), "npm addon targets differ from the wheels'"
for m in addons:
    platform, arch, musl = node_names[m["target"]]
    name = subprocess.run(["node", "-p", f'require("./bindings-node/lib/loader.js").triple("{platform}", "{arch}", {str(musl).lower()})'],
                          check=True, capture_output=True, text=True).stdout.strip()
    assert m["platform"] == name, f"npm addon for {m['target']} is named {m['platform']}, the loader looks for {name}"
    if "linux-gnu" in m["target"]:
        assert m.get("zig", "").endswith(".2.17"), f"{m['platform']}: the glibc addon is built for glibc 2.17"

# Publishing only from a tag or an explicit non-dry run, with OIDC (trusted publishing).
for name in ("publish-pypi", "publish-npm"):
    job = jobs[name]
    assert "inputs.dry-run == false" in job["if"] and "push" in job["if"], f"{name} must honour the dry-run input"
    assert job["permissions"] == {"id-token": "write"}, f"{name} publishes with trusted publishing (id-token: write only)"
assert wf[True]["workflow_dispatch"]["inputs"]["dry-run"]["default"] is True, "a manual run is a dry run by default"

# Every repository path a step runs or reads exists.
text = open(".github/workflows/release.yml").read()
paths = set(re.findall(r"(?<![\w/.-])((?:scripts|tests|bindings-\w+|bench)/[\w./-]+\.(?:sh|py|mjs|cjs|js|R)|requirements-[\w-]+\.txt)", text))
missing = sorted(p for p in paths if not os.path.exists(p))
assert not missing, f"the workflow runs files that do not exist: {missing}"
print(f"release.yml: {len(wheel_targets)} wheel targets (glibc ones manylinux2014), {len(addons)} npm addons under the loader's names, "
      f"publishing gated on the dry-run input; {len(paths)} repository files it runs exist")
PY
