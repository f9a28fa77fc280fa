{{ header }}
from typing import Any, Literal, Optional, Union, overload
{% if prefix.is_empty() %}
from . import exceptions as exceptions
from ._runtime import Paginator as Paginator
{%- else %}
from ._aio import {{ prefix }}Paginator as {{ prefix }}Paginator
{%- endif %}
{%- for (service, class_name) in services %}
from .{{ service }} import {{ prefix }}{{ class_name }} as {{ prefix }}{{ class_name }}
{%- endfor %}
{%- if prefix.is_empty() %}

__version__: str
{%- endif %}
{% for (service, class_name) in services %}
@overload
def client(
    service_name: Literal["{{ service }}"]{% if loop.first %} = "{{ service }}"{% endif %},
    region_name: Optional[str] = None,
    api_version: Optional[str] = None,
    use_ssl: Optional[bool] = None,
    *,
{%- for (name, o) in options %}{% if name != &"region_name" %}
    {{ name }}: Optional[{% if o.kind == "string" %}str{% else if o.kind == "integer" %}int{% else if o.kind == "boolean" %}bool{% else if o.kind == "boolean_or_string" %}Union[bool, str]{% else if o.kind == "map" %}Any{% else %}float{% endif %}] = None,
{%- endif %}{%- endfor %}
) -> {{ prefix }}{{ class_name }}: ...
{%- endfor %}
