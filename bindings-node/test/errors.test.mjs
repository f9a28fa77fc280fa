// Service errors from errors.json, client-side validation (param_validation.json, bad_inputs.json),
// configuration, transport and internal errors: each a named Error subclass under ServiceException
// (service errors under the service's IAMServiceException).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  BAD_INPUTS,
  COMMON,
  ERRORS,
  PARAM_VALIDATION,
  Users,
  assertServiceError,
  closedPortUrl,
  makeClient,
  methodName,
  motoUrl,
  pager,
  polyiam,
  substitute,
} from "./helpers.mjs";

let lib;
let iam;
let users;
before(async () => {
  lib = await polyiam();
  iam = await makeClient(await motoUrl());
  users = new Users(iam);
});
after(() => users.cleanup());

test("modelled error classes are exported Error subclasses under IAMServiceException", () => {
  for (const name of [
    "NoSuchEntityException",
    "LimitExceededException",
    "EntityAlreadyExistsException",
    "InvalidInputException",
    "DeleteConflictException",
    "ConcurrentModificationException",
    "ServiceFailureException",
  ]) {
    assert.equal(typeof lib[name], "function", name);
    assert.ok(lib[name].prototype instanceof lib.IAMServiceException, name);
    assert.ok(lib[name].prototype instanceof Error, name);
  }
  assert.ok(lib.IAMServiceException.prototype instanceof lib.ServiceException);
  // The error kinds are no service's: they are ServiceExceptions, the base every polyiam error shares.
  for (const name of ["ValidationError", "ConfigurationError", "EndpointConnectionError", "TimeoutError", "ResponseParseError", "InternalError"]) {
    assert.ok(lib[name].prototype instanceof lib.ServiceException, name);
    assert.ok(!(lib[name].prototype instanceof lib.IAMServiceException), name);
  }
});

test("unknown user: NoSuchEntityException", async () => {
  const spec = ERRORS.unknown_user;
  const ph = { $unknown_user: COMMON.users.unknown };
  await assertServiceError(iam[methodName(spec.operation)](substitute(spec.params, ph)), spec, spec.operation, ph);
});

test("access key quota: LimitExceededException", async () => {
  const spec = ERRORS.access_key_quota;
  const user = await users.make();
  for (let i = 0; i < COMMON.access_keys.quota_per_user; i++) await iam.createAccessKey({ UserName: user });
  const ph = { $user: user };
  const err = await assertServiceError(iam.createAccessKey(substitute(spec.params, ph)), spec, spec.operation, ph);
  assert.equal(err.$fault, "client");
  assert.equal(err.outcomeUnknown, false);
});

test("deleted user: NoSuchEntityException", async () => {
  const spec = ERRORS.deleted_user;
  const user = await users.make();
  await iam.deleteUser({ UserName: user });
  const ph = { $user: user };
  await assertServiceError(iam.getUser(substitute(spec.params, ph)), spec, spec.operation, ph);
});

test("existing user: EntityAlreadyExistsException", async () => {
  const spec = ERRORS.existing_user;
  const user = await users.make();
  const ph = { $user: user };
  await assertServiceError(iam.createUser(substitute(spec.params, ph)), spec, spec.operation, ph);
});

test("invalid marker (pager server): InvalidInputException", async () => {
  const spec = ERRORS.invalid_marker;
  const server = await pager();
  const client = await makeClient(server.url);
  await assertServiceError(client.listAccessKeys(spec.params), spec, spec.operation);
});

test("param_validation.json: rejected before sending, as ValidationError", async () => {
  const client = await makeClient(await closedPortUrl());
  for (const c of PARAM_VALIDATION.cases) {
    await assert.rejects(client[methodName(c.operation)](substitute(c.params)), (e) => {
      assert.ok(e instanceof lib.ValidationError, `${c.name}: ${e.name}: ${e.message}`);
      assert.ok(e instanceof lib.ServiceException);
      assert.equal(e.name, "ValidationError");
      assert.equal(e.$fault, "client");
      for (const fragment of c.message_contains) assert.ok(e.message.includes(fragment), `${c.name}: ${fragment} not in ${e.message}`);
      return true;
    });
  }
});

test("bad_inputs.json: every case reports its issues in order", async () => {
  const client = await makeClient(await closedPortUrl());
  for (const c of BAD_INPUTS.cases) {
    await assert.rejects(client[methodName(c.operation)](substitute(c.input)), (e) => {
      assert.ok(e instanceof lib.ValidationError, `${c.name}: ${e.name}: ${e.message}`);
      assert.deepEqual(e.issues.map((i) => [i.path, i.rule]), c.expect, c.name);
      return true;
    });
  }
});

test("JS-only garbage is a ValidationError naming the member", async () => {
  const client = await makeClient(await closedPortUrl());
  const cyclic = {};
  cyclic.self = cyclic;
  for (const [input, path] of [
    [{ UserName: Symbol("x") }, "UserName"],
    [{ UserName: () => "x" }, "UserName"],
    [{ UserName: 2n ** 70n }, "UserName"],
    [{ Tags: [undefined] }, "Tags[0]"],
    [{ UserName: "ok", Tags: [cyclic] }, "Tags[0]"],
  ]) {
    await assert.rejects(client.createUser(input), (e) => {
      assert.ok(e instanceof lib.ValidationError, `${e.name}: ${e.message}`);
      assert.ok(e.issues.some((i) => i.path.startsWith(path)), `${path}: ${JSON.stringify(e.issues)}`);
      return true;
    });
  }
  await assert.rejects(client.getUser("Bob"), lib.ValidationError);
});

test("a closed port: EndpointConnectionError naming the endpoint", async () => {
  const url = await closedPortUrl();
  const client = await makeClient(url, { maxAttempts: 1 });
  await assert.rejects(client.getUser({ UserName: "nobody" }), (e) => {
    assert.ok(e instanceof lib.EndpointConnectionError, `${e.name}: ${e.message}`);
    assert.ok(e.message.includes(url), e.message);
    assert.equal(e.$metadata.attempts, 1);
    return true;
  });
});

test("bad configuration throws ConfigurationError synchronously", () => {
  assert.throws(() => new lib.IAM({ endpoint: "localhost:5000" }), lib.ConfigurationError);
  assert.throws(() => new lib.IAM({ credentials: { accessKeyId: "A" } }), lib.ConfigurationError);
  assert.throws(() => new lib.IAM({ maxAttempts: 0 }), lib.ConfigurationError);
  assert.throws(() => new lib.IAM({ region: 42 }), lib.ConfigurationError);
});

test("a Rust panic becomes an InternalError rejection, not a crash", async () => {
  const { native } = await import("../lib/runtime.js").then((m) => m.default ?? m);
  const r = await native._forcePanicForTests();
  assert.equal(r.error.kind, "internal");
  assert.match(r.error.message, /forced by _forcePanicForTests/);
});

test("secrets never appear when a client is logged", async () => {
  const { inspect } = await import("node:util");
  const client = new lib.IAM({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: "FwoGZXIvYXdzE" } });
  const shown = inspect(client, { showHidden: true, depth: 5 }) + JSON.stringify(client);
  assert.ok(!shown.includes("wJalrXUtnFEMI") && !shown.includes("FwoGZXIvYXdzE"), shown);
});
