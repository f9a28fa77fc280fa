// The core's error kinds as Node errors (tests/scenarios/error_kinds.json): the class each kind maps
// to, and the same fields in every language, where the v3 SDK keeps them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { closedPortUrl, loadScenario, makeClient, methodName, motoUrl, polyiam, startServer } from "./helpers.mjs";

const KINDS = loadScenario("error_kinds");

// The scenario's field names -> where a Node error keeps them.
const FIELDS = {
  code: (e) => e.Code,
  message: (e) => e.message,
  operation: (e) => e.operation,
  http_status: (e) => e.$metadata.httpStatusCode,
  headers: (e) => (e.$response ? e.$response.headers : {}),
  fault: (e) => e.$fault,
  retry_attempts: (e) => e.$metadata.attempts - 1,
  total_retry_delay: (e) => e.$metadata.totalRetryDelay,
  outcome_unknown: (e) => e.outcomeUnknown,
};

let lib;
let moto;
let faults;
before(async () => {
  lib = await polyiam();
  moto = await motoUrl();
  faults = await startServer("fault_server.py", ["--upstream", moto]);
});
after(() => faults?.stop());

async function endpoint(where) {
  if (where === "closed") return closedPortUrl();
  if (where === "moto") return moto;
  if (where === "not-a-url") return "localhost:1";
  return `${faults.url}/${where.split(":")[1]}`;
}

for (const c of KINDS.cases) {
  test(`${c.kind} errors are ${c.classes.node} with every field`, async () => {
    assert.deepEqual(Object.keys(FIELDS).sort(), [...KINDS.fields].sort());
    const overrides = { maxAttempts: 1, ...(c.read_timeout ? { readTimeout: c.read_timeout } : {}) };
    let error;
    try {
      const client = await makeClient(await endpoint(c.endpoint), overrides);
      await client[methodName(c.operation)](c.input ?? {});
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof lib.ServiceException, String(error));
    // Service errors are the service's; the other kinds are no service's.
    assert.equal(error instanceof lib.IAMServiceException, c.kind === "service", String(error));
    assert.equal(error.constructor.name, c.classes.node);
    assert.equal(FIELDS.code(error), c.code);
    assert.equal(typeof FIELDS.message(error), "string");
    assert.equal(typeof FIELDS.headers(error), "object");
    assert.ok(["client", "server"].includes(FIELDS.fault(error)));
    assert.equal(typeof FIELDS.retry_attempts(error), "number");
    assert.equal(typeof FIELDS.total_retry_delay(error), "number");
    assert.equal(FIELDS.outcome_unknown(error), c.outcome_unknown ?? false);
    if (c.http_status) assert.equal(FIELDS.http_status(error), c.http_status);
    if (c.operation) assert.equal(FIELDS.operation(error), c.operation);
  });
}
