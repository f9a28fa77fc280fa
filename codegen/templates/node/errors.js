{{ header }}
"use strict";
/** One exception class per error the model declares, all under IAMServiceException. */

const { {{ base }} } = require("./runtime");
{% for e in errors %}
/**
 * {{ e.doc }}
 *
 * Wire code `{{ e.code }}`, HTTP {{ e.status }}, fault `{{ e.fault }}`.
 */
class {{ e.name }} extends {{ base }} {
  constructor(opts) {
    super({ ...opts, name: "{{ e.name }}", $fault: "{{ e.fault }}" });
  }
}
{% endfor %}
/** Modelled error classes by shape name, used to throw the right class. */
const BY_SHAPE = Object.freeze({
{%- for e in errors %}
  {{ e.name }},
{%- endfor %}
});

module.exports = {
{%- for e in errors %}
  {{ e.name }},
{%- endfor %}
  BY_SHAPE,
};
