"use strict";
// Finds and loads the native addon the way napi-rs's CLI-generated loader does: the platform's name
// (`linux-x64-gnu`, `linux-x64-musl`, `darwin-arm64`, `win32-x64-msvc`, ...; musl told apart from glibc
// as napi-rs does) picks `polyiam.<name>.node` beside package.json (what the npm package ships:
// linux-x64-gnu), then the per-platform package `polyiam-<name>` (none published yet: adding them later,
// as optionalDependencies, changes no code). With no addon for the platform, the error names the
// platform and what the package has.

const fs = require("node:fs");
const path = require("node:path");
const { readFileSync } = fs;

const isFileMusl = (f) => f.includes("libc.musl-") || f.includes("ld-musl-");

function isMuslFromFilesystem() {
  try {
    return readFileSync("/usr/bin/ldd", "utf-8").includes("musl");
  } catch {
    return null;
  }
}

function isMuslFromReport() {
  if (!process.report || typeof process.report.getReport !== "function") return null;
  process.report.excludeNetwork = true;
  const report = process.report.getReport();
  const header = report && report.header;
  if (header && header.glibcVersionRuntime) return false;
  if (report && Array.isArray(report.sharedObjects) && report.sharedObjects.some(isFileMusl)) return true;
  return null;
}

function isMuslFromChildProcess() {
  try {
    return require("node:child_process").execSync("ldd --version", { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).includes("musl");
  } catch {
    return false;
  }
}

/** True on a musl-based Linux (Alpine, ...): ldd's script, then Node's report, then `ldd --version`. */
function isMusl() {
  if (process.platform !== "linux") return false;
  let musl = isMuslFromFilesystem();
  if (musl === null) musl = isMuslFromReport();
  if (musl === null) musl = isMuslFromChildProcess();
  return musl;
}

/** napi-rs's name for a platform (`linux-x64-gnu`, `linux-x64-musl`, `darwin-arm64`, `win32-x64-msvc`, ...). */
function triple(platform = process.platform, arch = process.arch, musl = platform === "linux" && isMusl()) {
  switch (platform) {
    case "win32":
      return `win32-${arch}-msvc`;
    case "darwin":
    case "freebsd":
    case "android":
      return `${platform}-${arch}`;
    case "linux":
      if (arch === "arm") return `linux-arm-${musl ? "musleabihf" : "gnueabihf"}`;
      return `linux-${arch}-${musl ? "musl" : "gnu"}`;
    default:
      return `${platform}-${arch}`;
  }
}

/** The addon file name for a platform name. */
const addonFile = (name) => `polyiam.${name}.node`;

const PKG_DIR = path.join(__dirname, "..");

/** The addons present in `dir`, by platform name. */
function shipped(dir) {
  try {
    return fs
      .readdirSync(dir)
      .map((f) => /^polyiam\.(.+)\.node$/.exec(f))
      .filter(Boolean)
      .map((m) => m[1]);
  } catch {
    return [];
  }
}

/**
 * The native binding for `platform`/`arch`/`musl`, looked up in `dir` then as a package; throws an
 * Error naming the platform (with every load error as `cause`) when none loads.
 */
function loadNative({ platform = process.platform, arch = process.arch, musl, dir = PKG_DIR, override } = {}) {
  const loadErrors = [];
  if (override) {
    try {
      return require(path.resolve(override));
    } catch (e) {
      loadErrors.push(e);
    }
  }
  const name = triple(platform, arch, musl);
  const local = path.join(dir, addonFile(name));
  const tried = [];
  if (fs.existsSync(local)) {
    tried.push(local);
    try {
      return require(local);
    } catch (e) {
      loadErrors.push(e);
    }
  }
  tried.push(`polyiam-${name}`);
  try {
    return require(`polyiam-${name}`);
  } catch (e) {
    if (!(e && e.code === "MODULE_NOT_FOUND")) loadErrors.push(e);
  }
  const have = shipped(dir);
  const libc = platform === "linux" ? (name.includes("musl") ? ", musl libc" : ", glibc") : "";
  const err = new Error(
    `polyiam: no native addon for ${name} (Node ${process.version} on ${platform} ${arch}${libc}). ` +
      `This package has addons for: ${have.length ? have.join(", ") : "none"}; tried ${tried.join(", ")}` +
      (override ? ` and ${override}` : "") +
      ". Build one from the polyiam repository with `npm run build` in bindings-node/ (needs Rust)" +
      (loadErrors.length ? `. Loading failed with: ${loadErrors.map((e) => e && e.message).join("; ")}` : "."),
  );
  err.code = "POLYIAM_NO_NATIVE_ADDON";
  err.platform = name;
  if (loadErrors.length) err.cause = loadErrors.length === 1 ? loadErrors[0] : new AggregateError(loadErrors);
  throw err;
}

module.exports = { isMusl, triple, addonFile, loadNative };
