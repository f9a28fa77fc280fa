// Create an IAM user and an access key with polyiam for Node, shaped like the AWS SDK for JS v3.
// Run by scripts/demo.sh against a local moto (endpoint, region and credentials from AWS_*).
import { IAM, NoSuchEntityException } from "../bindings-node/index.mjs";

const iam = new IAM({});
await iam.createUser({ UserName: "Alice" });
const { AccessKey } = await iam.createAccessKey({ UserName: "Alice" });
console.log("Node:", AccessKey.UserName, AccessKey.AccessKeyId, AccessKey.Status, AccessKey.CreateDate.toISOString());

try {
  await iam.createAccessKey({ UserName: "Nobody" });
} catch (e) {
  if (!(e instanceof NoSuchEntityException)) throw e;
  console.log("Node:", e.name, "-", e.message);
}
