{{ header }}
"""The {{ class_doc }} client: one method per operation in model/."""

from typing import Any, Dict

from ._runtime import BaseClient

__all__ = ["{{ class_name }}"]


class {{ class_name }}(BaseClient):
    """{{ class_doc }}, with boto3's method names and keyword arguments.

    Create one with :func:`polyiam.client`; it may be shared between threads.
    """

    _PAGINATORS = {
{%- for (method, op) in paginators %}
        "{{ method }}": "{{ op }}",
{%- endfor %}
    }
{% for m in methods %}
    def {{ m.name }}(self, **kwargs: Any) -> Dict[str, Any]:
        """{% for line in m.doc %}{% if loop.first %}{{ line }}{% else %}
{% if !line.is_empty() %}        {{ line }}{% endif %}{% endif %}{% endfor %}
        """
        return self._make_api_call("{{ m.operation }}", kwargs)
{% endfor -%}
