// CreateAccessKey for a named user: the exact v3-shaped result and every returned type.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { COMMON, SHAPES, Users, assertMetadata, assertOperationOutput, makeClient, motoUrl } from "./helpers.mjs";

let iam;
let users;
before(async () => {
  iam = await makeClient(await motoUrl());
  users = new Users(iam);
});
after(() => users.cleanup());

test("createAccessKey matches the shared shape", async () => {
  const user = await users.make();
  const result = await iam.createAccessKey({ UserName: user });
  assertOperationOutput("CreateAccessKey", result, { $user: user });
});

test("top-level and AccessKey keys are exact", async () => {
  const user = await users.make();
  const result = await iam.createAccessKey({ UserName: user });
  assert.deepEqual(Object.keys(result).sort(), ["$metadata", "AccessKey"]);
  const expected = Object.keys(SHAPES.operations.CreateAccessKey.output.AccessKey).sort();
  assert.deepEqual(Object.keys(result.AccessKey).sort(), expected);
  assert.deepEqual(expected, ["AccessKeyId", "CreateDate", "SecretAccessKey", "Status", "UserName"]);
});

test("every returned type is native", async () => {
  const user = await users.make();
  const before = Date.now() - 5 * 60_000;
  const { AccessKey: key } = await iam.createAccessKey({ UserName: user });
  for (const name of ["UserName", "AccessKeyId", "Status", "SecretAccessKey"]) {
    assert.equal(typeof key[name], "string", name);
    assert.ok(key[name].length > 0, name);
  }
  assert.ok(key.CreateDate instanceof Date, "CreateDate is a Date");
  assert.ok(key.CreateDate.getTime() >= before && key.CreateDate.getTime() <= Date.now() + 5 * 60_000);
  assert.equal(key.UserName, user);
  assert.equal(key.Status, COMMON.access_keys.initial_status);
  assert.ok(key.AccessKeyId.startsWith(COMMON.access_keys.id_prefix));
  assert.ok(key.AccessKeyId.length >= 16);
  assert.equal(Object.getPrototypeOf(key), Object.prototype, "a plain object");
});

test("$metadata is the v3 SDK's", async () => {
  const user = await users.make();
  const { $metadata } = await iam.createAccessKey({ UserName: user });
  assertMetadata($metadata, 200);
  assert.equal(typeof $metadata.httpStatusCode, "number");
  assert.equal(typeof $metadata.attempts, "number");
});

test("request ids differ between calls, keys are distinct", async () => {
  const user = await users.make();
  const first = await iam.createAccessKey({ UserName: user });
  const second = await iam.createAccessKey({ UserName: user });
  assert.notEqual(first.$metadata.requestId, second.$metadata.requestId);
  assert.notEqual(first.AccessKey.AccessKeyId, second.AccessKey.AccessKeyId);
  assert.notEqual(first.AccessKey.SecretAccessKey, second.AccessKey.SecretAccessKey);
});

test("the client can be built synchronously and from the CommonJS entry point", async () => {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const cjs = require("polyiam");
  const esm = await import("polyiam");
  assert.equal(cjs.IAM, esm.IAM, "CJS and ESM export the same class");
  assert.equal(cjs.NoSuchEntityException, esm.NoSuchEntityException);
  const client = new cjs.IAM({ region: "us-east-1", endpoint: await iam.config.endpoint(), credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const user = await users.make();
  const { AccessKey } = await client.createAccessKey({ UserName: user });
  assert.equal(AccessKey.UserName, user);
});
