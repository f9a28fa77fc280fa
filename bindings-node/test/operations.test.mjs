// Every model operation at least once, checked against shapes.json.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { COMMON, REPO_ROOT, SHAPES, Users, assertOperationOutput, loadScenario, makeClient, motoUrl, polyiam, uniqueName } from "./helpers.mjs";

/** The operations of the official IAM model (../shared/reference); required in CI. */
function officialOperations() {
  const file = path.join(REPO_ROOT, "..", "shared", "reference", "iam-2010-05-08.smithy.json");
  if (!fs.existsSync(file) && process.env.POLYIAM_SKIP_REFERENCE === "1") return [];
  const shapes = JSON.parse(fs.readFileSync(file, "utf8")).shapes;
  return Object.entries(shapes).filter(([, s]) => s.type === "operation").map(([id]) => id.split("#")[1]).sort();
}

let iam;
let users;
before(async () => {
  iam = await makeClient(await motoUrl());
  users = new Users(iam);
});
after(() => users.cleanup());

const listed = async (user) =>
  Object.fromEntries((await iam.listAccessKeys({ UserName: user })).AccessKeyMetadata.map((k) => [k.AccessKeyId, k]));

test("every operation of the official IAM model is callable: a method, input validation, documentation", async () => {
  const { IAM, ValidationError } = await polyiam();
  const official = officialOperations();
  const expected = [...official, ...loadScenario("extensions").operations];
  assert.deepEqual(Object.keys(IAM.OPERATIONS).sort(), expected.sort());
  const offline = new IAM({ endpoint: "http://127.0.0.1:9", region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
  const dts = fs.readFileSync(path.join(REPO_ROOT, "bindings-node", "index.d.ts"), "utf8");
  for (const op of official) {
    const method = IAM.OPERATIONS[op];
    assert.equal(method, op[0].toLowerCase() + op.slice(1));
    assert.equal(typeof offline[method], "function", method);
    // Refused before anything is sent (nothing listens on port 9).
    await assert.rejects(offline[method]({ NoSuchMember: 1 }), (e) => e instanceof ValidationError && e.issues.some((i) => i.path === "NoSuchMember"), op);
    assert.ok(dts.includes(`API_${op}.html`) && dts.includes(`  ${method}(input`), `${op} is documented in index.d.ts`);
  }
});

test("createUser with Path and Tags", async () => {
  const extras = COMMON.users.create_user_extras;
  const name = uniqueName("polyiam-test-create");
  users.track(name);
  const result = await iam.createUser({ UserName: name, Path: extras.Path, Tags: extras.Tags });
  assertOperationOutput("CreateUser", result, { $user: name });
  assert.equal(result.User.Path, extras.Path);
  assert.deepEqual(result.User.Tags, extras.Tags);
  assert.ok(result.User.Arn.endsWith(`:user${extras.Path}${name}`));
  assert.ok(result.User.Arn.startsWith(`arn:aws:iam::${COMMON.moto.account_id}:`));
});

test("getUser of a fresh user omits absent optional members", async () => {
  const user = await users.make();
  const result = await iam.getUser({ UserName: user });
  assertOperationOutput("GetUser", result, { $user: user });
  assert.deepEqual(Object.keys(result.User).sort(), ["Arn", "CreateDate", "Path", "UserId", "UserName"]);
  for (const absent of ["PasswordLastUsed", "PermissionsBoundary", "Tags"]) assert.ok(!(absent in result.User), absent);
});

test("getUser returns Path and Tags", async () => {
  const extras = COMMON.users.create_user_extras;
  const user = await users.make(undefined, { Path: extras.Path, Tags: extras.Tags });
  const { User } = await iam.getUser({ UserName: user });
  assert.equal(User.Path, extras.Path);
  assert.deepEqual(User.Tags, extras.Tags);
});

test("listAccessKeys lists both keys with native types", async () => {
  const user = await users.make();
  const created = [];
  for (let i = 0; i < 2; i++) created.push((await iam.createAccessKey({ UserName: user })).AccessKey);
  const result = await iam.listAccessKeys({ UserName: user });
  assertOperationOutput("ListAccessKeys", result, { $user: user });
  assert.ok(Array.isArray(result.AccessKeyMetadata));
  const byId = Object.fromEntries(result.AccessKeyMetadata.map((k) => [k.AccessKeyId, k]));
  assert.deepEqual(Object.keys(byId).sort(), created.map((k) => k.AccessKeyId).sort());
  for (const key of created) {
    const entry = byId[key.AccessKeyId];
    assert.equal(entry.UserName, user);
    assert.equal(entry.Status, "Active");
    assert.equal(entry.CreateDate.getTime(), key.CreateDate.getTime());
    assert.ok(!("SecretAccessKey" in entry));
  }
  assert.equal(result.IsTruncated ?? false, false);
  assert.ok(!("Marker" in result));
});

test("listAccessKeys of a fresh user is an empty array", async () => {
  const user = await users.make();
  const result = await iam.listAccessKeys({ UserName: user });
  assert.deepEqual(result.AccessKeyMetadata, []);
});

test("updateAccessKey to Inactive and back", async () => {
  const user = await users.make();
  const id = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  const result = await iam.updateAccessKey({ UserName: user, AccessKeyId: id, Status: "Inactive" });
  assertOperationOutput("UpdateAccessKey", result);
  assert.equal((await listed(user))[id].Status, "Inactive");
  await iam.updateAccessKey({ UserName: user, AccessKeyId: id, Status: "Active" });
  assert.equal((await listed(user))[id].Status, "Active");
});

test("getAccessKeyLastUsed", async () => {
  const user = await users.make();
  const id = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  const result = await iam.getAccessKeyLastUsed({ AccessKeyId: id });
  assertOperationOutput("GetAccessKeyLastUsed", result, { $user: user });
});

test("deleteAccessKey removes it and frees the quota", async () => {
  const user = await users.make();
  const keep = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  const gone = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  const result = await iam.deleteAccessKey({ UserName: user, AccessKeyId: gone });
  assertOperationOutput("DeleteAccessKey", result);
  assert.deepEqual(Object.keys(result), ["$metadata"]);
  assert.deepEqual(Object.keys(await listed(user)), [keep]);
  const third = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  assert.deepEqual(Object.keys(await listed(user)).sort(), [keep, third].sort());
});

test("deleteUser, then getUser rejects with NoSuchEntityException", async () => {
  const { NoSuchEntityException } = await polyiam();
  const name = await users.make();
  const result = await iam.deleteUser({ UserName: name });
  assertOperationOutput("DeleteUser", result);
  await assert.rejects(iam.getUser({ UserName: name }), (e) => {
    assert.ok(e instanceof NoSuchEntityException);
    assert.equal(e.$metadata.httpStatusCode, 404);
    assert.ok(e.message.includes(name));
    return true;
  });
});

test("undefined members are dropped", async () => {
  const user = await users.make();
  const result = await iam.listAccessKeys({ UserName: user, Marker: undefined, MaxItems: 10 });
  assert.deepEqual(result.AccessKeyMetadata, []);
});
