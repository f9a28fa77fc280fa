// STS, the second service (tests/scenarios/sts.json): the same conventions as IAM's client.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { closedPortUrl, loadScenario, makeClient, methodName, motoUrl, polyiam } from "./helpers.mjs";

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

test("every operation of the official STS model", async () => {
  const { readFileSync } = await import("node:fs");
  const official = JSON.parse(readFileSync(new URL("../../../shared/reference/sts-2011-06-15.smithy.json", import.meta.url), "utf8"));
  const names = Object.entries(official.shapes).filter(([, s]) => s.type === "operation").map(([k]) => k.split("#")[1]);
  assert.deepEqual(names.sort(), STS.every_operation.map((s) => s.operation).sort());
  const sts = client(moto);
  for (const spec of STS.every_operation) {
    const call = sts[methodName(spec.operation)](spec.input);
    if (spec.moto === "unimplemented") {
      // Validated, signed and sent; moto answers an HTML 500 page for operations it lacks.
      await assert.rejects(call, (e) => e instanceof lib.ResponseParseError && e.$metadata.httpStatusCode === 500, spec.operation);
      continue;
    }
    const result = await call;
    for (const key of spec.output) assert.ok(key in result, `${spec.operation}: ${key}`);
    if (spec.credentials) {
      assert.ok(result.Credentials.Expiration instanceof Date, spec.operation);
      assert.equal(typeof result.Credentials.SessionToken, "string", spec.operation);
    }
  }
});

test("assumeRole's Credentials make a client (the v3 idiom: map them to credentials)", async () => {
  const spec = STS.assume_role_then_call;
  const { Credentials: c } = await client(moto).assumeRole(spec.input);
  const assumed = new lib.STS({
    endpoint: moto,
    region: "us-east-1",
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
  });
  assert.equal((await assumed.getCallerIdentity({})).Arn, spec.arn);
});

test("credentials may be a provider: called when needed, again after its expiration", async () => {
  let calls = 0;
  const provider = (ttlMs) => async () => {
    calls += 1;
    return { accessKeyId: "testing", secretAccessKey: "testing", expiration: new Date(Date.now() + ttlMs) };
  };
  const lasting = new lib.STS({ endpoint: moto, region: "us-east-1", credentials: provider(3600_000) });
  await lasting.getCallerIdentity({});
  await lasting.getCallerIdentity({});
  assert.equal(calls, 1, "cached until its expiration");
  calls = 0;
  // Within the SDK's refresh window (credentials are renewed shortly before they expire).
  const brief = new lib.STS({ endpoint: moto, region: "us-east-1", credentials: provider(1000) });
  await brief.getCallerIdentity({});
  await new Promise((r) => setTimeout(r, 1100));
  await brief.getCallerIdentity({});
  assert.equal(calls, 2, "called again once expired");
  const failing = new lib.STS({ endpoint: moto, region: "us-east-1", credentials: async () => { throw new Error("token vault is locked"); } });
  await assert.rejects(failing.getCallerIdentity({}), (e) => {
    assert.ok(e instanceof lib.CredentialsProviderError, e.name);
    assert.match(e.message, /token vault is locked/);
    return true;
  });
});

test("client.config.region() and endpoint() resolve as in the v3 SDK", async () => {
  const sts = client(moto);
  assert.equal(await sts.config.region(), "us-east-1");
  const endpoint = await sts.config.endpoint();
  assert.equal(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`, moto);
  const far = new lib.STS({ region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  assert.equal((await far.config.endpoint()).hostname, "sts.eu-west-1.amazonaws.com");
  // Another client from this one's endpoint, as v3 code does.
  assert.equal((await client(await sts.config.endpoint()).getCallerIdentity({})).Account, "123456789012");
  sts.destroy();
});

test("a constraint IAM checks is refused before sending as IAM's own ValidationError", async () => {
  const iam = new lib.IAM({ endpoint: await closedPortUrl(), region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  await assert.rejects(iam.getUser({ UserName: "bad name!" }), (e) => {
    assert.ok(e instanceof lib.IAMServiceException, "the service's error");
    assert.ok(e instanceof lib.ValidationError, "and polyiam's ValidationError");
    assert.ok(!(e instanceof lib.ConfigurationError));
    assert.equal(e.name, "ValidationError");
    assert.equal(e.$fault, "client");
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, /^1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    assert.deepEqual(e.issues.map((i) => i.path), ["UserName"]);
    return true;
  });
  // A check the v3 SDK itself makes (a missing member) stays polyiam's ValidationError only.
  await assert.rejects(iam.updateAccessKey({ UserName: "bob" }), (e) => e instanceof lib.ValidationError && !(e instanceof lib.IAMServiceException));
});
