// `require("polyiam")` loads only the runtime; a service's files load when one of their exports is
// first read (index.js), so start-up pays for what the program uses. Each case runs in a fresh process:
// this one has loaded everything already.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./helpers.mjs";

const PKG = path.join(REPO_ROOT, "bindings-node");

/** Runs `body` after `const polyiam = require(<package>)` in a fresh node; the lib/ files it loaded. */
function loadedAfter(body) {
  const script = `
    const polyiam = require(${JSON.stringify(PKG)});
    ${body}
    const lib = ${JSON.stringify(path.join(PKG, "lib") + path.sep)};
    const files = Object.keys(require.cache).filter((f) => f.startsWith(lib)).map((f) => f.slice(lib.length).replaceAll("\\\\", "/"));
    process.stdout.write(JSON.stringify(files.sort()));
  `;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("require() loads no service file; new IAM() loads IAM's client and errors, not its commands nor STS", () => {
  const none = loadedAfter("");
  assert.deepEqual(none.filter((f) => f.startsWith("iam/") || f.startsWith("sts/")), []);
  assert.ok(none.includes("runtime.js"), none.join(", "));

  const iam = loadedAfter('new polyiam.IAM({ region: "us-east-1" });');
  assert.ok(iam.includes("iam/client.js") && iam.includes("iam/errors.js"), iam.join(", "));
  assert.ok(!iam.includes("iam/commands.js"), iam.join(", "));
  assert.deepEqual(iam.filter((f) => f.startsWith("sts/")), []);

  const command = loadedAfter("polyiam.CreateAccessKeyCommand;");
  assert.ok(command.includes("iam/commands.js"), command.join(", "));
  assert.deepEqual(command.filter((f) => f.startsWith("sts/")), []);
});

test("every export is still there: enumerable, the same object on each read, and what the ES module exports", async () => {
  const { createRequire } = await import("node:module");
  const polyiam = createRequire(import.meta.url)(PKG);
  const esm = await import(pathToFileURL(path.join(PKG, "index.mjs")).href);
  const names = Object.keys(polyiam);
  assert.ok(names.includes("IAM") && names.includes("STSClient") && names.includes("CreateAccessKeyCommand"));
  assert.deepEqual(names.filter((n) => !(n in esm)), []);
  for (const name of names) {
    assert.notEqual(polyiam[name], undefined, name);
    assert.equal(polyiam[name], polyiam[name], name);
    assert.equal(esm[name], polyiam[name], name);
  }
  assert.ok(new polyiam.IAM({ region: "us-east-1" }) instanceof esm.IAMClient);
});
