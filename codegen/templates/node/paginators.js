{{ header }}
"use strict";
/** v3-style paginators: `for await (const page of paginateX({ client }, input))`. */

const { paginate } = require("../runtime");
const { {{ class_name }}Client } = require("./client");
{% for p in paginators %}
/**
 * Pages of `{{ p.operation }}`, following `{{ p.input_token }}`/`{{ p.output_token }}` until the last page.
 *
 * @param {{ "{" }}{ client: {{ class_name }}Client, pageSize?: number, startingToken?: string }} config - `pageSize` sets `{{ p.page_size }}`.
 * @param {{ "{" }}import("../..").{{ p.input_type }}} [input]
 * @returns {{ "{" }}AsyncGenerator<import("../..").{{ p.output_type }}>}
 */
function {{ p.name }}(config, input = {}) {
  return paginate({{ class_name }}Client, "{{ p.name }}", "{{ p.operation }}", config, input);
}
{% endfor %}
module.exports = {
{%- for p in paginators %}
  {{ p.name }},
{%- endfor %}
};
