// ---- {{ title }} ----

/** {{ title }} client settings (the same for every service). */
export type {{ class_name }}ClientConfig = ClientConfig;{%- for d in declarations %}

{{ d }}
{%- endfor %}

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
  /** Where the client points, resolved as the v3 SDK's are (`await config.region()`); never its credentials. */
  readonly config: {
    region: () => Promise<string>;
    endpoint: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
    profile?: string;
  };
  /**
   * The configuration as a plain object (JSON and structured-clone safe) for `new {{ class_name }}(config)`
   * in a worker; never a secret, unless the client was made with `serializeCredentials: true`.
   */
  toConfig(): {{ class_name }}ClientConfig;
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
  /**
   * This client in several regions (names, a comma-separated string, or `"*"` for every region of
   * the client's partition): each call resolves with `{ [region]: result }`, and regions served by
   * one endpoint share one call. Region names are checked on the first call.
   */
  inRegions(regions: string[] | string): InRegions<{{ class_name }}>;
  /** The regions of a client from `inRegions`. */
  readonly regions?: readonly string[];
{%- for m in methods %}

  /**
{%- for line in m.doc %}
   *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
   */
  {{ m.name }}(input{% if !m.input_required %}?{% endif %}: {{ m.input_type }}, options?: HttpHandlerOptions): Promise<{{ m.output_type }}>;
{%- endfor %}
}

/** Base of every error {{ title }} answers with (like the v3 SDK's `{{ base }}`). */
export declare class {{ base }} extends ServiceException {}
{% for e in errors %}
/** {{ e.doc }} (wire code `{{ e.code }}`, HTTP {{ e.status }}) */
export declare class {{ e.export }} extends {{ base }} {
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
{% for w in waiters %}
/** Polls `{{ w.operation }}` until {{ w.waiter }} (the smithy-rs waiter), for at most `maxWaitTime` seconds; then throws a `TimeoutError`. */
export declare function {{ w.name }}(
  params: { client: {{ class_name }}Client; maxWaitTime: number; abortSignal?: AbortSignal },
  input: {{ w.input_type }},
): Promise<{ state: "SUCCESS"; reason: {{ w.output_type }} }>;
{%- endfor %}
