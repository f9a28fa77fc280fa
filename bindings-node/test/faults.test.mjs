// Server and transport failures through tests/harness/fault_server.py: the same faults as the Python
// suite (see tests/harness/README.md), as the Node error classes, retries included.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { makeClient, motoUrl, polyiam, startServer, uniqueName } from "./helpers.mjs";

let lib;
let iam;
let faults;
before(async () => {
  lib = await polyiam();
  const moto = await motoUrl();
  iam = await makeClient(moto);
  faults = await startServer("fault_server.py", ["--upstream", moto]);
});
after(() => faults?.stop());

const client = (fault, overrides = {}) => makeClient(`${faults.url}/${fault}`, { readTimeout: 2, ...overrides });

async function sent() {
  const res = await fetch(`${faults.url}/__harness__/requests`);
  return (await res.json()).length;
}

async function reset() {
  await fetch(`${faults.url}/__harness__/reset`, { method: "POST" });
}

test("a modelled 500 is its class, with metadata, and is not resent", async () => {
  await reset();
  const c = await client("service-failure");
  await assert.rejects(c.createAccessKey({ UserName: "x" }), (e) => {
    assert.ok(e instanceof lib.ServiceFailureException && e instanceof lib.IAMServiceException);
    assert.equal(e.$fault, "server");
    assert.equal(e.$metadata.httpStatusCode, 500);
    assert.ok(e.$metadata.requestId);
    assert.equal(e.$metadata.attempts, 1);
    assert.ok(e.outcomeUnknown);
    assert.match(e.message, /ListAccessKeys/);
    return true;
  });
  assert.equal(await sent(), 1);
});

test("an HTML error page is a ResponseParseError naming the status", async () => {
  const c = await client("html");
  await assert.rejects(c.getUser({ UserName: "x" }), (e) => e instanceof lib.ResponseParseError && /502/.test(e.message));
});

test("a truncated body is a ResponseParseError with an unknown outcome", async () => {
  const c = await client("truncated");
  await assert.rejects(c.createAccessKey({ UserName: "x" }), (e) => e instanceof lib.ResponseParseError && e.outcomeUnknown);
});

test("a silent server times out, naming the endpoint", async () => {
  await reset();
  const c = await client("hang", { readTimeout: 0.5 });
  await assert.rejects(c.createAccessKey({ UserName: "x" }), (e) => e instanceof lib.TimeoutError && e.message.includes(`${faults.url}/hang`));
  assert.equal(await sent(), 1);
});

test("throttling is retried, and the wait shows in totalRetryDelay", async () => {
  await reset();
  const user = uniqueName("throttled");
  await iam.createUser({ UserName: user });
  const c = await client("throttle-once");
  const r = await c.createAccessKey({ UserName: user });
  assert.equal(r.$metadata.attempts, 2);
  assert.ok(r.$metadata.totalRetryDelay > 0, `totalRetryDelay ${r.$metadata.totalRetryDelay}`);
  assert.equal(await sent(), 2);
});

test("a response lost after the key was created does not create a second key", async () => {
  await reset();
  const user = uniqueName("lost");
  await iam.createUser({ UserName: user });
  const c = await client("drop-after-apply");
  await assert.rejects(c.createAccessKey({ UserName: user }), (e) => e instanceof lib.EndpointConnectionError && e.outcomeUnknown);
  assert.equal(await sent(), 1);
  const keys = (await iam.listAccessKeys({ UserName: user })).AccessKeyMetadata;
  assert.equal(keys.length, 1);
});
