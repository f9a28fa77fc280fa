{{ header }}
"""polyiam's exceptions: the base classes and one class per error the model declares.

Like botocore, ``ClientError`` carries ``.response["Error"]["Code"]`` (the wire code) and
``.response["ResponseMetadata"]``; each modelled error is a subclass, also reachable as
``client.exceptions.<Name>``.
"""

from ._errors import (
{%- for name in base_classes %}
    {{ name }},
{%- endfor %}
)

__all__ = [
{%- for name in base_classes %}
    "{{ name }}",
{%- endfor %}
{%- for e in errors %}
    "{{ e.name }}",
{%- endfor %}
]
{% for e in errors %}

class {{ e.name }}(ClientError):
    """{{ e.doc }} (wire code ``{{ e.code }}``, HTTP {{ e.status }})"""

    code = "{{ e.code }}"
{% endfor %}

#: Modelled error classes by service and wire code, used to raise the right class.
BY_CODE = {
{%- for (service, codes) in by_code %}
    "{{ service }}": {
{%- for (code, name) in codes %}
        "{{ code }}": {{ name }},
{%- endfor %}
    },
{%- endfor %}
}
