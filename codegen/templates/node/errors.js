{{ header }}
"use strict";
/** {{ title }}'s exceptions: its base class and one class per error the model declares. */

const { ServiceException } = require("../runtime");

/** Base of every error {{ title }} answers with, as the v3 SDK's `{{ base }}`. */
class {{ base }} extends ServiceException {}
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
  {{ base }},
{%- for e in errors %}
  {{ e.name }},
{%- endfor %}
  BY_SHAPE,
};
