{{ header }}
"""The services polyiam binds: ``polyiam.client(name)`` and ``polyiam.aio.client(name)`` look them up here."""
{% for (service, class_name) in services %}
from .{{ service }} import Async{{ class_name }}, {{ class_name }}
{%- endfor %}

#: service name -> its blocking client class.
CLIENTS = {
{%- for (service, class_name) in services %}
    "{{ service }}": {{ class_name }},
{%- endfor %}
}

#: service name -> its asyncio client class.
ASYNC_CLIENTS = {
{%- for (service, class_name) in services %}
    "{{ service }}": Async{{ class_name }},
{%- endfor %}
}
