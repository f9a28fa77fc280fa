{{ header }}
"use strict";
/** polyiam for Node: AWS IAM on aws-sdk-iam (Rust), shaped like the AWS SDK for JavaScript v3. */

const runtime = require("./lib/runtime");
const { {{ class_name }}Client, {{ class_name }} } = require("./lib/client");
const commands = require("./lib/commands");
const errors = require("./lib/errors");
const paginators = require("./lib/paginators");

module.exports = {
  {{ class_name }}Client,
  {{ class_name }},
{%- for name in commands %}
  {{ name }}: commands.{{ name }},
{%- endfor %}
{%- for name in runtime_exports %}
  {{ name }}: runtime.{{ name }},
{%- endfor %}
{%- for name in errors %}
  {{ name }}: errors.{{ name }},
{%- endfor %}
{%- for name in paginators %}
  {{ name }}: paginators.{{ name }},
{%- endfor %}
};
