{{ header }}
// The ES module entry point: the same objects as the CommonJS one (so `instanceof` agrees).
// `require`, not `import ... from "./index.js"`: importing CommonJS makes Node scan its source for
// export names (cjs-module-lexer), ~3 ms of every start, to find none (index.js defines getters).
import { createRequire } from "node:module";

const polyiam = createRequire(import.meta.url)("./index.js");

export const {
{%- for name in runtime_exports %}
  {{ name }},
{%- endfor %}
{%- for s in services %}
  {{ s.class_name }}Client,
  {{ s.class_name }},
  {{ s.base }},
{%- for name in s.commands %}
  {{ name }},
{%- endfor %}
{%- for (name, _) in s.errors %}
  {{ name }},
{%- endfor %}
{%- for name in s.paginators %}
  {{ name }},
{%- endfor %}
{%- for name in s.waiters %}
  {{ name }},
{%- endfor %}
{%- endfor %}
} = polyiam;

export default polyiam;
