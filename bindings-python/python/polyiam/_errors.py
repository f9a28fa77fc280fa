"""The exception base classes, named and shaped like botocore's."""

from typing import Any, Dict, List, Optional


class PolyiamError(Exception):
    """Base of every exception polyiam raises."""

    def __init__(self, message: str, info: Optional[Dict[str, Any]] = None):
        super().__init__(message)
        self.info: Dict[str, Any] = dict(info or {})

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
        message = (
            f"An error occurred ({error.get('Code', 'Unknown')}) when calling the "
            f"{operation_name} operation: {error.get('Message', '')}"
        )
        if info and info.get("outcome_note"):
            message += f" ({info['outcome_note']})"
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


class EndpointConnectionError(PolyiamError, ConnectionError):
    """The endpoint could not be reached; the message names it."""


class ConfigurationError(ParamValidationError):
    """The client configuration cannot work (bad endpoint URL, half credentials, a wrong type)."""


class ReadTimeoutError(PolyiamError, TimeoutError):
    """No answer within ``read_timeout`` after the request was sent; the message names the endpoint."""


class ConnectTimeoutError(EndpointConnectionError, TimeoutError):
    """No connection within ``connect_timeout``; nothing was sent."""


class ResponseParseError(PolyiamError):
    """The service answered with something that is not a valid IAM response."""


class InternalError(PolyiamError):
    """A bug in polyiam (a Rust panic or an impossible state), turned into an exception."""


class RequestCancelledError(PolyiamError):
    """The call was given up before it finished (the request in flight was dropped, not retried).
    ``outcome_unknown`` says whether a request that changes something had already been sent.
    A Ctrl-C raises ``KeyboardInterrupt`` itself (with this information as a note)."""
