// The create-access-key scenario from an installed npm tarball, through import (ESM).
import assert from "node:assert/strict";
import { IAM, NoSuchEntityException, paginateListAccessKeys } from "polyiam";

const iam = new IAM({ endpoint: process.argv[2], region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
const UserName = `polyiam-npm-esm-${process.pid}`;
await iam.createUser({ UserName });
const { AccessKey } = await iam.createAccessKey({ UserName });
assert.equal(AccessKey.Status, "Active");
const ids = [];
for await (const page of paginateListAccessKeys({ client: iam }, { UserName })) ids.push(...page.AccessKeyMetadata.map((k) => k.AccessKeyId));
assert.deepEqual(ids, [AccessKey.AccessKeyId]);
await assert.rejects(iam.createAccessKey({ UserName: "polyiam-npm-nobody" }), (e) => e instanceof NoSuchEntityException);
await iam.deleteAccessKey({ UserName, AccessKeyId: AccessKey.AccessKeyId });
await iam.deleteUser({ UserName });
console.log(`npm (import): created and deleted ${AccessKey.AccessKeyId} for ${UserName}`);
