// The shapes code written for the AWS SDK for JavaScript v3 relies on: the error prototype chain
// through ServiceException, $retryable / $response / $metadata, and the bare IAMClient with
// *Command classes and client.send(). When @aws-sdk/client-iam is installed (POLYIAM_V3_SDK_DIR, or
// bench/node after ./bench/run.sh), the same v3 code also runs against both on one moto and the
// results are compared.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { COMMON, Users, makeClient, motoUrl, polyiam, startServer, uniqueName, v3Sdk } from "./helpers.mjs";

let lib;
let moto;
let users;
before(async () => {
  lib = await polyiam();
  moto = await motoUrl();
  users = new Users(await makeClient(moto));
});
after(() => users.cleanup());

const config = (endpoint) => ({
  region: COMMON.client.region_name,
  endpoint,
  credentials: { accessKeyId: COMMON.client.aws_access_key_id, secretAccessKey: COMMON.client.aws_secret_access_key },
});

const chain = (e) => {
  const names = [];
  for (let p = Object.getPrototypeOf(e); p; p = Object.getPrototypeOf(p)) names.push(p.constructor.name);
  return names;
};

// What v3 (3.1169.0) gives for these, recorded with the side-by-side test below.
const V3_METADATA_KEYS = ["httpStatusCode", "requestId", "extendedRequestId", "cfId", "attempts", "totalRetryDelay"];

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

test("the prototype chain runs through an exported ServiceException, as in v3", async () => {
  const e = await rejection(new lib.IAM(config(moto)).getUser({ UserName: COMMON.users.unknown }));
  assert.deepEqual(chain(e), ["NoSuchEntityException", "IAMServiceException", "ServiceException", "Error", "Object"]);
  assert.equal(typeof lib.ServiceException, "function");
  assert.ok(e instanceof lib.ServiceException && e instanceof lib.IAMServiceException && e instanceof Error);
  assert.equal(Object.getPrototypeOf(lib.IAMServiceException), lib.ServiceException);
  for (const name of ["ValidationError", "TimeoutError", "EndpointConnectionError"]) {
    assert.ok(lib[name].prototype instanceof lib.ServiceException, name);
  }
});

test("errors carry $retryable (undefined: IAM marks no error retryable), a hidden $response and v3's $metadata keys", async () => {
  const e = await rejection(new lib.IAM(config(moto)).getUser({ UserName: COMMON.users.unknown }));
  assert.ok(Object.keys(e).includes("$retryable"));
  assert.equal(e.$retryable, undefined);
  const desc = Object.getOwnPropertyDescriptor(e, "$response");
  assert.ok(desc && !desc.enumerable && !desc.writable, "$response is an own, hidden, read-only property");
  assert.equal(e.$response.statusCode, 404);
  assert.equal(e.$response.headers["x-amzn-requestid"], e.$metadata.requestId);
  assert.ok(!("body" in e.$response));
  assert.deepEqual(Object.keys(e.$metadata), V3_METADATA_KEYS);
  assert.equal(e.$metadata.extendedRequestId, undefined);
  assert.equal(e.$metadata.cfId, undefined);
  assert.deepEqual(e.Error, { Type: "Sender", Code: "NoSuchEntity", Message: e.message });
  assert.equal(e.RequestId, e.$metadata.requestId);
});

test("successful results have v3's $metadata keys", async () => {
  const name = uniqueName();
  const out = await new lib.IAM(config(moto)).createUser({ UserName: name });
  users.track(name);
  assert.deepEqual(Object.keys(out.$metadata), V3_METADATA_KEYS);
});

test("an error without a response has no $response, and no edge-id keys in $metadata", async () => {
  const e = await rejection(new lib.IAM(config(moto)).deleteAccessKey({ UserName: "x" }));
  assert.ok(e instanceof lib.ValidationError);
  assert.equal(e.$response, undefined);
  assert.equal(e.$retryable, undefined);
  assert.ok(!("extendedRequestId" in e.$metadata));
});

test("extendedRequestId and cfId come from x-amz-id-2 / x-amz-cf-id", async () => {
  const faults = await startServer("fault_server.py", ["--upstream", moto]);
  try {
    const iam = new lib.IAM(config(`${faults.url}/edge-ids`));
    const name = uniqueName();
    const out = await iam.createUser({ UserName: name });
    users.track(name);
    assert.equal(out.$metadata.extendedRequestId, "polyiam-extended-request-id");
    assert.equal(out.$metadata.cfId, "polyiam-cloudfront-id");
    const e = await rejection(iam.getUser({ UserName: COMMON.users.unknown }));
    assert.equal(e.$metadata.extendedRequestId, "polyiam-extended-request-id");
    assert.equal(e.$metadata.cfId, "polyiam-cloudfront-id");
    assert.equal(e.$response.headers["x-amz-cf-id"], "polyiam-cloudfront-id");
  } finally {
    faults.stop();
  }
});

test("IAMClient + *Command + client.send(), beside the aggregated IAM (which extends IAMClient)", async () => {
  const client = new lib.IAMClient(config(moto));
  assert.ok(new lib.IAM(config(moto)) instanceof lib.IAMClient);
  assert.equal(typeof client.createUser, "undefined", "the bare client has no per-operation methods");
  const name = uniqueName();
  const cmd = new lib.CreateUserCommand({ UserName: name });
  assert.deepEqual(cmd.input, { UserName: name });
  const created = await client.send(cmd);
  users.track(name);
  assert.equal(created.User.UserName, name);
  assert.equal(created.$metadata.httpStatusCode, 200);
  const key = await client.send(new lib.CreateAccessKeyCommand({ UserName: name }));
  const pages = [];
  for await (const page of lib.paginateListAccessKeys({ client }, { UserName: name })) pages.push(page);
  assert.deepEqual(pages.flatMap((p) => p.AccessKeyMetadata.map((k) => k.AccessKeyId)), [key.AccessKey.AccessKeyId]);
  const e = await rejection(client.send(new lib.GetUserCommand({ UserName: COMMON.users.unknown })));
  assert.ok(e instanceof lib.NoSuchEntityException);
  // v3's callback form.
  const viaCallback = await new Promise((resolve, reject) =>
    client.send(new lib.GetUserCommand({ UserName: name }), (err, data) => (err ? reject(err) : resolve(data))),
  );
  assert.equal(viaCallback.User.UserName, name);
  // Every operation of the aggregated client has its command.
  for (const [operation, method] of Object.entries(lib.IAM.OPERATIONS)) {
    assert.equal(lib[`${operation}Command`].operation, operation, method);
  }
  const bad = await rejection(client.send({ input: {} }));
  assert.ok(bad instanceof lib.ConfigurationError && /send\(\) takes a command/.test(bad.message));
});


// One piece of v3 code, run unchanged against either library.
async function v3Scenario(sdk, endpoint) {
  const client = new sdk.IAMClient(config(endpoint));
  const name = uniqueName();
  const created = await client.send(new sdk.CreateUserCommand({ UserName: name }));
  const key = await client.send(new sdk.CreateAccessKeyCommand({ UserName: name }));
  let error;
  try {
    await client.send(new sdk.GetUserCommand({ UserName: COMMON.users.unknown }));
  } catch (e) {
    error = e;
  }
  await client.send(new sdk.DeleteAccessKeyCommand({ UserName: name, AccessKeyId: key.AccessKey.AccessKeyId }));
  await client.send(new sdk.DeleteUserCommand({ UserName: name }));
  const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
  return {
    createdKeys: Object.keys(created).sort(),
    userKeys: Object.keys(created.User).sort(),
    accessKeyKeys: Object.keys(key.AccessKey).sort(),
    createDateIsDate: key.AccessKey.CreateDate instanceof Date,
    metadataKeys: Object.keys(created.$metadata),
    chain: chain(error),
    isServiceException: error instanceof sdk.IAMServiceException,
    error: pick(error, ["name", "$fault", "$retryable", "Type", "Code", "Error"]),
    enumerable: ["$fault", "$retryable", "$metadata", "Type", "Code", "Error", "RequestId"].filter((k) => Object.keys(error).includes(k)),
    errorMetadataKeys: Object.keys(error.$metadata),
    response: { statusCode: error.$response.statusCode, hidden: !Object.keys(error).includes("$response"), requestIdHeader: error.$response.headers["x-amzn-requestid"] === error.$metadata.requestId },
  };
}

test("side by side with @aws-sdk/client-iam v3: the same v3 code gives the same shapes", async (t) => {
  const sdk = v3Sdk();
  if (!sdk) {
    t.skip("@aws-sdk/client-iam is not installed (set POLYIAM_V3_SDK_DIR or run ./bench/run.sh)");
    return;
  }
  const theirs = await v3Scenario(sdk, moto);
  const ours = await v3Scenario(lib, moto);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(theirs.metadataKeys, V3_METADATA_KEYS);
});
