{{ header }}
"use strict";
/** polyiam for Node: AWS services on the smithy-rs Rust SDKs, shaped like the AWS SDK for JavaScript v3. */

// `require("polyiam")` loads the runtime; each of a service's files (client, commands, errors,
// paginators, waiters) loads on the first read of one of its exports, once. A program that makes an IAM
// client never parses STS's files, nor the command classes unless it names one. (index.mjs names every
// export, so an ES module import loads them all.)
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
lazy("{{ s.class_name }}Client", {{ s.slug }}.client);
lazy("{{ s.class_name }}", {{ s.slug }}.client);
lazy("{{ s.base }}", {{ s.slug }}.errors);
{%- for name in s.commands %}
lazy("{{ name }}", {{ s.slug }}.commands);
{%- endfor %}
{%- for (export, name) in s.errors %}
lazy("{{ export }}", {{ s.slug }}.errors, "{{ name }}");
{%- endfor %}
{%- for name in s.paginators %}
lazy("{{ name }}", {{ s.slug }}.paginators);
{%- endfor %}
{%- for name in s.waiters %}
lazy("{{ name }}", {{ s.slug }}.waiters);
{%- endfor %}
{%- endfor %}
