{{ header }}
"""The {{ class_doc }} client: one method per operation in model/."""

from __future__ import annotations

from ._runtime import BaseClient

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any, Dict

__all__ = ["{{ class_name }}", "Async{{ class_name }}"]


class {{ class_name }}(BaseClient):
    """{{ class_doc }}, with boto3's method names and keyword arguments.

    Create one with ``polyiam.client("{{ service }}")``; it may be shared between threads.
    """

    _SERVICE = "{{ service }}"
    _DOC = "{{ class_doc }}"
    #: method -> the operation it calls (polyiam.aio makes the coroutines from it).
    _OPERATIONS = {
{%- for m in methods %}
        "{{ m.name }}": "{{ m.operation }}",
{%- endfor %}
    }
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



def __getattr__(name: str) -> Any:
    # Async{{ class_name }} is made from {{ class_name }} on first use (polyiam.aio, pickle): importing
    # this module does not import asyncio.
    if name == "Async{{ class_name }}":
        from ._aio import async_class

        return async_class({{ class_name }})
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
