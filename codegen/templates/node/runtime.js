{{ header }}
"use strict";
// What the generated client shares: the native client, error translation and paging. Per-operation
// code is generated (client.js, errors.js, paginators.js); this file has none.

const native = require("./native");
const boundary = require("./boundary");

const NATIVE = Symbol("polyiam.native");

/** The v3 SDK's `$metadata` from the core's response metadata (`ResponseMeta::to_value`'s names). */
function metadata(m) {
  const out = {};
  if (m.http_status !== undefined && m.http_status !== null) out.httpStatusCode = m.http_status;
  if (m.request_id !== undefined && m.request_id !== null) out.requestId = m.request_id;
  if (out.httpStatusCode !== undefined) {
    if (!("requestId" in out)) out.requestId = undefined;
    Object.assign(out, edgeIds(m.http_headers));
  }
  out.attempts = (m.retry_attempts || 0) + 1;
  out.totalRetryDelay = m.total_retry_delay_ms || 0;
  return out;
}

/**
 * v3's `extendedRequestId` and `cfId`: keys always present when there was a response (as v3 does),
 * values from `x-amz-id-2` / `x-amz-cf-id` or undefined.
 */
function edgeIds(headers) {
  const h = headers || {};
  return { extendedRequestId: h["x-amz-id-2"], cfId: h["x-amz-cf-id"] };
}

/**
 * The base class of every service's exception, as `@smithy/smithy-client` exports it:
 * `NoSuchEntityException -> IAMServiceException -> ServiceException -> Error`. Every error polyiam
 * throws is one: each service's base (generated, lib/<service>/errors.js) and each error kind's class
 * (below) extend it.
 */
class ServiceException extends Error {
  constructor(opts = {}) {
    super(opts.message || "");
    Object.setPrototypeOf(this, new.target.prototype);
    this.$fault = opts.$fault || "client";
    // v3 declares `$retryable` on every exception: undefined, or `{ throttling }` for errors the
    // model marks @retryable (IAM marks none).
    this.$retryable = opts.$retryable;
    this.$metadata = opts.$metadata || { attempts: 1, totalRetryDelay: 0 };
    this.name = opts.name || new.target.name;
    if (opts.$response) {
      // Hidden and read-only, as v3's deserializer sets it; the body is not kept.
      Object.defineProperty(this, "$response", { value: opts.$response, enumerable: false, writable: false, configurable: false });
    }
    // What polyiam adds to every error, whatever its kind or service.
    if (opts.Code !== undefined) this.Code = opts.Code;
    if (opts.Type !== undefined) this.Type = opts.Type;
    if (opts.Error !== undefined) this.Error = opts.Error;
    if (opts.RequestId !== undefined && opts.RequestId !== null) this.RequestId = opts.RequestId;
    if (opts.operation) this.operation = opts.operation;
    this.outcomeUnknown = Boolean(opts.outcomeUnknown);
  }
}

/** Marks a service's `ValidationError` that polyiam raised before sending (see `translate`). */
const CONSTRAINT = Symbol("polyiam.constraint");

/** {{ validation_doc }} */
class ValidationError extends ServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: opts.name || "ValidationError", $fault: "client" });
    this.issues = opts.issues || [];
  }

  /** Also true for IAM's own `ValidationError` answer that polyiam gives for a constraint it checks first. */
  static [Symbol.hasInstance](value) {
    return Function.prototype[Symbol.hasInstance].call(this, value) || (this === ValidationError && Boolean(value && value[CONSTRAINT]));
  }
}
{% for c in classes %}{% if !c.parent.is_empty() %}
/**
 * {{ c.doc_lines(96, " * ") }}
 */
class {{ c.name }} extends {{ c.parent }} {
  constructor(opts = {}) {
    super({ ...opts, name: "{{ c.name }}", $fault: "{{ c.fault }}" });
  }
}
{% endif %}{% endfor %}
/** The core's error kinds → their classes (codegen/src/boundary.rs); service errors are by shape. */
const KIND_CLASSES = Object.freeze({
{%- for (kind, class) in kinds %}
  {{ kind }}: {{ class }},
{%- endfor %}
});

/** The error to throw for a native `{ error }` result (`Error::to_value`'s fields and names) of a call to `service`. */
function translate(info, service) {
  const $metadata = metadata(info);
  const common = {
    $metadata,
    $fault: info.fault,
    operation: info.operation || undefined,
    outcomeUnknown: info.outcome_unknown,
  };
  if (info.http_status !== undefined && info.http_status !== null) {
    common.$response = { statusCode: info.http_status, headers: { ...(info.http_headers || {}) } };
  }
  if (info.kind === "service") {
    const message = info.outcome_note ? `${info.message} (${info.outcome_note})` : info.message;
    const Type = info.fault === "server" ? "Receiver" : "Sender";
    const opts = { ...common, message, Code: info.code, Type, Error: { Type, Code: info.code, Message: info.message }, RequestId: info.request_id };
    const cls = info.shape && service.byShape[info.shape];
    // An error the model does not declare: the service's base class named by its code, as the v3 SDK does.
    return cls ? new cls(opts) : new service.base({ ...opts, name: info.code });
  }
  if (info.kind === "validation" && info.code === "ValidationError" && service && service.base) {
    // A constraint IAM itself checks, refused before sending: the service's own ValidationError (as
    // v3 gives IAM's answer: the service's base class named by the code), also polyiam's ValidationError.
    const Type = "Sender";
    // IAM's wording first, then each problem under the member names the caller wrote.
    const message = info.message + (info.issues || []).map((i) => `\n  ${i.path ? `${i.path}: ` : ""}${i.detail}`).join("");
    const e = new service.base({ ...common, message, name: info.code, Code: info.code, Type, Error: { Type, Code: info.code, Message: info.message } });
    e.issues = info.issues;
    Object.defineProperty(e, CONSTRAINT, { value: true });
    return e;
  }
  const cls = KIND_CLASSES[info.kind] || InternalError;
  return new cls({ ...common, message: info.display, Code: info.code, issues: info.issues });
}

/** `{ ...output, $metadata }` from a native `{ output, metadata }` result; `{ region: result }` for a client from `inRegions`. */
function result(r) {
  if (r.regions) return Object.fromEntries(Object.entries(r.regions).map(([region, each]) => [region, result(each)]));
  return { $metadata: metadata(r.metadata), ...r.output };
}

/**
 * The core's client options (model/options.json's names) from the v3-style configuration, and the
 * names the caller used, for messages: `{ options, names }`. The core checks every value.
 */
function nativeConfig(config) {
  if (config === null || typeof config !== "object") {
    throw new ConfigurationError({ message: "the client configuration must be an object" });
  }
  const creds = config.credentials;
  const provider = typeof creds === "function" ? credentialsProvider(creds) : undefined;
  const options = { ...boundary.DEFAULTS };
  const names = {};
  for (const [key, name] of boundary.OPTIONS) {
    let value = key.split(".").reduce((v, part) => (v === undefined || v === null ? undefined : v[part]), config);
    // The v3 SDK's endpoint may also be a URL or an EndpointV2 ({ url }).
    if (name === "endpoint_url" && value && typeof value === "object") {
      value = value instanceof URL ? value.href.replace(/\/$/, "") : value.url !== undefined ? String(value.url).replace(/\/$/, "") : value;
      // The v3 SDK's Endpoint ({ protocol, hostname, port, path }), e.g. another client's `await config.endpoint()`.
      if (typeof value === "object" && typeof value.hostname === "string") {
        const port = value.port ? `:${value.port}` : "";
        value = `${value.protocol || "https:"}//${value.hostname}${port}${value.path && value.path !== "/" ? value.path : ""}`;
      }
    }
    names[name] = key;
    if (value !== undefined) options[name] = value;
  }
  return { options, names, provider };
}

/**
 * The v3 SDK's `AwsCredentialIdentityProvider` (`async () => ({ accessKeyId, secretAccessKey,
 * sessionToken?, expiration? })`, e.g. `fromIni()` of `@aws-sdk/credential-providers`) as the native
 * side takes it: a function resolving to plain strings and `expiration` in milliseconds. The core
 * calls it when it needs credentials and caches them until shortly before `expiration`.
 */
function credentialsProvider(provider) {
  return async () => {
    const c = await provider();
    if (c === null || typeof c !== "object") {
      throw new Error("the credentials provider must resolve to { accessKeyId, secretAccessKey, sessionToken?, expiration? }");
    }
    const expiration = c.expiration instanceof Date ? c.expiration.getTime() : c.expiration == null ? undefined : Number(c.expiration);
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken ?? undefined, expiration };
  };
}

/** The `abortSignal` of a call's options (the v3 SDK's `HttpHandlerOptions`), if any. */
function abortSignal(options) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") throw new ValidationError({ message: "the call options must be an object, e.g. { abortSignal }" });
  const signal = options.abortSignal;
  if (signal === undefined || signal === null) return undefined;
  if (typeof signal !== "object" || typeof signal.addEventListener !== "function") {
    throw new ValidationError({ message: "options.abortSignal must be an AbortSignal" });
  }
  return signal;
}

/** Holds one native client; every call and paginator of this client reuses it. */
class BaseClient {
  /** `service`: `{ name, base, byShape }` from the service's generated client.js. */
  constructor(config, service) {
    const { options, names, provider } = nativeConfig(config === undefined ? {} : config);
    // The core reads and checks the options once: a client, or the error to throw.
    const connected = native.connect(service.name, options, names, provider);
    if (connected.error) throw translate(connected.error, service);
    Object.defineProperty(this, NATIVE, { value: connected.client });
    Object.defineProperty(this, "_service", { value: service });
    // The v3 SDK's resolved config: `await client.config.region()`, `await client.config.endpoint()`
    // (resolved once, from the configuration: nothing is sent). Never the credentials.
    let where;
    const resolved = () => {
      where ??= connected.client.endpoint().then((r) => {
        if (r.error) throw translate(r.error, service);
        return r.value;
      });
      return where;
    };
    Object.defineProperty(this, "config", {
      value: Object.freeze({
        region: async () => (await resolved()).region,
        endpoint: async () => {
          const url = new URL((await resolved()).endpoint);
          return { protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname };
        },
        profile: options.profile,
      }),
      enumerable: true,
    });
  }

  async _call(operation, input, options) {
    const r = await withAbort(abortSignal(options), `the ${operation} call`, operation, (abort) => this[NATIVE].call(operation, input, abort));
    return this._settle(r);
  }

  _settle(r) {
    if (r.error) throw translate(r.error, this._service);
    return result(r);
  }

  /**
   * This client in several regions: an array of region names, a comma-separated string, or `"*"`
   * for every region of the client's partition. Each call of the returned client resolves with
   * `{ [region]: result }`; regions served by one endpoint share one call (IAM has one endpoint per
   * partition, so `inRegions("*").createAccessKey(...)` creates one key). Region names are
   * checked on the first call.
   */
  inRegions(regions) {
    // The core splits comma-separated names.
    const list = typeof regions === "string" ? [regions] : regions;
    if (!Array.isArray(list) || list.some((r) => typeof r !== "string")) {
      throw new ValidationError({ message: 'regions must be an array of region names, or "*"' });
    }
    const other = Object.create(Object.getPrototypeOf(this));
    Object.defineProperty(other, NATIVE, { value: this[NATIVE].inRegions(list) });
    Object.defineProperty(other, "_service", { value: this._service });
    Object.defineProperty(other, "config", { value: this.config, enumerable: true });
    Object.defineProperty(other, "regions", { value: Object.freeze([...list]) });
    return other;
  }

  /**
   * This client's configuration as a plain object (JSON and structured-clone safe) that
   * `new IAM(config)` accepts: hand it to a `worker_threads` Worker (`workerData`) or a child process
   * (a message). It holds the options that are not secret; the worker gets its credentials from
   * its own environment, profile, container or instance metadata. Credentials written in code are
   * refused unless the client was made with `serializeCredentials: true` (then the secret is in
   * the object). A client from `inRegions` gives its base configuration (call `inRegions` again).
   */
  toConfig() {
    const keys = Object.fromEntries(boundary.OPTIONS.map(([key, name]) => [name, key]));
    const d = this[NATIVE].describe(keys);
    if (d.error) throw translate(d.error, this._service);
    const out = {};
    for (const [name, value] of Object.entries(d.value.options)) {
      const key = keys[name];
      if (key === undefined) continue; // an option Node does not take (R's env_credentials_first)
      const parts = key.split(".");
      let at = out;
      for (const part of parts.slice(0, -1)) at = at[part] ??= {};
      at[parts[parts.length - 1]] = value;
    }
    return out;
  }

  /** Nothing to release explicitly (the native client is freed with this object); kept for v3 parity. */
  destroy() {}
}

function str(v, what) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new ConfigurationError({ message: `${what} must be a string` });
  return v;
}

function num(v, what) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ConfigurationError({ message: `${what} must be a number` });
  return v;
}

/** The async generator behind every generated paginator. */
async function* paginate(ClientClass, name, operation, config, input) {
  if (!config || !(config.client instanceof ClientClass)) {
    throw new ConfigurationError({ message: `${name}: config.client must be a ${ClientClass.name} client` });
  }
  const client = config.client;
  const pages = client[NATIVE].paginate(
    operation,
    input,
    num(config.pageSize, "pageSize"),
    str(config.startingToken, "startingToken"),
    undefined,
  );
  for (;;) {
    const r = await pages.next();
    if (r.error) throw translate(r.error, client._service);
    if (r.done) return;
    yield result(r);
  }
}

/**
 * What every generated `waitUntil<Waiter>` runs: the core's waiter (the smithy-rs one), for at most
 * `params.maxWaitTime` seconds; `{ state: "SUCCESS", reason }` with the last poll's result.
 */
async function waitUntil(ClientClass, name, waiter, params, input) {
  if (!params || !(params.client instanceof ClientClass)) {
    throw new ConfigurationError({ message: `${name}: params.client must be a ${ClientClass.name} client` });
  }
  const maxWaitTime = params.maxWaitTime;
  if (typeof maxWaitTime !== "number" || !Number.isFinite(maxWaitTime) || maxWaitTime <= 0) {
    throw new ValidationError({ message: `${name}: params.maxWaitTime must be a positive number of seconds` });
  }
  const client = params.client;
  const signal = abortSignal({ abortSignal: params.abortSignal });
  const r = await withAbort(signal, name, undefined, (abort) => client[NATIVE].wait(waiter, input === undefined ? {} : input, maxWaitTime, abort));
  if (r.error) throw translate(r.error, client._service);
  return { state: "SUCCESS", reason: result(r) };
}

/**
 * Runs `start(abort)`, a native call, with `signal` wired to it: the native half drops the request as
 * soon as the signal fires. Without a signal, `abort` is undefined.
 */
async function withAbort(signal, what, operation, start) {
  if (!signal) return start(undefined);
  if (signal.aborted) throw new AbortError({ message: `${what} was aborted before it started`, operation });
  const abort = new native.NativeAbort();
  const onAbort = () => abort.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await start(abort);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

module.exports = {
  BaseClient,
  paginate,
  waitUntil,
  ServiceException,
{%- for c in classes %}
  {{ c.name }},
{%- endfor %}
  native,
};
