// The core's runtime under Node's ways of running code elsewhere (child_process.fork, worker_threads),
// per-call abortSignal, and read retries: tests/scenarios/runtime.json. Every wait has a timeout.
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { loadScenario, makeClient, methodName, motoUrl, polyiam, startServer, uniqueName, Users } from "./helpers.mjs";

const RUNTIME = loadScenario("runtime");
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "call_child.mjs");
const TIMEOUT_MS = RUNTIME.fork.timeout_seconds * 1000;

let lib;
let moto;
let iam;
let users;
let faults;
before(async () => {
  lib = await polyiam();
  moto = await motoUrl();
  iam = await makeClient(moto);
  users = new Users(iam);
  faults = await startServer("fault_server.py", ["--upstream", moto]);
});
after(async () => {
  await users.cleanup();
  faults?.stop();
});

/** Resolves with `promise`'s value, or rejects when it takes longer than `ms`. */
function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test("child_process.fork children call through their own client while the parent's keeps working", async () => {
  // One user per child: they run at once, and a user may hold only two keys.
  const children = [];
  for (let i = 0; i < RUNTIME.fork.tasks; i++) children.push(await users.make("fork"));
  await iam.getUser({ UserName: children[0] }); // the parent's client is live before the children start
  const runs = children.map((user) => {
    const child = fork(CHILD, [JSON.stringify({ endpoint: moto, user })], { stdio: "inherit" });
    const message = new Promise((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`child exited with ${code} before reporting`)));
    });
    return within(TIMEOUT_MS, message, "a forked child").finally(() => child.kill());
  });
  const results = await Promise.all(runs);
  results.forEach((result, i) => assert.deepEqual(result, { ok: true, userName: children[i], createDateIsDate: true }));
  assert.equal((await iam.getUser({ UserName: children[0] })).User.UserName, children[0]);
});

test("worker_threads workers call through their own clients on the shared runtime", async () => {
  const user = await users.make("worker");
  const runs = Array.from({ length: RUNTIME.fork.workers }, () => {
    const worker = new Worker(CHILD, { workerData: { endpoint: moto, user } });
    const message = new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    return within(TIMEOUT_MS, message, "a worker").finally(() => worker.terminate());
  });
  for (const result of await Promise.all(runs)) {
    assert.deepEqual(result, { ok: true, userName: user, createDateIsDate: true });
  }
  assert.equal((await iam.getUser({ UserName: user })).User.UserName, user);
});

async function received(action) {
  const res = await fetch(`${faults.url}/__harness__/requests`);
  return (await res.json()).filter((r) => r.params.Action === action).length;
}

const { interrupt } = RUNTIME;

for (const c of interrupt.cases) {
  test(`an abortSignal ends a waiting ${c.operation} at once with an AbortError`, async () => {
    await fetch(`${faults.url}/__harness__/reset`, { method: "POST" });
    const hang = await makeClient(`${faults.url}/${interrupt.fault}`, { readTimeout: interrupt.read_timeout });
    const controller = new AbortController();
    const call = hang[methodName(c.operation)](c.input, { abortSignal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, interrupt.signal_after_seconds * 1000));
    const aborted = performance.now();
    controller.abort();
    const error = await within(interrupt.read_timeout * 1000, call.then(() => null, (e) => e), "the aborted call");
    const took = performance.now() - aborted;
    console.log(`${c.operation}: AbortError ${took.toFixed(1)} ms after abort()`);
    assert.ok(error instanceof lib.AbortError && error instanceof lib.ServiceException, String(error));
    assert.equal(error.name, "AbortError");
    assert.ok(took < interrupt.bound_seconds * 1000, `${took} ms: the call waited instead of being aborted`);
    assert.equal(error.outcomeUnknown, c.outcome_unknown);
    assert.equal(/outcome of/.test(error.message), c.outcome_unknown, error.message);
    assert.equal(await received(c.operation), 1, "sent once, not retried after the abort");
  });
}

test("an already aborted signal rejects without sending anything", async () => {
  await fetch(`${faults.url}/__harness__/reset`, { method: "POST" });
  const hang = await makeClient(`${faults.url}/${interrupt.fault}`);
  await assert.rejects(hang.createAccessKey({ UserName: "x" }, { abortSignal: AbortSignal.abort() }), (e) => {
    assert.equal(e.name, "AbortError");
    assert.equal(e.outcomeUnknown, false);
    return true;
  });
  assert.equal(await received("CreateAccessKey"), 0);
});

test("a signal that is never aborted changes nothing, and a bad options value is refused", async () => {
  const user = await users.make("signal");
  const { User } = await iam.getUser({ UserName: user }, { abortSignal: new AbortController().signal });
  assert.equal(User.UserName, user);
  await assert.rejects(iam.getUser({ UserName: user }, { abortSignal: "soon" }), lib.ValidationError);
  await assert.rejects(iam.getUser({ UserName: user }, 5), lib.ValidationError);
});

for (const c of RUNTIME.read_retries) {
  test(`${c.operation} under ${c.fault} is ${c.retried ? "retried" : "not retried"}`, async () => {
    await fetch(`${faults.url}/__harness__/reset`, { method: "POST" });
    const user = await users.make("retry");
    const flaky = await makeClient(`${faults.url}/${c.fault}`, { readTimeout: c.read_timeout ?? 2 });
    const call = flaky[methodName(c.operation)]({ UserName: user });
    if (c.retried) {
      const result = await call;
      assert.equal(result.$metadata.attempts, 2);
      assert.equal(await received(c.operation), 2);
    } else {
      await assert.rejects(call, (e) => {
        assert.ok(e instanceof lib.ServiceFailureException);
        assert.equal(e.outcomeUnknown, true);
        assert.equal(e.$metadata.attempts, 1);
        return true;
      });
      assert.equal(await received(c.operation), 1);
      assert.deepEqual((await iam.listAccessKeys({ UserName: user })).AccessKeyMetadata, []);
    }
  });
}

test("a read that keeps failing is retried up to maxAttempts and does not speak of being applied", async () => {
  await fetch(`${faults.url}/__harness__/reset`, { method: "POST" });
  const failing = await makeClient(`${faults.url}/service-failure`, { maxAttempts: 2 });
  await assert.rejects(failing.getUser({ UserName: "x" }), (e) => {
    assert.ok(e instanceof lib.ServiceFailureException);
    assert.equal(e.$metadata.attempts, 2);
    assert.ok(e.$metadata.totalRetryDelay > 0);
    assert.equal(e.outcomeUnknown, false);
    assert.doesNotMatch(e.message, /applied/);
    return true;
  });
  assert.equal(await received("GetUser"), 2);
});
