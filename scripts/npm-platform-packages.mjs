#!/usr/bin/env node
// The npm packages as napi-rs lays them out: one `polyiam-<platform>` package per addon (its `os`,
// `cpu` and `libc` fields let npm install only the one the machine needs) and the main `polyiam`
// package, JavaScript only, listing them all as optionalDependencies. lib/loader.js finds the
// addon beside package.json first, then as the package `polyiam-<platform>`.
//
//   node scripts/npm-platform-packages.mjs PKG_DIR ADDON_DIR OUT_DIR
//
// PKG_DIR is bindings-node (or a staged copy); ADDON_DIR holds polyiam.<platform>.node files.
// Writes OUT_DIR/main/, OUT_DIR/platforms/polyiam-<platform>/ and OUT_DIR/app/ (a project with both
// in node_modules and the artefact scenarios, for testing the layout before anything is published).
// Used by .github/workflows/release.yml and scripts/test-npm-package.sh.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [pkgDir, addonDir, outDir] = process.argv.slice(2);
if (!pkgDir || !addonDir || !outDir) {
  console.error("usage: node scripts/npm-platform-packages.mjs PKG_DIR ADDON_DIR OUT_DIR");
  process.exit(2);
}
const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));

/** napi-rs's platform name → npm's os / cpu / libc fields. */
function fields(platform) {
  const [os, cpu, abi] = platform.split("-");
  const out = { os: [os], cpu: [cpu] };
  if (os === "linux") out.libc = [abi && abi.startsWith("musl") ? "musl" : "glibc"];
  return out;
}

const addons = fs
  .readdirSync(addonDir)
  .map((f) => /^polyiam\.(.+)\.node$/.exec(f))
  .filter(Boolean)
  .map((m) => ({ platform: m[1], file: m[0] }));
if (!addons.length) {
  console.error(`npm-platform-packages: no polyiam.<platform>.node in ${addonDir}`);
  process.exit(1);
}

fs.rmSync(outDir, { recursive: true, force: true });
const write = (file, data) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data, null, 2) + "\n");
};

// One package per platform.
for (const { platform, file } of addons) {
  const dir = path.join(outDir, "platforms", `polyiam-${platform}`);
  write(path.join(dir, "package.json"), {
    name: `polyiam-${platform}`,
    version: pkg.version,
    description: `polyiam's native addon for ${platform}`,
    license: pkg.license,
    main: file,
    files: [file],
    ...fields(platform),
    engines: pkg.engines,
  });
  write(path.join(dir, "README.md"), `# polyiam-${platform}\n\nThe native addon of [polyiam](https://www.npmjs.com/package/polyiam) for ${platform}; install \`polyiam\`, not this.\n`);
  fs.copyFileSync(path.join(addonDir, file), path.join(dir, file));
}

// The main package: what package.json's "files" lists, without addons, and the platforms as
// optionalDependencies.
const main = path.join(outDir, "main");
for (const entry of pkg.files.filter((f) => !f.includes("*")).concat(["package.json", "README.md"])) {
  const from = path.join(pkgDir, entry);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(main, entry), { recursive: true });
}
const manifest = { ...pkg, files: pkg.files.filter((f) => !f.endsWith(".node")) };
manifest.optionalDependencies = Object.fromEntries(addons.map(({ platform }) => [`polyiam-${platform}`, pkg.version]));
delete manifest.scripts; // the build scripts are the repository's, not the published package's
write(path.join(main, "package.json"), manifest);

// A project with both installed, as npm would lay them out, and the artefact scenarios.
const app = path.join(outDir, "app");
fs.cpSync(main, path.join(app, "node_modules", "polyiam"), { recursive: true });
for (const { platform } of addons) {
  fs.cpSync(path.join(outDir, "platforms", `polyiam-${platform}`), path.join(app, "node_modules", `polyiam-${platform}`), { recursive: true });
}
for (const f of ["scenario.cjs", "scenario.mjs"]) fs.copyFileSync(path.join(repo, "tests", "artefacts", f), path.join(app, f));
write(path.join(app, "package.json"), { name: "polyiam-layout-test", private: true, dependencies: { polyiam: pkg.version } });
console.log(`npm-platform-packages: polyiam ${pkg.version} + ${addons.map((a) => `polyiam-${a.platform}`).join(", ")} in ${outDir}`);
