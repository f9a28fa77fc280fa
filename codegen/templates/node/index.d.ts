{{ header }}
// Types for polyiam's Node binding: per service, one method per operation, inputs and outputs named
// like the AWS SDK for JavaScript v3's (`CreateAccessKeyCommandInput`/`CreateAccessKeyCommandOutput`).

/** Client settings; anything not given comes from the standard AWS chain (AWS_* environment, shared config and credentials files, ...). */
export interface ClientConfig {
{%- for line in config_lines %}
  {{ line }}
{%- endfor %}
}

/** The v3 SDK's response metadata. `totalRetryDelay` is always 0 (not measured). */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  /** `x-amz-id-2`, when the response had one (the key is present whenever there was a response). */
  extendedRequestId?: string;
  /** `x-amz-cf-id`, when the response had one (likewise). */
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

/** Per-call options, as the v3 SDK's `HttpHandlerOptions`. */
export interface HttpHandlerOptions {
  /** Aborting it ends the call at once with an `AbortError`; the request in flight is dropped. */
  abortSignal?: AbortSignal;
}

/** A client from `inRegions`: every operation resolves with its result per region. */
export type InRegions<C> = {
  [K in keyof C]: C[K] extends (input: infer I, options?: HttpHandlerOptions) => Promise<infer O>
    ? (input: I, options?: HttpHandlerOptions) => Promise<Record<string, O>>
    : C[K];
};

/** Base of the `*Command` classes: holds the operation's input until `client.send(command)`. */
export declare class Command<Input, Output> {
  constructor(input: Input);
  readonly input: Input;
  /** Type-only marker of what `send` resolves to. */
  readonly __output?: Output;
}
/** The base of every service's exception, as `@smithy/smithy-client` exports it. */
export declare class ServiceException extends Error {
  readonly name: string;
  /** "client" when the caller must change something, "server" when the service failed. */
  readonly $fault: "client" | "server";
  /** As in v3: set only for errors the model marks retryable (IAM marks none). */
  readonly $retryable?: { throttling?: boolean };
  /** The HTTP response, when there was one (hidden, like v3's; the body is not kept). */
  readonly $response?: { statusCode: number; headers: Record<string, string> };
  readonly $metadata: ResponseMetadata;
{ base }} extends ServiceException {
  /** For service errors, the parsed `<Error>` element (`Type`, `Code`, `Message`), as v3 keeps it. */
  readonly Error?: { Type?: string; Code?: string; Message?: string };
  /** The request id from the error body. */
  readonly RequestId?: string;
  /** The wire error code (`NoSuchEntity`) for service errors; a polyiam code otherwise. */
  readonly Code?: string;
  /** "Sender" or "Receiver" for service errors. */
  readonly Type?: string;
  /** The operation that failed. */
  readonly operation?: string;
  /** True when the request may have been applied although the call failed (it was not retried). */
  readonly outcomeUnknown: boolean;
}

/** Bad input, found before anything was sent; `issues` lists every problem. */
export declare class ValidationError extends ServiceException {
  readonly name: "ValidationError";
  readonly issues: { path: string; rule: string; detail: string }[];
}
/** The client configuration cannot work (bad endpoint URL, half credentials, ...). */
export declare class ConfigurationError extends ValidationError {}
/** The endpoint could not be reached; the message names it. */
export declare class EndpointConnectionError extends ServiceException {}
/** The endpoint did not answer in time. */
export declare class TimeoutError extends ServiceException {}
/** The service answered with something that is not a valid IAM response. */
export declare class ResponseParseError extends ServiceException {}
/** A bug in polyiam (a Rust panic or an impossible state), turned into an error. */
export declare class InternalError extends ServiceException {}
/** The call's `abortSignal` was aborted; `outcomeUnknown` is true when a request that changes something had been sent. */
export declare class AbortError extends ServiceException {
  readonly name: "AbortError";
}
{%- for s in services %}

{{ s }}
{%- endfor %}
