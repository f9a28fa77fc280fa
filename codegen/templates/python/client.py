{{ header }}
"""The {{ class_doc }} client: one method per operation in model/."""

from typing import Any, Dict

from ._runtime import AsyncBaseClient, BaseClient

__all__ = ["{{ class_name }}", "Async{{ class_name }}"]


class {{ class_name }}(BaseClient):
    """{{ class_doc }}, with boto3's method names and keyword arguments.

    Create one with ``polyiam.client("{{ service }}")``; it may be shared between threads.
    """

    _SERVICE = "{{ service }}"
    _EXCEPTIONS = ({% for e in errors %}"{{ e }}", {% endfor %})
    _PAGINATORS = {
{%- for (method, op) in paginators %}
        "{{ method }}": "{{ op }}",
{%- endfor %}
    }
    #: boto3's waiter name -> (the model's, seconds between polls at first).
    _WAITERS = {
{%- for (name, model_name, delay) in waiters %}
        "{{ name }}": ("{{ model_name }}", {{ delay }}),
{%- endfor %}
    }
{% for m in methods %}
    def {{ m.name }}(self, **kwargs: Any) -> Dict[str, Any]:
        """{% for line in m.doc %}{% if loop.first %}{{ line }}{% else %}
{% if !line.is_empty() %}        {{ line }}{% endif %}{% endif %}{% endfor %}
        """
        return self._make_api_call("{{ m.operation }}", kwargs)
{% endfor -%}


class Async{{ class_name }}(AsyncBaseClient):
    """{{ class_doc }} for asyncio: the methods of :class:`{{ class_name }}`, as coroutines.

    Create one with ``polyiam.aio.client("{{ service }}")``. Calls run on polyiam's I/O runtime (no thread per
    call); cancelling the awaiting task drops the request in flight.
    """

    _SERVICE = {{ class_name }}._SERVICE
    _EXCEPTIONS = {{ class_name }}._EXCEPTIONS
    _PAGINATORS = {{ class_name }}._PAGINATORS
    _WAITERS = {{ class_name }}._WAITERS
{% for m in methods %}
    async def {{ m.name }}(self, **kwargs: Any) -> Dict[str, Any]:
        """{% for line in m.doc %}{% if loop.first %}{{ line }}{% else %}
{% if !line.is_empty() %}        {{ line }}{% endif %}{% endif %}{% endfor %}
        """
        return await self._make_api_call("{{ m.operation }}", kwargs)
{% endfor -%}
