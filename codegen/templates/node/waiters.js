{{ header }}
"use strict";
/** v3-style waiters: `await waitUntilX({ client, maxWaitTime }, input)` resolves with `{ state: "SUCCESS", reason }`. */

const { waitUntil } = require("../runtime");
const { {{ class_name }}Client } = require("./client");
{% for w in waiters %}
/**
 * Polls `{{ w.operation }}` until the resource exists ({{ w.waiter }}): the smithy-rs waiter, with the
 * model's back-off, for at most `maxWaitTime` seconds; then throws a `TimeoutError`.
 *
 * @param {{ "{" }}{ client: {{ class_name }}Client, maxWaitTime: number, abortSignal?: AbortSignal }} params
 * @param {{ "{" }}import("../..").{{ w.input_type }}} input
 * @returns {{ "{" }}Promise<{ state: "SUCCESS", reason: import("../..").{{ w.output_type }} }>}
 */
function {{ w.name }}(params, input) {
  return waitUntil({{ class_name }}Client, "{{ w.name }}", "{{ w.waiter }}", params, input);
}
{% endfor %}
module.exports = {
{%- for w in waiters %}
  {{ w.name }},
{%- endfor %}
};
