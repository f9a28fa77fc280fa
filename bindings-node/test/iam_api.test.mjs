// The whole IAM API (tests/scenarios/iam_api.json): one workflow per family against moto, each step's
// result checked, policy documents left URL-encoded as the JS SDK leaves them, the waiters, and the
// shape of every `compare` step side by side with @aws-sdk/client-iam's on the same moto.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, test } from "node:test";
import { COMMON, loadScenario, makeClient, motoUrl, polyiam, v3Sdk } from "./helpers.mjs";

const API = loadScenario("iam_api");
let lib, moto, iam;
before(async () => {
  lib = await polyiam();
  moto = await motoUrl();
  iam = await makeClient(moto);
});

const methodName = (op) => op[0].toLowerCase() + op.slice(1);

function freshNames(tag) {
  const suffix = randomUUID().replaceAll("-", "").slice(0, 10);
  return {
    $user: `api-${tag}-${suffix}`,
    $group: `api-group-${suffix}`,
    $role: `api-role-${suffix}`,
    $profile: `api-profile-${suffix}`,
    $policy_name: `api-policy-${suffix}`,
    $missing: `api-missing-${suffix}`,
    $policy_document: JSON.stringify(API.policy_document),
    $assume_role_policy_document: JSON.stringify(API.assume_role_policy_document),
  };
}

function fill(value, names) {
  if (typeof value === "string") {
    if (value in names) return names[value];
    return Object.keys(names).sort((a, b) => b.length - a.length).reduce((v, k) => (typeof names[k] === "string" ? v.replaceAll(k, names[k]) : v), value);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, names));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, names)]));
  return value;
}

const getPath = (value, dotted) => (dotted.match(/[^.[\]]+|\[\d+\]/g) || []).reduce((v, part) => (part.startsWith("[") ? v[Number(part.slice(1, -1))] : v[part]), value);

/** Runs the steps with any v3-shaped aggregated client; returns { index: result } of the `compare` steps. */
async function runFamily(client, steps, names) {
  const compared = {};
  for (const [i, step] of steps.entries()) {
    const { $metadata, ...result } = await client[methodName(step.op)](fill(step.params, names));
    assert.ok($metadata, step.op);
    for (const [key, p] of Object.entries(step.save ?? {})) names[`$${key}`] = getPath(result, p);
    for (const [p, want] of Object.entries(step.expect ?? {})) assert.deepEqual(getPath(result, p), fill(want, names), `${step.op}: ${p}`);
    for (const [p, doc] of Object.entries(step.documents ?? {})) {
      const got = getPath(result, p);
      assert.equal(typeof got, "string", `${step.op}: ${p} stays URL-encoded, as the JS SDK leaves it`);
      assert.deepEqual(JSON.parse(decodeURIComponent(got)), API[doc]);
    }
    if (step.compare) compared[i] = result;
  }
  return compared;
}

function signature(value) {
  if (value instanceof Date) return "timestamp";
  if (Array.isArray(value)) return value.length ? [signature(value[0])] : [];
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, signature(v)]));
  return typeof value;
}

for (const family of Object.keys(API.families).sort()) {
  test(`${family}: the workflow, and each compared result shaped like @aws-sdk/client-iam's`, async (t) => {
    const steps = API.families[family];
    const ours = await runFamily(iam, steps, freshNames(family));
    const sdk = v3Sdk();
    if (!sdk) {
      t.skip("@aws-sdk/client-iam is not installed (scripts/test-node.sh installs it in bench/node)");
      return;
    }
    const v3 = new sdk.IAM({
      region: COMMON.client.region_name,
      endpoint: moto,
      credentials: { accessKeyId: COMMON.client.aws_access_key_id, secretAccessKey: COMMON.client.aws_secret_access_key },
    });
    const theirs = await runFamily(v3, steps, freshNames(`${family}-v3`));
    assert.deepEqual(Object.keys(ours), Object.keys(theirs));
    const defaulted = new Set(API.defaulted_members.names);
    for (const i of Object.keys(ours)) {
      const mine = Object.fromEntries(Object.entries(signature(ours[i])).filter(([k]) => !defaulted.has(k) || k in theirs[i]));
      assert.deepEqual(mine, signature(theirs[i]), steps[i].op);
    }
  });
}

test("waiters: waitUntil<Waiter> resolves when the resource exists and throws when it does not", async () => {
  for (const c of API.waiters.cases) {
    const names = freshNames("wait");
    const created = await iam[methodName(c.create.op)](fill(c.create.params, names));
    for (const [key, p] of Object.entries(c.create.save ?? {})) names[`$${key}`] = getPath(created, p);
    const waitUntil = lib[`waitUntil${c.waiter}`];
    const ok = await waitUntil({ client: iam, maxWaitTime: API.waiters.max_wait }, fill(c.params, names));
    assert.equal(ok.state, "SUCCESS", c.waiter);
    const expected = c.missing_error ? lib[c.missing_error.class] : lib.TimeoutError;
    await assert.rejects(waitUntil({ client: iam, maxWaitTime: API.waiters.timeout_max_wait }, fill(c.missing, names)), (e) => e instanceof expected, c.waiter);
  }
});
