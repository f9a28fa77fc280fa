{{ header }}
from typing import Literal, Optional, overload

from ._runtime import AsyncPaginator as AsyncPaginator
{%- for (service, class_name) in services %}
from .{{ service }} import Async{{ class_name }} as Async{{ class_name }}
{%- endfor %}
{% for (service, class_name) in services %}
@overload
def client(
    service_name: Literal["{{ service }}"]{% if loop.first %} = "{{ service }}"{% endif %},
    *,
{%- for (name, o) in options %}
    {{ name }}: Optional[{% if o.kind == "string" %}str{% else if o.kind == "integer" %}int{% else %}float{% endif %}] = None,
{%- endfor %}
) -> Async{{ class_name }}: ...
{%- endfor %}
