{{ header }}
"use strict";
/** The {{ title }} client: one method per operation in model/. */

const { BaseClient } = require("../runtime");
const { send } = require("../command");
const errors = require("./errors");

/** What the runtime needs of this service: its name in the core, base exception, modelled errors. */
const SERVICE = Object.freeze({ name: "{{ slug }}", base: errors.{{ class_name }}ServiceException, byShape: errors.BY_SHAPE });

/**
 * The v3 SDK's bare client: `await client.send(new CreateAccessKeyCommand(input))` (commands in
 * commands.js). {{ class_name }} extends it with one method per operation, as in v3.
 */
class {{ class_name }}Client extends BaseClient {
  constructor(config = {}) {
    super(config, SERVICE);
  }

  /** Runs a command; v3's callback form `send(command, (err, data) => ...)` works too. */
  send(command, optionsOrCb, cb) {
    return send(this, command, optionsOrCb, cb);
  }
}

/**
 * {{ title }}, with the AWS SDK for JavaScript v3's method names, inputs and outputs.
 *
 * Constructing is synchronous and does no I/O; the configuration (and the standard AWS chain for
 * anything not given) is resolved on the first call, once. Every method returns a Promise and runs
 * on polyiam's native I/O runtime, never blocking the event loop.
 */
class {{ class_name }} extends {{ class_name }}Client {
  constructor(config = {}) {
    super(config, SERVICE);
  }
{% for m in methods %}
  /**
{%- for line in m.doc %}
   *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
   */
  {{ m.name }}(input = {}, options = undefined) {
    return this._call("{{ m.operation }}", input, options);
  }
{% endfor -%}
}

/** Every operation's method name, by operation name. */
{{ class_name }}.OPERATIONS = Object.freeze({
{%- for m in methods %}
  {{ m.operation }}: "{{ m.name }}",
{%- endfor %}
});

module.exports = { {{ class_name }}Client, {{ class_name }} };
