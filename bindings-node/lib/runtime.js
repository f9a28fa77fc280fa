"use strict";
// What the generated client shares: the native client, error translation and paging. Per-operation
// code is generated (client.js, errors.js, paginators.js); this file has none.

const native = require("./native");

const NATIVE = Symbol("polyiam.native");

/** The v3 SDK's `$metadata` from the core's response metadata. */
function metadata(m) {
  const out = {};
  if (m.httpStatusCode !== undefined && m.httpStatusCode !== null) out.httpStatusCode = m.httpStatusCode;
  if (m.requestId !== undefined && m.requestId !== null) out.requestId = m.requestId;
  if (out.httpStatusCode !== undefined) {
    if (!("requestId" in out)) out.requestId = undefined;
    Object.assign(out, edgeIds(m.headers));
  }
  out.attempts = (m.retryAttempts || 0) + 1;
  out.totalRetryDelay = m.totalRetryDelay || 0;
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
 * `NoSuchEntityException -> IAMServiceException -> ServiceException -> Error`.
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
  }
}

/** Base of every error polyiam throws, like the v3 SDK's `IAMServiceException`. */
class IAMServiceException extends ServiceException {
  constructor(opts = {}) {
    super(opts);
    if (opts.Code !== undefined) this.Code = opts.Code;
    if (opts.Type !== undefined) this.Type = opts.Type;
    if (opts.Error !== undefined) this.Error = opts.Error;
    if (opts.RequestId !== undefined && opts.RequestId !== null) this.RequestId = opts.RequestId;
    if (opts.operation) this.operation = opts.operation;
    this.outcomeUnknown = Boolean(opts.outcomeUnknown);
  }
}

/** Bad input, found before anything was sent; `issues` lists every problem (path, rule, detail). */
class ValidationError extends IAMServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: "ValidationError", $fault: "client" });
    this.issues = opts.issues || [];
  }
}

/** The client configuration cannot work (bad endpoint URL, half credentials, ...). */
class ConfigurationError extends IAMServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: "ConfigurationError", $fault: "client" });
  }
}

/** The endpoint could not be reached; the message names it. */
class EndpointConnectionError extends IAMServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: "EndpointConnectionError" });
  }
}

/** The endpoint did not answer in time. */
class TimeoutError extends IAMServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: "TimeoutError" });
  }
}

/** The service answered with something that is not a valid IAM response. */
class ResponseParseError extends IAMServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: "ResponseParseError", $fault: "server" });
  }
}

/** A bug in polyiam (a Rust panic or an impossible state), turned into an error. */
class InternalError extends IAMServiceException {
  constructor(opts = {}) {
    super({ ...opts, name: "InternalError", $fault: "server" });
  }
}

const KIND_CLASSES = {
  validation: ValidationError,
  config: ConfigurationError,
  transport: EndpointConnectionError,
  timeout: TimeoutError,
  response: ResponseParseError,
  internal: InternalError,
};

/** The error to throw for a native `{ error }` result. */
function translate(info, byShape) {
  const $metadata = metadata({
    httpStatusCode: info.httpStatus,
    requestId: info.requestId,
    retryAttempts: info.retryAttempts,
    totalRetryDelay: info.totalRetryDelay,
    headers: info.headers,
  });
  const common = {
    $metadata,
    $fault: info.fault,
    operation: info.operation || undefined,
    outcomeUnknown: info.outcomeUnknown,
  };
  if (info.httpStatus !== undefined && info.httpStatus !== null) {
    common.$response = { statusCode: info.httpStatus, headers: { ...(info.headers || {}) } };
  }
  if (info.kind === "service") {
    const message = info.outcomeNote ? `${info.message} (${info.outcomeNote})` : info.message;
    const Type = info.fault === "server" ? "Receiver" : "Sender";
    const opts = { ...common, message, Code: info.code, Type, Error: { Type, Code: info.code, Message: info.message }, RequestId: info.requestId };
    const cls = info.shape && byShape[info.shape];
    // An error the model does not declare: the base class named by its code, as the v3 SDK does.
    return cls ? new cls(opts) : new IAMServiceException({ ...opts, name: info.code });
  }
  const cls = KIND_CLASSES[info.kind] || InternalError;
  return new cls({ ...common, message: info.display, Code: info.code, issues: info.issues });
}

/** `{ ...output, $metadata }` from a native `{ output, metadata }` result. */
function result(r) {
  return { $metadata: metadata(r.metadata), ...r.output };
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

/** The flat native configuration from the v3-style `{ region, endpoint, credentials, profile }`. */
function nativeConfig(config) {
  if (config === null || typeof config !== "object") {
    throw new ConfigurationError({ message: "the client configuration must be an object" });
  }
  let endpoint = config.endpoint;
  if (endpoint && typeof endpoint === "object" && endpoint.url !== undefined) endpoint = String(endpoint.url);
  if (endpoint instanceof URL) endpoint = endpoint.href.replace(/\/$/, "");
  const creds = config.credentials;
  if (typeof creds === "function") {
    throw new ConfigurationError({ message: "credentials must be a { accessKeyId, secretAccessKey, sessionToken? } object (providers are not supported)" });
  }
  const maxAttempts = num(config.maxAttempts, "maxAttempts");
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) {
    throw new ConfigurationError({ message: "maxAttempts must be an integer of at least 1" });
  }
  return {
    region: str(config.region, "region"),
    profile: str(config.profile, "profile"),
    endpoint: str(endpoint, "endpoint"),
    accessKeyId: creds ? str(creds.accessKeyId, "credentials.accessKeyId") : undefined,
    secretAccessKey: creds ? str(creds.secretAccessKey, "credentials.secretAccessKey") : undefined,
    sessionToken: creds ? str(creds.sessionToken, "credentials.sessionToken") : undefined,
    maxAttempts,
    connectTimeout: num(config.connectTimeout, "connectTimeout"),
    readTimeout: num(config.readTimeout, "readTimeout"),
    maxSockets: num(config.maxSockets, "maxSockets"),
  };
}

/** Holds one native client; every call and paginator of this client reuses it. */
class BaseClient {
  constructor(config, byShape) {
    const cfg = nativeConfig(config === undefined ? {} : config);
    let nat;
    try {
      nat = new native.NativeClient(cfg);
    } catch (e) {
      const cls = e && e.code === "InvalidArg" ? ConfigurationError : InternalError;
      throw new cls({ message: e && e.message });
    }
    Object.defineProperty(this, NATIVE, { value: nat });
    Object.defineProperty(this, "_byShape", { value: byShape });
    // Never show credentials when logged.
    Object.defineProperty(this, "config", {
      value: Object.freeze({ region: cfg.region, endpoint: cfg.endpoint, profile: cfg.profile }),
      enumerable: true,
    });
  }

  async _call(operation, input) {
    const r = await this[NATIVE].call(operation, input);
    if (r.error) throw translate(r.error, this._byShape);
    return result(r);
  }

  /** Nothing to release explicitly (the native client is freed with this object); kept for v3 parity. */
  destroy() {}
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
    if (r.error) throw translate(r.error, client._byShape);
    if (r.done) return;
    yield result(r);
  }
}

module.exports = {
  BaseClient,
  paginate,
  ServiceException,
  IAMServiceException,
  ValidationError,
  ConfigurationError,
  EndpointConnectionError,
  TimeoutError,
  ResponseParseError,
  InternalError,
  native,
};
