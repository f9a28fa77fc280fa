{{ header }}
from typing import Literal, Optional, overload

from . import exceptions as exceptions
from ._runtime import Paginator as Paginator
{%- for (service, class_name) in services %}
from .{{ service }} import {{ class_name }} as {{ class_name }}
{%- endfor %}

__version__: str
{% for (service, class_name) in services %}
@overload
def client(
    service_name: Literal["{{ service }}"]{% if loop.first %} = "{{ service }}"{% endif %},
    *,
{%- for (name, o) in options %}
    {{ name }}: Optional[{% if o.kind == "string" %}str{% else if o.kind == "integer" %}int{% else %}float{% endif %}] = None,
{%- endfor %}
) -> {{ class_name }}: ...
{%- endfor %}
