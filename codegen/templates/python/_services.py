{{ header }}
"""The services polyiam binds: ``polyiam.client(name)`` looks them up here (``polyiam.aio.client``
derives their asyncio twins from them)."""
{% for (service, class_name) in services %}
from .{{ service }} import {{ class_name }}
{%- endfor %}

#: service name -> its blocking client class.
CLIENTS = {
{%- for (service, class_name) in services %}
    "{{ service }}": {{ class_name }},
{%- endfor %}
}
