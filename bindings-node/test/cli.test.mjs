// The `polyiam` command line through the npm package's bin (as installed by scripts/test-node.sh,
// else this checkout's bin/polyiam.js): the same compiled CLI as `cargo install --path cli`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { before, test } from "node:test";
import { REPO_ROOT, motoUrl, uniqueName } from "./helpers.mjs";

let moto;
before(async () => {
  moto = await motoUrl();
});

function polyiam(...args) {
  const installed = process.env.POLYIAM_INSTALLED_BIN;
  const [cmd, argv] = installed ? [installed, args] : [process.execPath, [path.join(REPO_ROOT, "bindings-node", "bin", "polyiam.js"), ...args]];
  const r = spawnSync(cmd, argv, { encoding: "utf8", env: { ...process.env, AWS_DEFAULT_OUTPUT: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the bin prints the AWS CLI's skeleton, calls IAM and exits as the AWS CLI does", () => {
  assert.deepEqual(polyiam("iam", "create-access-key", "--generate-cli-skeleton"), { code: 0, stdout: '{\n    "UserName": ""\n}\n', stderr: "" });
  const user = uniqueName("cli-node");
  assert.equal(polyiam("iam", "create-user", "--user-name", user, "--endpoint-url", moto).code, 0);
  const row = polyiam("iam", "create-access-key", "--user-name", user, "--endpoint-url", moto, "--output", "text");
  assert.equal(row.code, 0, row.stderr);
  assert.match(row.stdout, new RegExp(`^ACCESSKEY\\tAKIA\\w+\\t\\S+\\+00:00\\t\\S+\\tActive\\t${user}\\n$`));
  const missing = polyiam("iam", "get-user", "--user-name", uniqueName("absent"), "--endpoint-url", moto);
  assert.equal(missing.code, 254);
  assert.match(missing.stderr, /An error occurred \(NoSuchEntity\) when calling the GetUser operation: /);
});
