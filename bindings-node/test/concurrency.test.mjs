// 1,000 concurrent createAccessKey calls (each followed by its deleteAccessKey), spread over users
// so no user passes the 2-key quota, while a setInterval tick keeps firing: calls run on the core's
// runtime, never on the event loop.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { COMMON, Users, makeClient, motoUrl } from "./helpers.mjs";

const CALLS = 1000;
const PER_USER = COMMON.access_keys.quota_per_user;

let iam;
let users;
before(async () => {
  iam = await makeClient(await motoUrl());
  users = new Users(iam);
});
after(() => users.cleanup());

test(`${CALLS} concurrent createAccessKey/deleteAccessKey calls all settle, the event loop keeps ticking`, { timeout: 300_000 }, async () => {
  const names = await Promise.all(Array.from({ length: CALLS / PER_USER }, () => users.make("polyiam-test-conc")));

  let ticks = 0;
  let maxGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 5);

  const started = performance.now();
  let firing = true;
  let settledWhileFiring = 0;
  const chains = [];
  for (let i = 0; i < CALLS; i++) {
    const user = names[i % names.length];
    const created = iam.createAccessKey({ UserName: user });
    const count = () => firing && settledWhileFiring++;
    created.then(count, count);
    chains.push(
      created.then(async ({ AccessKey }) => {
        assert.equal(AccessKey.UserName, user);
        assert.ok(AccessKey.CreateDate instanceof Date);
        const deleted = await iam.deleteAccessKey({ UserName: user, AccessKeyId: AccessKey.AccessKeyId });
        assert.equal(deleted.$metadata.httpStatusCode, 200);
        return AccessKey.AccessKeyId;
      }),
    );
  }
  firing = false;
  const firedIn = performance.now() - started;
  const results = await Promise.allSettled(chains);
  const elapsed = performance.now() - started;
  clearInterval(timer);

  const failed = results.filter((r) => r.status === "rejected");
  assert.equal(failed.length, 0, `${failed.length} failed; first: ${failed[0] && failed[0].reason}`);
  const ids = new Set(results.map((r) => r.value));
  assert.equal(ids.size, CALLS, "every call created its own key");
  assert.equal(settledWhileFiring, 0, "calls return pending Promises (nothing settles synchronously)");
  // Firing 1,000 calls only converts inputs; the I/O happens elsewhere.
  assert.ok(firedIn < 5_000, `firing took ${firedIn} ms`);
  assert.ok(ticks >= Math.min(10, elapsed / 50), `only ${ticks} ticks in ${elapsed} ms`);
  assert.ok(maxGap < 2_000, `the event loop stalled for ${maxGap} ms`);

  const left = await Promise.all(names.slice(0, 20).map((u) => iam.listAccessKeys({ UserName: u })));
  for (const l of left) assert.deepEqual(l.AccessKeyMetadata, []);
  console.log(`${CALLS} create+delete chains in ${Math.round(elapsed)} ms; ${ticks} ticks, max gap ${Math.round(maxGap)} ms`);
});
