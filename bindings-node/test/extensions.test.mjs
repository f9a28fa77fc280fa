// polyiam's own operations and client features beyond the AWS API (tests/scenarios/extensions.json):
// issueAccessKey (status, PGP-sealed secret, SES SMTP password), rotateAccessKey, sesSmtpPasswordV4,
// inRegions and rawResponse, against moto and the fault server in front of it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { HARNESS, loadScenario, makeClient, motoUrl, polyiam, python, startServer, uniqueName } from "./helpers.mjs";

const EXT = loadScenario("extensions");
let lib, moto, iam, proxy, gpgHome, keys;

before(async () => {
  lib = await polyiam();
  moto = await motoUrl();
  iam = await makeClient(moto);
  proxy = await startServer("fault_server.py", ["--upstream", moto]);
  gpgHome = fs.mkdtempSync(path.join(os.tmpdir(), "polyiam-gpg-"));
  keys = JSON.parse(execFileSync(python(), [path.join(HARNESS, "gpg_keys.py"), "make", gpgHome]).toString());
});
after(() => fs.rmSync(gpgHome, { recursive: true, force: true }));

const decrypt = (b64) => execFileSync(python(), [path.join(HARNESS, "gpg_keys.py"), "decrypt", gpgHome, b64]).toString();
const requests = async () => (await fetch(`${proxy.url}/__harness__/requests`)).json();
const reset = () => fetch(`${proxy.url}/__harness__/reset`, { method: "POST" });
const creates = async () => (await requests()).filter((r) => r.params.Action === "CreateAccessKey");
const keysOf = async (client, user) =>
  Object.fromEntries((await client.listAccessKeys({ UserName: user })).AccessKeyMetadata.map((k) => [k.AccessKeyId, k.Status]));
const newUser = async (prefix) => {
  const user = uniqueName(prefix);
  await iam.createUser({ UserName: user });
  return user;
};

test("sesSmtpPasswordV4 reproduces Terraform's vectors and checks the region", async () => {
  for (const c of EXT.smtp_vectors.cases) {
    const out = await iam.sesSmtpPasswordV4({ SecretAccessKey: c.SecretAccessKey, Region: c.Region });
    assert.equal(out.SmtpPassword, c.SmtpPassword, `${c.Region} ${c.SecretAccessKey}`);
  }
  const bad = EXT.smtp_vectors.bad_region;
  await assert.rejects(iam.sesSmtpPasswordV4({ SecretAccessKey: "x", Region: bad.Region }), (e) => {
    assert.ok(e instanceof lib.ValidationError);
    assert.deepEqual(e.issues.map((i) => [i.path, i.rule]), [[bad.path, bad.rule]]);
    return true;
  });
});

test("issueAccessKey: Inactive at creation, with the SMTP password", async () => {
  const user = await newUser("issue");
  const region = EXT.issue.smtp_region;
  const { AccessKey } = await iam.issueAccessKey({ UserName: user, Status: "Inactive", SesSmtpRegion: region });
  assert.deepEqual(Object.keys(AccessKey).sort(), [...EXT.issue.plain_members, "SesSmtpPasswordV4"].sort());
  assert.ok(AccessKey.CreateDate instanceof Date);
  assert.deepEqual(await keysOf(iam, user), { [AccessKey.AccessKeyId]: "Inactive" });
  const { SmtpPassword } = await iam.sesSmtpPasswordV4({ SecretAccessKey: AccessKey.SecretAccessKey, Region: region });
  assert.equal(AccessKey.SesSmtpPasswordV4, SmtpPassword);
});

test("a bad PGP key is refused before any key exists", async () => {
  for (const bad of EXT.issue.bad_pgp_keys) {
    const user = await newUser("badpgp");
    await assert.rejects(iam.issueAccessKey({ UserName: user, PgpKey: bad.PgpKey }), (e) => {
      assert.ok(e instanceof lib.ValidationError, e.name);
      assert.match(e.message, new RegExp(bad.message));
      assert.equal(e.issues[0].path, "PgpKey");
      return true;
    });
    assert.deepEqual(await keysOf(iam, user), {});
  }
});

test("sealed secrets decrypt to keys that pass moto's signature check (RSA binary, ECC armored)", async () => {
  const auth = await startServer("moto_server.py", [], { INITIAL_NO_AUTH_ACTION_COUNT: String(EXT.issue.no_auth_actions) });
  const admin = await makeClient(auth.url);
  const user = uniqueName("sealed");
  await admin.createUser({ UserName: user });
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  await admin.putUserPolicy({ UserName: user, PolicyName: "all", PolicyDocument: JSON.stringify(policy) });
  // The third action: from here on moto checks every signature.
  const first = (await admin.issueAccessKey({ UserName: user, PgpKey: keys.rsa.binary_b64 })).AccessKey;
  assert.deepEqual(Object.keys(first).sort(), [...EXT.issue.sealed_members].sort());
  assert.equal(first.KeyFingerprint, keys.rsa.fingerprint);
  const secret = decrypt(first.EncryptedSecret);
  assert.ok(!JSON.stringify(first).includes(secret));
  const signed = await makeClient(auth.url, { credentials: { accessKeyId: first.AccessKeyId, secretAccessKey: secret } });
  assert.equal((await signed.getUser({ UserName: user })).User.UserName, user);
  const forged = await makeClient(auth.url, { credentials: { accessKeyId: first.AccessKeyId, secretAccessKey: `x${secret}` } });
  await assert.rejects(forged.getUser({ UserName: user }), (e) => e instanceof lib.ServiceException && e.$metadata.httpStatusCode === 403);
  const second = (await signed.issueAccessKey({ UserName: user, PgpKey: keys.ecc.armored })).AccessKey;
  assert.equal(second.KeyFingerprint, keys.ecc.fingerprint);
  const again = await makeClient(auth.url, { credentials: { accessKeyId: second.AccessKeyId, secretAccessKey: decrypt(second.EncryptedSecret) } });
  assert.equal((await again.getUser({ UserName: user })).User.UserName, user);
  auth.stop();
});

test("rotateAccessKey: one key replaced; Deactivate; two keys refused, nothing changed", async () => {
  let user = await newUser("rot");
  let old = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  let out = await iam.rotateAccessKey({ AccessKeyId: old, UserName: user });
  assert.deepEqual(out.Replaced, { AccessKeyId: old, Status: "Deleted" });
  assert.deepEqual(await keysOf(iam, user), { [out.AccessKey.AccessKeyId]: "Active" });

  user = await newUser("rotd");
  old = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  out = await iam.rotateAccessKey({ AccessKeyId: old, UserName: user, OldKey: "Deactivate" });
  assert.deepEqual(out.Replaced, { AccessKeyId: old, Status: "Inactive" });
  assert.deepEqual(await keysOf(iam, user), { [old]: "Inactive", [out.AccessKey.AccessKeyId]: "Active" });

  user = await newUser("rot2");
  const a = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  const b = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  const before = await keysOf(iam, user);
  await assert.rejects(iam.rotateAccessKey({ AccessKeyId: a, UserName: user }), (e) => {
    assert.ok(e instanceof lib[EXT.rotate.two_keys_class] && e instanceof lib.IAMServiceException, e.name);
    assert.equal(e.Code, EXT.rotate.two_keys_code);
    assert.ok(e.message.includes(a) && e.message.includes(b));
    return true;
  });
  assert.deepEqual(await keysOf(iam, user), before);
});

test("rotateAccessKey reconciles a lost CreateAccessKey answer: one new key, the old one intact", async () => {
  const user = await newUser("rotlost");
  const old = (await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId;
  await reset();
  const lossy = await makeClient(`${proxy.url}/${EXT.rotate.dropped_fault}`, { readTimeout: 5 });
  let error;
  await assert.rejects(lossy.rotateAccessKey({ AccessKeyId: old, UserName: user }), (e) => (error = e) instanceof lib.ServiceException);
  const now = await keysOf(iam, user);
  assert.equal(Object.keys(now).length, 2);
  assert.equal(now[old], "Active");
  const [created] = Object.keys(now).filter((k) => k !== old);
  assert.ok(error.message.includes(EXT.rotate.reconciled_words) && error.message.includes(created) && error.message.includes(old), error.message);
  assert.equal(error.outcomeUnknown, false);
  assert.equal((await creates()).length, 1);
});

test("inRegions: one call per endpoint (IAM: per partition), results by region", async () => {
  for (const name of ["one_partition", "star", "two_partitions"]) {
    const c = EXT.regions[name];
    const user = uniqueName("reg");
    const regional = (await makeClient(`${proxy.url}/proxy`)).inRegions(c.regions);
    await regional.createUser({ UserName: user });
    await reset();
    const out = await regional.createAccessKey({ UserName: user });
    assert.equal((await creates()).length, c.calls, name);
    const ids = new Set(Object.values(out).map((r) => r.AccessKey.AccessKeyId));
    assert.equal(ids.size, c.calls, name);
    if (Array.isArray(c.regions)) assert.deepEqual(Object.keys(out), c.regions);
    for (const r of c.includes ?? []) assert.ok(r in out, r);
    for (const r of c.excludes ?? []) assert.ok(!(r in out), r);
    for (const r of Object.values(out)) assert.equal(r.$metadata.httpStatusCode, 200);
  }
  const bad = EXT.regions.unknown;
  await assert.rejects(iam.inRegions(bad.regions).getUser({ UserName: "x" }), (e) => {
    assert.ok(e instanceof lib.ValidationError, e.name);
    assert.equal(e.issues[0].path, bad.path);
    return true;
  });
});

test("rawResponse: the body untouched, with $metadata; errors unchanged", async () => {
  const spec = EXT.raw_response;
  const user = await newUser("raw");
  const raw = await makeClient(moto, { rawResponse: true });
  const out = await raw.getUser({ UserName: user });
  assert.deepEqual(Object.keys(out).sort(), ["$metadata", "Body"]);
  assert.ok(out.Body.startsWith(spec.body_starts_with) && out.Body.includes(`<UserName>${user}</UserName>`));
  assert.equal(out.$metadata.httpStatusCode, 200);
  await assert.rejects(raw.getUser({ UserName: uniqueName("absent") }), (e) => e instanceof lib.NoSuchEntityException);
  assert.equal((await raw.issueAccessKey({ UserName: user })).AccessKey.UserName, user);
});
