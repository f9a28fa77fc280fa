{{ header }}
"use strict";
/** polyiam for Node: AWS services on the smithy-rs Rust SDKs, shaped like the AWS SDK for JavaScript v3. */

const runtime = require("./lib/runtime");
{%- for s in services %}
const {{ s.slug }} = {
  ...require("./lib/{{ s.slug }}/client"),
  ...require("./lib/{{ s.slug }}/commands"),
  ...require("./lib/{{ s.slug }}/errors"),
  ...require("./lib/{{ s.slug }}/paginators"),
  ...require("./lib/{{ s.slug }}/waiters"),
};
{%- endfor %}

module.exports = {
{%- for name in runtime_exports %}
  {{ name }}: runtime.{{ name }},
{%- endfor %}
{%- for s in services %}
  {{ s.class_name }}Client: {{ s.slug }}.{{ s.class_name }}Client,
  {{ s.class_name }}: {{ s.slug }}.{{ s.class_name }},
  {{ s.base }}: {{ s.slug }}.{{ s.base }},
{%- for name in s.commands %}
  {{ name }}: {{ s.slug }}.{{ name }},
{%- endfor %}
{%- for (export, name) in s.errors %}
  {{ export }}: {{ s.slug }}.{{ name }},
{%- endfor %}
{%- for name in s.paginators %}
  {{ name }}: {{ s.slug }}.{{ name }},
{%- endfor %}
{%- for name in s.waiters %}
  {{ name }}: {{ s.slug }}.{{ name }},
{%- endfor %}
{%- endfor %}
};
