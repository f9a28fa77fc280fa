// The user-environment cases (tests/scenarios/environment.json) with polyiam for Node: credential
// sources, proxies, CA bundles, timeouts, retry modes. The protocol is the boto3 control's
// (bindings-python/tests/test_environment_boto3.py, tests/harness/README.md "Environment harness"):
// tests/harness/environment.py once for the file; per case a control reset, then the call in a child
// process (fixtures/env_case.mjs) whose environment is ours minus clear_env plus case.env, so the
// client sees the variables exactly as a user's shell sets them; then case.expect (or the case's
// polyiam_expect, a documented deviation of every polyiam binding) and case.observe.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { after, describe, test } from "node:test";
import { HARNESS, loadScenario, python } from "./helpers.mjs";

const LANG = "node"; // a case's `"node": "skip: reason"` skips it here
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "env_case.mjs");

// The core's error kinds -> the Node class (lib/runtime.js; "credentials" is new: v3's name).
const KIND_CLASSES = {
  credentials: "CredentialsProviderError",
  config: "ConfigurationError",
  transport: "EndpointConnectionError",
  read_timeout: "TimeoutError",
};

// ---------------------------------------------------------------- the harness

/** `{ info, cases, stop }`, or `{ skip: reason }` when there is no Python with moto. */
async function startHarness() {
  const probe = spawnSync(python(), ["-c", "import moto, boto3"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return { skip: `no Python with moto at ${python()} (set POLYIAM_PYTHON): ${probe.error?.message ?? probe.stderr.trim().split("\n").at(-1)}` };
  }
  // Reuse the run's moto when scripts/test-node.sh started one; the harness adds its own users.
  const moto = process.env.POLYIAM_MOTO_URL ? ["--moto", process.env.POLYIAM_MOTO_URL] : [];
  const child = spawn(python(), [path.join(HARNESS, "environment.py"), ...moto], { stdio: ["pipe", "pipe", "inherit"] });
  let timer;
  const line = await new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error("environment.py did not announce within 120 s")), 120_000);
    readline.createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`environment.py exited with ${code} before announcing`)));
    child.once("error", reject);
  })
    .catch((e) => {
      child.kill();
      throw e;
    })
    .finally(() => clearTimeout(timer));
  const info = JSON.parse(line);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    info,
    cases: new Map(info.cases.map((c) => [c.name, c])),
    // Closing stdin stops every server and deletes the temp dir.
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const harness = await startHarness();
after(() => harness.stop?.());

async function control(method, what) {
  const res = await fetch(`${harness.info.servers.control}/__harness__/${what}`, { method, ...(method === "POST" ? { body: "" } : {}) });
  assert.ok(res.ok, `${method} /__harness__/${what}: HTTP ${res.status}`);
  return method === "GET" ? res.json() : undefined;
}

/** Our environment minus clear_env (prefixes and names), plus the case's env (null = unset). */
function childEnv({ prefixes, names }, caseEnv) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !names.includes(k) && !prefixes.some((p) => k.startsWith(p))),
  );
  for (const [k, v] of Object.entries(caseEnv)) {
    if (v === null) delete env[k];
    else env[k] = v;
  }
  return env;
}

function runChild(testCase) {
  const proc = spawnSync(process.execPath, [CHILD], {
    input: JSON.stringify(testCase),
    env: childEnv(harness.info.clear_env, testCase.env),
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(proc.status, 0, `the child failed (${proc.status ?? proc.signal ?? proc.error}):\n${proc.stderr}`);
  const outcome = JSON.parse(proc.stdout.trim().split("\n").at(-1));
  assert.equal(outcome.runner_error, undefined, outcome.runner_error);
  return outcome;
}

// ---------------------------------------------------------------- checks

/** Every key of `expected` is in `actual` with a matching value; lists match item by item. */
function assertSubset(expected, actual, where = "result") {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    expected.forEach((e, i) => assertSubset(e, actual[i], `${where}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object" && !Array.isArray(actual), `${where}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      assert.ok(Object.hasOwn(actual, key), `${where}: no ${key} in [${Object.keys(actual)}]`);
      assertSubset(value, actual[key], `${where}.${key}`);
    }
  } else {
    assert.deepEqual(actual, expected, `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const matches = (expected, actual) => {
  try {
    assertSubset(expected, actual);
    return true;
  } catch {
    return false;
  }
};

/** expect.result in Node's shape: boto3's ResponseMetadata.RetryAttempts is v3's $metadata.attempts - 1. */
function nodeResult(expected) {
  const { ResponseMetadata, ...rest } = expected;
  if (ResponseMetadata === undefined) return rest;
  const { RetryAttempts, ...other } = ResponseMetadata;
  assert.deepEqual(Object.keys(other), [], "ResponseMetadata keys with no Node mapping");
  return RetryAttempts === undefined ? rest : { ...rest, $metadata: { attempts: RetryAttempts + 1 } };
}

function checkError(error, outcome) {
  assert.equal(outcome.ok, false, `expected ${error.polyiam_kind} / ${error.code}, the call returned ${JSON.stringify(outcome.result)}`);
  const shown = `${outcome.name} [${outcome.chain}] (Code ${outcome.code}): ${outcome.message}`;
  const cls = KIND_CLASSES[error.polyiam_kind];
  assert.ok(cls, `no Node class for the kind ${error.polyiam_kind}: add it to KIND_CLASSES`);
  assert.equal(outcome.chain[0], cls, shown);
  assert.equal(outcome.name, cls, shown);
  if (outcome.kind !== undefined) assert.equal(outcome.kind, error.polyiam_kind, shown);
  assert.equal(outcome.code, error.code, shown);
  const message = outcome.message.toLowerCase();
  for (const fragment of error.message_contains ?? []) {
    assert.ok(message.includes(fragment.toLowerCase()), `${JSON.stringify(fragment)} not in ${shown}`);
  }
  for (const fragment of error.message_excludes ?? []) {
    assert.ok(!message.includes(fragment.toLowerCase()), `${JSON.stringify(fragment)} leaked into ${shown}`);
  }
}

function checkObserve(rules, logs) {
  for (const rule of rules) {
    const entries = logs[rule.server];
    assert.ok(Array.isArray(entries), `no request log for the server ${rule.server}`);
    const count = entries.filter((entry) => matches(rule.where, entry)).length;
    const detail = `${JSON.stringify(rule)}: ${count} matching requests; log: ${JSON.stringify(entries).slice(0, 2000)}`;
    assert.ok(count >= (rule.at_least ?? 0), detail);
    if (rule.at_most !== undefined) assert.ok(count <= rule.at_most, detail);
  }
}

// ---------------------------------------------------------------- one test per case

// Names from the scenario file, so a skipped suite still lists its cases.
const NAMES = loadScenario("environment").cases.map((c) => c.name);

describe("environment.json with polyiam", { skip: harness.skip ?? false }, () => {
  for (const name of NAMES) {
    test(name, async (t) => {
      const testCase = harness.cases.get(name);
      assert.ok(testCase, `environment.py did not print the case ${name}`);
      const marker = testCase[LANG];
      if (typeof marker === "string" && marker.startsWith("skip:")) return t.skip(marker.slice("skip:".length).trim());
      await control("POST", "reset");
      const outcome = runChild(testCase);
      const expect = testCase.polyiam_expect ?? testCase.expect;
      if ("result" in expect) {
        assert.ok(outcome.ok, `${name}: raised ${outcome.name} (Code ${outcome.code}): ${outcome.message}`);
        assertSubset(nodeResult(expect.result), outcome.result);
      } else {
        checkError(expect.error, outcome);
      }
      if (expect.max_seconds !== undefined) {
        assert.ok(outcome.seconds <= expect.max_seconds, `${name}: took ${outcome.seconds.toFixed(1)} s (limit ${expect.max_seconds} s)`);
      }
      checkObserve(testCase.observe ?? [], await control("GET", "requests"));
    });
  }
});
