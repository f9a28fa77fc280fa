{{ header }}
"""The exception base classes, named and shaped like botocore's: one per error kind of the core
(codegen/src/boundary.rs); the modelled errors of each service extend ``ClientError``."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: typing costs import time
    from typing import Any, Dict, List, Optional


class PolyiamError(Exception):
    """Base of every exception polyiam raises."""

    def __init__(self, message: str, info: Optional[Dict[str, Any]] = None):
        # Exception's own __init__, not super()'s: where botocore's classes are bases (see
        # _runtime.bind_botocore), theirs take keyword arguments only.
        Exception.__init__(self, message)
        self.info: Dict[str, Any] = dict(info or {})
        #: botocore's BotoCoreError attribute (its format arguments); polyiam's errors carry ``info``.
        self.kwargs: Dict[str, Any] = {}

    def __reduce__(self):
        return (self.__class__, (str(self), self.info))

    @property
    def operation_name(self) -> Optional[str]:
        return self.info.get("operation")

    @property
    def outcome_unknown(self) -> bool:
        """True when the request may have been applied although the call failed (it was not retried)."""
        return bool(self.info.get("outcome_unknown"))


class ClientError(PolyiamError):
    """The service answered with an error. Like botocore's ClientError:
    ``e.response["Error"]["Code"]`` is the wire code, ``e.response["ResponseMetadata"]`` the request's."""

    code: Optional[str] = None
    #: Shadows PolyiamError's read-only property: like botocore's, a plain instance attribute.
    operation_name: Optional[str] = None  # type: ignore[assignment]

    def __init__(self, error_response: Dict[str, Any], operation_name: Optional[str], info: Optional[Dict[str, Any]] = None):
        error = error_response.get("Error", {})
        if info and info.get("display"):
            # The core's wording: botocore's, with the outcome note, or a constraint error's problems.
            message = info["display"]
        else:
            message = (
                f"An error occurred ({error.get('Code', 'Unknown')}) when calling the "
                f"{operation_name} operation: {error.get('Message', '')}"
            )
        super().__init__(message, {**(info or {}), "operation": operation_name})
        self.response: Dict[str, Any] = error_response
        self.operation_name = operation_name

    def __reduce__(self):
        return (self.__class__, (self.response, self.operation_name, self.info))


class ParamValidationError(PolyiamError, ValueError):
    """Bad input, found before anything was sent. ``issues`` lists every problem (path, rule, detail).

    Like botocore's, ``kwargs["report"]`` is the report text: one line per problem.
    """

    def __init__(self, message: str, info: Optional[Dict[str, Any]] = None):
        super().__init__(message, info)
        issues = self.info.get("issues") or []
        lines = [f"{i['path']}: {i['detail']}" if i.get("path") else str(i.get("detail", "")) for i in issues]
        self.kwargs: Dict[str, Any] = {"report": "\n".join(lines) if lines else message}

    def __reduce__(self):
        return (self.__class__, (str(self), self.info))

    @property
    def issues(self) -> List[Dict[str, str]]:
        return list(self.info.get("issues", []))


{%- for c in classes %}{% if !c.parent.is_empty() %}


class {{ c.name }}({{ c.parent }}):
    """{{ c.doc_lines(92, "    ") }}"""
{%- endif %}{% endfor %}
