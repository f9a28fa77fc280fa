// Shared helpers for the Node suite: the harness servers (tests/harness/), the language-neutral
// expectations (tests/scenarios/), shape assertions and user fixtures.
//
// Servers: scripts/test-node.sh starts one moto and one pager server for the whole run and passes
// their URLs in POLYIAM_MOTO_URL / POLYIAM_PAGER_URL; a test file run on its own starts its own.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const HARNESS = path.join(REPO_ROOT, "tests", "harness");

export function loadScenario(name) {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tests", "scenarios", `${name}.json`), "utf8"));
}

export const COMMON = loadScenario("common");
export const SHAPES = loadScenario("shapes");
export const ERRORS = Object.fromEntries(loadScenario("errors").errors.map((e) => [e.name, e]));
export const PAGINATION = loadScenario("pagination");
export const PARAM_VALIDATION = loadScenario("param_validation");
export const BAD_INPUTS = loadScenario("bad_inputs");

// The dummy environment, before anything can resolve credentials.
for (const name of Object.keys(process.env)) {
  if (name.startsWith("AWS_")) delete process.env[name];
}
Object.assign(process.env, COMMON.environment);

/** CreateAccessKey → createAccessKey (the v3 method name). */
export const methodName = (operation) => operation[0].toLowerCase() + operation.slice(1);

/** Replace "$name" strings and {"$repeat": s, "count": n} objects, recursively. */
export function substitute(value, placeholders = {}) {
  if (typeof value === "string") return value.startsWith("$") && value in placeholders ? placeholders[value] : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, placeholders));
  if (value && typeof value === "object") {
    if ("$repeat" in value) return value.$repeat.repeat(value.count);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, placeholders)]));
  }
  return value;
}

export function uniqueName(prefix = COMMON.users.prefix) {
  return `${prefix}-${randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

// ---------------------------------------------------------------- servers

export function python() {
  if (process.env.POLYIAM_PYTHON) return process.env.POLYIAM_PYTHON;
  const venv = path.join(REPO_ROOT, ".venv", "bin", "python");
  return fs.existsSync(venv) ? venv : "python3";
}

const servers = [];

/** Starts tests/harness/<script> and resolves with `{ url, stop() }`; `env` is added to the child's. */
export async function startServer(script, args = [], env = {}) {
  const child = spawn(python(), [path.join(HARNESS, script), ...args], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, ...env } });
  const url = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before serving`)));
    child.once("error", reject);
  });
  const server = {
    url: url.trim(),
    stop() {
      child.stdin.end();
    },
  };
  child.unref();
  child.stdout.unref?.();
  servers.push(server);
  return server;
}

process.once("exit", () => servers.forEach((s) => s.stop()));

let motoPromise;
/** moto's URL (shared per run), with its state wiped for this test file. */
export async function motoUrl() {
  motoPromise ??= process.env.POLYIAM_MOTO_URL
    ? Promise.resolve({ url: process.env.POLYIAM_MOTO_URL })
    : startServer("moto_server.py");
  const { url } = await motoPromise;
  const res = await fetch(`${url}${COMMON.moto.reset_path}`, { method: "POST" });
  assert.ok(res.ok, `moto reset failed: ${res.status}`);
  return url;
}

let pagerPromise;
/** The pager server, with its request log emptied. */
export async function pager() {
  pagerPromise ??= process.env.POLYIAM_PAGER_URL
    ? Promise.resolve({ url: process.env.POLYIAM_PAGER_URL })
    : startServer("pager_server.py");
  const { url } = await pagerPromise;
  await fetch(`${url}/__harness__/reset`, { method: "POST" });
  return {
    url,
    requests: async () => (await fetch(`${url}/__harness__/requests`)).json(),
  };
}

/** A 127.0.0.1 URL whose port refuses connections (bound, never listening, is not possible in
 * Node; a just-closed ephemeral port is the next best thing). */
export async function closedPortUrl() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return `http://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------- clients and users

/** @aws-sdk/client-iam (pinned in bench/node; scripts/test-node.sh installs it), or undefined. */
export function v3Sdk() {
  const dirs = [process.env.POLYIAM_V3_SDK_DIR, path.join(REPO_ROOT, "bench", "node")].filter(Boolean);
  for (const dir of dirs) {
    if (fs.existsSync(path.join(dir, "node_modules", "@aws-sdk", "client-iam"))) {
      return createRequire(path.join(dir, "package.json"))("@aws-sdk/client-iam");
    }
  }
  return undefined;
}

/** Loads the package the way a user does: by name, through package.json "exports" (ESM entry). */
export async function polyiam() {
  return import("polyiam");
}

export async function makeClient(endpoint, overrides = {}) {
  const { IAM } = await polyiam();
  return new IAM({
    region: COMMON.client.region_name,
    endpoint,
    credentials: { accessKeyId: COMMON.client.aws_access_key_id, secretAccessKey: COMMON.client.aws_secret_access_key },
    ...overrides,
  });
}

/** Creates uniquely named users and deletes them (and their keys) in `cleanup()`. */
export class Users {
  constructor(iam) {
    this.iam = iam;
    this.created = [];
  }

  async make(prefix, params = {}) {
    const name = uniqueName(prefix);
    await this.iam.createUser({ UserName: name, ...params });
    this.created.push(name);
    return name;
  }

  track(name) {
    this.created.push(name);
  }

  async cleanup() {
    for (const name of this.created.reverse()) {
      try {
        const { AccessKeyMetadata } = await this.iam.listAccessKeys({ UserName: name });
        for (const k of AccessKeyMetadata) await this.iam.deleteAccessKey({ UserName: name, AccessKeyId: k.AccessKeyId });
        await this.iam.deleteUser({ UserName: name });
      } catch {
        // already deleted by the test; moto is reset per file anyway
      }
    }
    this.created = [];
  }
}

// ---------------------------------------------------------------- shape assertions

const isPlainObject = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/** Checks `value` against a shapes.json shape: exact keys, leaf types (timestamps are `Date`s). */
export function assertShape(value, shape, where = "result") {
  if (Array.isArray(shape)) {
    assert.ok(Array.isArray(value), `${where}: expected an array, got ${typeof value}`);
    value.forEach((item, i) => assertShape(item, shape[0], `${where}[${i}]`));
  } else if (shape && typeof shape === "object") {
    assert.ok(isPlainObject(value), `${where}: expected a plain object, got ${value}`);
    const required = Object.keys(shape).filter((k) => !k.endsWith("?"));
    const allowed = new Set(Object.keys(shape).map((k) => k.replace(/\?$/, "")));
    const keys = Object.keys(value);
    for (const k of required) assert.ok(keys.includes(k), `${where}: missing key ${k} (got ${keys})`);
    for (const k of keys) assert.ok(allowed.has(k), `${where}: unexpected key ${k} (allowed ${[...allowed]})`);
    for (const [k, sub] of Object.entries(shape)) {
      const name = k.replace(/\?$/, "");
      if (name in value) {
        assert.ok(value[name] !== null && value[name] !== undefined, `${where}.${name}: absent members must be omitted`);
        assertShape(value[name], sub, `${where}.${name}`);
      }
    }
  } else if (shape === "timestamp") {
    assert.ok(value instanceof Date && !Number.isNaN(value.getTime()), `${where}: expected a Date, got ${value}`);
  } else if (shape === "integer") {
    assert.ok(Number.isInteger(value), `${where}: expected an integer, got ${value}`);
  } else if (shape === "string") {
    assert.equal(typeof value, "string", `${where}: expected a string, got ${typeof value}`);
  } else if (shape === "boolean") {
    assert.equal(typeof value, "boolean", `${where}: expected a boolean, got ${typeof value}`);
  } else {
    assert.fail(`${where}: unknown shape ${JSON.stringify(shape)}`);
  }
}

function getPath(value, dotted) {
  let v = value;
  for (const part of dotted.split(".")) {
    if (!isPlainObject(v) || !Object.hasOwn(v, part)) return undefined;
    v = v[part];
  }
  return v;
}

/** The v3 `$metadata` of a successful (or failed) call. */
export function assertMetadata(meta, status) {
  // v3's keys, in v3's order; extendedRequestId and cfId are undefined unless the response had x-amz-id-2 / x-amz-cf-id.
  assert.deepEqual(Object.keys(meta), ["httpStatusCode", "requestId", "extendedRequestId", "cfId", "attempts", "totalRetryDelay"]);
  assert.equal(meta.httpStatusCode, status);
  assert.equal(typeof meta.requestId, "string");
  assert.ok(meta.requestId.length > 0, "requestId is empty");
  assert.equal(meta.attempts, 1);
  assert.equal(meta.totalRetryDelay, 0);
}

/** A full result against shapes.json: $metadata, exact output shape, 'absent' and 'values'. */
export function assertOperationOutput(operation, result, placeholders = {}) {
  const spec = SHAPES.operations[operation];
  assert.ok(isPlainObject(result), `${operation}: result is not a plain object`);
  assertMetadata(result.$metadata, 200);
  const { $metadata, ...output } = result;
  assertShape(output, spec.output, operation);
  for (const p of spec.absent || []) assert.equal(getPath(output, p), undefined, `${operation}: ${p} should be absent`);
  for (const [p, expected] of Object.entries(spec.values || {})) {
    assert.deepEqual(getPath(output, p), substitute(expected, placeholders), `${operation}: ${p}`);
  }
}

/** A rejected call against an errors.json entry. */
export async function assertServiceError(promise, spec, operation, placeholders = {}) {
  const lib = await polyiam();
  const err = await promise.then(
    () => assert.fail(`${operation} should have failed with ${spec.exception}`),
    (e) => e,
  );
  assert.ok(err instanceof Error, "not an Error");
  assert.ok(err instanceof lib.IAMServiceException, `${err.name} is not an IAMServiceException`);
  assert.ok(err instanceof lib[spec.exception], `${err.name} is not a ${spec.exception}`);
  assert.equal(err.name, spec.exception);
  assert.equal(err.constructor.name, spec.exception);
  assert.equal(err.Code, spec.code);
  assert.equal(err.Type, spec.type);
  assert.equal(err.$fault, spec.type === "Sender" ? "client" : "server");
  assert.equal(err.operation, operation);
  assert.ok(typeof err.message === "string" && err.message.length > 0);
  for (const fragment of substitute(spec.message_contains || [], placeholders)) {
    assert.ok(err.message.includes(fragment), `${JSON.stringify(fragment)} not in ${JSON.stringify(err.message)}`);
  }
  assertMetadata(err.$metadata, spec.http_status);
  return err;
}
