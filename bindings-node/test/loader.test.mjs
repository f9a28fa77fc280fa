// The addon loader (lib/loader.js), laid out as napi-rs's CLI generates it: platform names with the
// libc told apart, the local file then the per-platform package, and a clear error naming the
// platform when there is no addon for it.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { triple, addonFile, loadNative, isMusl } = require("../lib/loader.js");

test("platform names are napi-rs's", () => {
  assert.equal(triple("linux", "x64", false), "linux-x64-gnu");
  assert.equal(triple("linux", "x64", true), "linux-x64-musl");
  assert.equal(triple("linux", "arm64", true), "linux-arm64-musl");
  assert.equal(triple("linux", "arm", false), "linux-arm-gnueabihf");
  assert.equal(triple("darwin", "arm64"), "darwin-arm64");
  assert.equal(triple("win32", "x64"), "win32-x64-msvc");
  assert.equal(addonFile("linux-x64-gnu"), "polyiam.linux-x64-gnu.node");
});

test("this machine's libc is detected (glibc here: Debian)", () => {
  const glibc = Boolean(process.report.getReport().header.glibcVersionRuntime);
  assert.equal(isMusl(), !glibc);
  assert.equal(triple(), `linux-${process.arch}-${glibc ? "gnu" : "musl"}`);
});

test("the addon for this platform is the one the package ships", () => {
  const file = path.join(PKG, addonFile(triple()));
  assert.ok(fs.existsSync(file), `${file} (scripts/setup-node.sh builds it)`);
  assert.equal(typeof loadNative({ dir: PKG }).NativeClient, "function");
});

test("no addon for the platform: an error naming it and what the package has", () => {
  for (const [platform, arch, musl, name] of [
    ["linux", "x64", true, "linux-x64-musl"],
    ["darwin", "arm64", false, "darwin-arm64"],
  ]) {
    assert.throws(
      () => loadNative({ platform, arch, musl, dir: PKG }),
      (e) => {
        assert.equal(e.code, "POLYIAM_NO_NATIVE_ADDON");
        assert.equal(e.platform, name);
        assert.match(e.message, new RegExp(`no native addon for ${name} \\(Node v[\\d.]+ on ${platform} ${arch}`));
        assert.match(e.message, /has addons for: .*linux-x64-gnu/);
        assert.match(e.message, new RegExp(`polyiam-${name}`));
        if (platform === "linux") assert.match(e.message, /musl libc/);
        return true;
      },
    );
  }
});

test("an addon that fails to load is reported as the cause", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "polyiam-loader-"));
  try {
    fs.writeFileSync(path.join(dir, addonFile("linux-x64-musl")), "not a shared library");
    assert.throws(
      () => loadNative({ platform: "linux", arch: "x64", musl: true, dir }),
      (e) => e.platform === "linux-x64-musl" && e.cause instanceof Error && /Loading failed/.test(e.message),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
