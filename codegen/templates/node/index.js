{{ header }}
"use strict";
/** polyiam for Node: AWS services on the smithy-rs Rust SDKs, shaped like the AWS SDK for JavaScript v3. */

// `require("polyiam")` loads the runtime; each of a service's files (client, commands, errors,
// paginators, waiters) loads on the first read of one of its exports, once. A program that makes an IAM
// client never parses STS's files, nor the command classes unless it names one. (index.mjs names every
// export, so an ES module import loads them all: why those files are kept cheap to load.)
const runtime = require("./lib/runtime");

/** `require(path)` on the first call, the same module after. */
function once(path) {
  let mod;
  return () => (mod ??= require(path));
}
/** `module.exports[name]` as a getter of `load()[key]`: enumerable, so spreading and `Object.keys` see it. */
function lazy(name, load, key = name) {
  Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => load()[key] });
}

// Lists rather than one `lazy(...)` line per export: this file is on every start, and ~280 such lines
// took twice as long to compile.
/** `lazy` for each name (or `[export, key]` pair) of `names`. */
function lazyAll(load, names) {
  for (const n of names) typeof n === "string" ? lazy(n, load) : lazy(n[0], load, n[1]);
}
{% for name in runtime_exports %}
module.exports.{{ name }} = runtime.{{ name }};
{%- endfor %}
{%- for s in services %}

const {{ s.slug }} = {
  client: once("./lib/{{ s.slug }}/client"),
  commands: once("./lib/{{ s.slug }}/commands"),
  errors: once("./lib/{{ s.slug }}/errors"),
  paginators: once("./lib/{{ s.slug }}/paginators"),
  waiters: once("./lib/{{ s.slug }}/waiters"),
};
lazyAll({{ s.slug }}.client, ["{{ s.class_name }}Client", "{{ s.class_name }}"]);
lazyAll({{ s.slug }}.errors, [
  "{{ s.base }}",
{%- for (export, name) in s.errors %}
{%- if export == name %}
  "{{ export }}",
{%- else %}
  ["{{ export }}", "{{ name }}"],
{%- endif %}
{%- endfor %}
]);
lazyAll({{ s.slug }}.commands, [
{%- for name in s.commands %}
  "{{ name }}",
{%- endfor %}
]);
lazyAll({{ s.slug }}.paginators, [
{%- for name in s.paginators %}
  "{{ name }}",
{%- endfor %}
]);
lazyAll({{ s.slug }}.waiters, [
{%- for name in s.waiters %}
  "{{ name }}",
{%- endfor %}
]);
{%- endfor %}
