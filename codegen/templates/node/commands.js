{{ header }}
"use strict";
/** The v3 SDK's command classes, one per operation: `await client.send(new GetUserCommand(input))`. */

const { Command } = require("../command");
{% for m in methods %}
/** Runs `{{ m.operation }}` when sent (`{{ class_name }}#{{ m.name }}` without the aggregated client). */
class {{ m.command }} extends Command {
  static operation = "{{ m.operation }}";
}
{% endfor %}
module.exports = {
{%- for m in methods %}
  {{ m.command }},
{%- endfor %}
};
