{{ header }}
// The ES module entry point: the same objects as the CommonJS one (so `instanceof` agrees).
import polyiam from "./index.js";

export const {
  {{ class_name }}Client,
  {{ class_name }},
{%- for name in commands %}
  {{ name }},
{%- endfor %}
{%- for name in runtime_exports %}
  {{ name }},
{%- endfor %}
{%- for name in errors %}
  {{ name }},
{%- endfor %}
{%- for name in paginators %}
  {{ name }},
{%- endfor %}
} = polyiam;

export default polyiam;
