// STS, the second service (tests/scenarios/sts.json): the same conventions as IAM's client.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { closedPortUrl, loadScenario, makeClient, motoUrl, polyiam } from "./helpers.mjs";

const STS = loadScenario("sts");
let lib;
let moto;
before(async () => {
  lib = await polyiam();
  moto = await motoUrl();
});

const client = (endpoint) =>
  new lib[STS.client_class]({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });

test("getCallerIdentity, aggregated and as a command", async () => {
  const spec = STS.get_caller_identity;
  const result = await client(moto).getCallerIdentity({});
  for (const key of Object.keys(spec.output)) assert.equal(typeof result[key], "string", key);
  for (const [key, value] of Object.entries(spec.values)) assert.equal(result[key], value);
  assert.equal(result.$metadata.httpStatusCode, 200);
  const bare = new lib.STSClient({ endpoint: moto });
  assert.equal((await bare.send(new lib.GetCallerIdentityCommand({}))).Account, spec.values.Account);
});

test("getSessionToken returns credentials with a Date", async () => {
  const spec = STS.get_session_token;
  const { Credentials } = await client(moto).getSessionToken(spec.input);
  assert.deepEqual(Object.keys(Credentials).sort(), [...spec.credentials].sort());
  assert.ok(Credentials.Expiration instanceof Date);
});

test("bad input is refused before sending, and errors are STS's", async () => {
  const spec = STS.bad_input;
  await assert.rejects(client(await closedPortUrl()).getSessionToken(spec.input), (e) => {
    assert.ok(e instanceof lib.ValidationError && e instanceof lib.ServiceException);
    assert.deepEqual(e.issues.map((i) => [i.path, i.rule]), [[spec.path, spec.rule]]);
    return true;
  });
  assert.ok(lib.RegionDisabledException.prototype instanceof lib.STSServiceException);
  assert.ok(!(lib.RegionDisabledException.prototype instanceof lib.IAMServiceException));
  assert.equal(Object.getPrototypeOf(lib.STSServiceException), lib.ServiceException);
});
