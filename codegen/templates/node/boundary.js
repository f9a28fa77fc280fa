{{ header }}
"use strict";
/** What crosses the boundary besides results (codegen/src/boundary.rs): the client options (the error classes are in runtime.js). */

/** [config key (dotted for nested keys), the core's option name, type] (model/options.json). */
const OPTIONS = Object.freeze([
{%- for (name, o) in options %}
  ["{{ name }}", "{{ o.name }}", "{{ o.kind }}"],
{%- endfor %}
]);

/** Defaults Node applies where the option is not given. */
const DEFAULTS = Object.freeze({
{%- for (name, o) in options %}{% if let Some(d) = o.node_default %}
  {{ o.name }}: {{ d }},
{%- endif %}{% endfor %}
});

module.exports = { OPTIONS, DEFAULTS };
