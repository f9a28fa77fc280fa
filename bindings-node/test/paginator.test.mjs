// v3-style paginators against the pager server's two pages (pagination.json) and moto.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PAGINATION, Users, makeClient, motoUrl, pager, polyiam } from "./helpers.mjs";

let lib;
before(async () => {
  lib = await polyiam();
});

test("paginateListAccessKeys yields both pages in order and sends the marker", async () => {
  const server = await pager();
  const client = await makeClient(server.url);
  const pages = [];
  for await (const page of lib.paginateListAccessKeys({ client }, { UserName: PAGINATION.user_name })) pages.push(page);
  assert.equal(pages.length, PAGINATION.pages.length);
  pages.forEach((page, i) => {
    const expected = PAGINATION.pages[i];
    assert.equal(page.$metadata.httpStatusCode, 200);
    assert.equal(page.IsTruncated, expected.is_truncated);
    if (expected.next_marker) assert.equal(page.Marker, expected.next_marker);
    else assert.ok(!("Marker" in page));
    assert.deepEqual(
      page.AccessKeyMetadata.map((k) => ({ ...k, CreateDate: k.CreateDate.toISOString().replace(".000Z", "Z") })),
      expected.members,
    );
    for (const k of page.AccessKeyMetadata) assert.ok(k.CreateDate instanceof Date);
  });
  const ids = pages.flatMap((p) => p.AccessKeyMetadata.map((k) => k.AccessKeyId));
  assert.deepEqual(ids, PAGINATION.expected_access_key_ids);
  const sent = (await server.requests()).map((r) => r.params);
  assert.equal(sent.length, PAGINATION.expected_requests.length);
  PAGINATION.expected_requests.forEach((want, i) => {
    for (const [k, v] of Object.entries(want)) {
      if (v === null) assert.ok(!(k in sent[i]), `request ${i}: ${k} should be absent`);
      else assert.equal(sent[i][k], v, `request ${i}: ${k}`);
    }
  });
});

test("startingToken resumes at the second page; pageSize sets MaxItems", async () => {
  const server = await pager();
  const client = await makeClient(server.url);
  const pages = [];
  const config = { client, startingToken: PAGINATION.pages[1].request_marker, pageSize: 5 };
  for await (const page of lib.paginateListAccessKeys(config, { UserName: PAGINATION.user_name })) pages.push(page);
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0].AccessKeyMetadata.map((k) => k.AccessKeyId), [PAGINATION.expected_access_key_ids[2]]);
  const [req] = await server.requests();
  assert.equal(req.params.Marker, PAGINATION.pages[1].request_marker);
  assert.equal(req.params.MaxItems, "5");
});

test("a failing page rejects the iteration with the modelled error", async () => {
  const server = await pager();
  const client = await makeClient(server.url);
  const config = { client, startingToken: "not-a-marker-the-server-issued" };
  await assert.rejects(
    (async () => {
      for await (const _ of lib.paginateListAccessKeys(config, { UserName: PAGINATION.user_name }));
    })(),
    lib.InvalidInputException,
  );
});

test("the paginator needs a client", async () => {
  await assert.rejects(lib.paginateListAccessKeys({}, {}).next(), lib.ConfigurationError);
});

test("against moto: one page with every key", async () => {
  const iam = await makeClient(await motoUrl());
  const users = new Users(iam);
  try {
    const user = await users.make();
    const created = [];
    for (let i = 0; i < 2; i++) created.push((await iam.createAccessKey({ UserName: user })).AccessKey.AccessKeyId);
    const ids = [];
    for await (const page of lib.paginateListAccessKeys({ client: iam }, { UserName: user })) {
      ids.push(...page.AccessKeyMetadata.map((k) => k.AccessKeyId));
    }
    assert.deepEqual(ids.sort(), created.sort());
  } finally {
    await users.cleanup();
  }
});
