{{ header }}
// Types for polyiam's Node binding: one method per operation, inputs and outputs named like the
// AWS SDK for JavaScript v3's (`CreateAccessKeyCommandInput`/`CreateAccessKeyCommandOutput`).

/** Client settings; anything not given comes from the standard AWS chain (AWS_* environment, shared config and credentials files, ...). */
export interface {{ class_name }}ClientConfig {
  /** Signing region (IAM is global; default us-east-1). */
  region?: string;
  /** Endpoint URL, e.g. `http://127.0.0.1:5000` (also AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_IAM). */
  endpoint?: string;
  /** Static credentials; without them the standard provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Shared config/credentials profile name. */
  profile?: string;
  /** Total attempts per call, retries included (default 3). */
  maxAttempts?: number;
  /** Seconds to establish a connection (default 10). */
  connectTimeout?: number;
  /** Seconds to wait for a response once a request is sent (default 60). */
  readTimeout?: number;
  /** Calls in flight at once (default 50, the v3 SDK's `maxSockets`); further calls wait their turn. */
  maxSockets?: number;
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
{%- for d in declarations %}

{{ d }}
{%- endfor %}

/** Base of the `*Command` classes: holds the operation's input until `client.send(command)`. */
export declare class Command<Input, Output> {
  constructor(input: Input);
  readonly input: Input;
  /** Type-only marker of what `send` resolves to. */
  readonly __output?: Output;
}
{%- for m in methods %}

/** `{{ m.operation }}` in the v3 SDK's command form: `await client.send(new {{ m.command }}(input))`. */
export declare class {{ m.command }} extends Command<{{ m.input_type }}, {{ m.output_type }}> {
  constructor(input{% if !m.input_required %}?{% endif %}: {{ m.input_type }});
}
{%- endfor %}

/**
 * {{ title }}: the v3 SDK's bare client, `await client.send(new CreateAccessKeyCommand(input))`.
 *
 * Constructing is synchronous; configuration is resolved lazily on the first call, once.
 */
export declare class {{ class_name }}Client {
  constructor(config?: {{ class_name }}ClientConfig);
  /** Where the client points (never its credentials). */
  readonly config: { region?: string; endpoint?: string; profile?: string };
  /** Kept for v3 parity; the native client is released with the object. */
  destroy(): void;
  send<I, O>(command: Command<I, O>, options?: object): Promise<O>;
  send<I, O>(command: Command<I, O>, cb: (err: unknown, data?: O) => void): void;
  send<I, O>(command: Command<I, O>, options: object, cb: (err: unknown, data?: O) => void): void;
}

/**
 * {{ title }}, aggregated: one method per operation (and `send`, from {{ class_name }}Client).
 *
 * Constructing is synchronous; configuration is resolved lazily on the first call, once.
 */
export declare class {{ class_name }} extends {{ class_name }}Client {
{%- for m in methods %}

  /**
{%- for line in m.doc %}
   *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
   */
  {{ m.name }}(input{% if !m.input_required %}?{% endif %}: {{ m.input_type }}, options?: HttpHandlerOptions): Promise<{{ m.output_type }}>;
{%- endfor %}
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
}

/** Base of every error polyiam throws (like the v3 SDK's `IAMServiceException`). */
export declare class {{ base }} extends ServiceException {
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
export declare class ValidationError extends {{ base }} {
  readonly name: "ValidationError";
  readonly issues: { path: string; rule: string; detail: string }[];
}
/** The client configuration cannot work (bad endpoint URL, half credentials, ...). */
export declare class ConfigurationError extends ValidationError {}
/** The endpoint could not be reached; the message names it. */
export declare class EndpointConnectionError extends {{ base }} {}
/** The endpoint did not answer in time. */
export declare class TimeoutError extends {{ base }} {}
/** The service answered with something that is not a valid IAM response. */
export declare class ResponseParseError extends {{ base }} {}
/** A bug in polyiam (a Rust panic or an impossible state), turned into an error. */
export declare class InternalError extends {{ base }} {}
/** The call's `abortSignal` was aborted; `outcomeUnknown` is true when a request that changes something had been sent. */
export declare class AbortError extends {{ base }} {
  readonly name: "AbortError";
}
{% for e in errors %}
/** {{ e.doc }} (wire code `{{ e.code }}`, HTTP {{ e.status }}) */
export declare class {{ e.name }} extends {{ base }} {
  readonly name: "{{ e.name }}";
  readonly $fault: "{{ e.fault }}";
}
{%- endfor %}

/** The first argument of every paginator, as in the v3 SDK. */
export interface {{ class_name }}PaginationConfiguration {
  client: {{ class_name }}Client;
  /** Items per request (the operation's page-size member). */
  pageSize?: number;
  /** Resume from a token an earlier page returned. */
  startingToken?: string;
}
{% for p in paginators %}
/** Pages of `{{ p.operation }}`, following `{{ p.input_token }}` until the last page. */
export declare function {{ p.name }}(
  config: {{ class_name }}PaginationConfiguration,
  input?: {{ p.input_type }},
): AsyncGenerator<{{ p.output_type }}, void, undefined>;
{%- endfor %}
