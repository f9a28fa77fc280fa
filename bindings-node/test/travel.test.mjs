// Clients that travel to workers (issue 20): `client.toConfig()` is a plain object that
// `new IAM(config)` takes in a worker_threads Worker (workerData) or a child process (a message).
// The worker resolves credentials from its own environment; what travels never holds the secret,
// unless the client opted in with `serializeCredentials: true`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import util from "node:util";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { motoUrl, polyiam, uniqueName } from "./helpers.mjs";

const SECRET = "polyiam-sentinel-secret-node-7e1f";
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "travel_child.mjs");

let lib, url, admin, user;
before(async () => {
  lib = await polyiam();
  url = await motoUrl();
  // Credentials only in the environment, as the workers inherit it.
  process.env.AWS_ACCESS_KEY_ID = "AKIDTRAVELNODE";
  process.env.AWS_SECRET_ACCESS_KEY = SECRET;
  delete process.env.AWS_SESSION_TOKEN;
  admin = new lib.IAM({ region: "us-east-1", endpoint: url });
  user = uniqueName();
  await admin.createUser({ UserName: user });
});
after(async () => {
  await admin?.deleteUser({ UserName: user }).catch(() => {});
});

function inWorker(config) {
  const worker = new Worker(CHILD, { workerData: { config, user } });
  return once(worker, "message").then(([m]) => m);
}

async function inChild(config) {
  const child = fork(CHILD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  child.send({ config, user });
  const [message] = await once(child, "message");
  await once(child, "exit");
  return message;
}

test("toConfig() is plain data without the secret, and new IAM(config) takes it", () => {
  const config = new lib.IAM({ region: "eu-west-1", endpoint: url, maxAttempts: 2, readTimeout: 30 }).toConfig();
  assert.deepEqual(config, { region: "eu-west-1", endpoint: url, maxAttempts: 2, readTimeout: 30, maxSockets: 50 });
  assert.deepEqual(structuredClone(config), config);
  assert.ok(!JSON.stringify(config).includes(SECRET));
  assert.deepEqual(new lib.IAM(JSON.parse(JSON.stringify(config))).toConfig(), config);
});

test("a worker_threads Worker and a forked child call with the config", async () => {
  const config = admin.toConfig();
  assert.ok(!JSON.stringify(config).includes(SECRET));
  assert.deepEqual(await inWorker(config), { ok: true, userName: user });
  assert.deepEqual(await inChild(config), { ok: true, userName: user });
});

test("credentials written in code never travel unless opted in; JSON and inspect never show them", async () => {
  const credentials = { accessKeyId: "AKIDINCODENODE", secretAccessKey: SECRET };
  const inline = new lib.IAM({ region: "us-east-1", endpoint: url, credentials });
  assert.throws(() => inline.toConfig(), (e) => {
    assert.ok(e instanceof lib.ConfigurationError, e.name);
    for (const alternative of ["profile", "AWS_* variables", "serializeCredentials"]) assert.ok(e.message.includes(alternative), e.message);
    assert.ok(!e.message.includes(SECRET));
    return true;
  });
  assert.ok(!JSON.stringify(inline).includes(SECRET));
  assert.ok(!util.inspect(inline, { depth: 10, showHidden: true }).includes(SECRET));

  const opted = new lib.IAM({ region: "us-east-1", endpoint: url, credentials, serializeCredentials: true });
  const config = opted.toConfig();
  assert.equal(config.credentials.secretAccessKey, SECRET, "the opt-in really ships the secret");
  assert.deepEqual(await inWorker(config), { ok: true, userName: user });
});

test("a provider function cannot travel", () => {
  const iam = new lib.IAM({ region: "us-east-1", endpoint: url, credentials: async () => ({ accessKeyId: "a", secretAccessKey: "b" }) });
  assert.throws(() => iam.toConfig(), /provider function/);
});
