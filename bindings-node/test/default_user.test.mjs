// UserName omitted: moto resolves the user from the signing access key.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Users, makeClient, motoUrl } from "./helpers.mjs";

let url;
let iam;
let users;
before(async () => {
  url = await motoUrl();
  iam = await makeClient(url);
  users = new Users(iam);
});
after(() => users.cleanup());

async function clientForNewKey(user) {
  const { AccessKey } = await iam.createAccessKey({ UserName: user });
  const client = await makeClient(url, {
    credentials: { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey },
  });
  return [AccessKey, client];
}

test("createAccessKey without UserName acts on the signing user", async () => {
  const user = await users.make();
  const [signing, asUser] = await clientForNewKey(user);
  const { AccessKey: created } = await asUser.createAccessKey();
  assert.equal(created.UserName, user);
  assert.notEqual(created.AccessKeyId, signing.AccessKeyId);
  const listed = (await iam.listAccessKeys({ UserName: user })).AccessKeyMetadata.map((k) => k.AccessKeyId).sort();
  assert.deepEqual(listed, [signing.AccessKeyId, created.AccessKeyId].sort());
});

test("getUser({}) and getUser() act on the signing user", async () => {
  const user = await users.make();
  const [, asUser] = await clientForNewKey(user);
  assert.equal((await asUser.getUser()).User.UserName, user);
  assert.equal((await asUser.getUser({})).User.UserName, user);
});

test("explicit credentials override the environment, per client", async () => {
  const first = await users.make();
  const second = await users.make();
  const [, asFirst] = await clientForNewKey(first);
  const [, asSecond] = await clientForNewKey(second);
  const [a, b] = await Promise.all([asFirst.getUser(), asSecond.getUser()]);
  assert.equal(a.User.UserName, first);
  assert.equal(b.User.UserName, second);
});

test("without explicit credentials the environment's are used", async () => {
  const { IAM } = await import("polyiam");
  const envClient = new IAM({ endpoint: url });
  const user = await users.make();
  const { AccessKey } = await envClient.createAccessKey({ UserName: user });
  assert.equal(AccessKey.UserName, user);
});
