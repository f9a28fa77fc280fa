// The create-access-key scenario from an installed npm tarball, through require() (CommonJS).
"use strict";
const assert = require("node:assert/strict");
const path = require("node:path");
const { IAM, IAMClient, CreateAccessKeyCommand, NoSuchEntityException } = require("polyiam");

(async () => {
  const where = require.resolve("polyiam");
  assert.ok(where.startsWith(path.join(process.cwd(), "node_modules", "polyiam")), where);
  const config = { endpoint: process.argv[2], region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  const iam = new IAM(config);
  const UserName = `polyiam-npm-cjs-${process.pid}`;
  await iam.createUser({ UserName });
  const { AccessKey, $metadata } = await new IAMClient(config).send(new CreateAccessKeyCommand({ UserName }));
  assert.equal($metadata.httpStatusCode, 200);
  assert.equal(AccessKey.UserName, UserName);
  assert.equal(AccessKey.Status, "Active");
  assert.ok(AccessKey.CreateDate instanceof Date);
  await assert.rejects(iam.getUser({ UserName: "polyiam-npm-nobody" }), (e) => e instanceof NoSuchEntityException);
  await iam.deleteAccessKey({ UserName, AccessKeyId: AccessKey.AccessKeyId });
  await iam.deleteUser({ UserName });
  console.log(`npm (require): created and deleted ${AccessKey.AccessKeyId} for ${UserName}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
