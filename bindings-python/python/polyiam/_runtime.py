"""What every generated client shares: the native client, error translation, paginators.

Per-operation code is generated (iam.py); this module has none.
"""

from types import SimpleNamespace
from typing import Any, Dict, Iterator, Optional

from . import _polyiam, exceptions
from ._errors import PolyiamError

_KIND_CLASSES = {
    "validation": exceptions.ParamValidationError,
    "transport": exceptions.EndpointConnectionError,
    "timeout": exceptions.ConnectTimeoutError,
    "response": exceptions.ResponseParseError,
    "config": exceptions.ParamValidationError,
    "internal": exceptions.InternalError,
}


def _translate(err: "_polyiam.NativeError") -> PolyiamError:
    """The boto3-style exception for a native error."""
    info: Dict[str, Any] = err.args[0]
    if info["kind"] == "service":
        cls = exceptions.BY_CODE.get(info["code"], exceptions.ClientError)
        response = {
            # botocore's order for awsQuery errors: the <Error> element's children as IAM sends them.
            "Error": {
                "Type": "Sender" if info["fault"] == "client" else "Receiver",
                "Code": info["code"],
                "Message": info["message"],
            },
            "ResponseMetadata": {
                "RequestId": info["request_id"] or "",
                "HTTPStatusCode": info["http_status"],
                "HTTPHeaders": info["http_headers"],
                "RetryAttempts": info["retry_attempts"],
            },
        }
        return cls(response, info["operation"], info)
    cls = _KIND_CLASSES.get(info["kind"], PolyiamError)
    return cls(info["display"], info)


class BaseClient:
    """Holds one native client (created once, reused by every call and thread)."""

    _PAGINATORS: Dict[str, str] = {}

    def __init__(self, **config: Any):
        try:
            self._native = _polyiam.Client(**config)
        except _polyiam.NativeError as e:
            raise _translate(e) from None
        self.exceptions = SimpleNamespace(**{name: getattr(exceptions, name) for name in exceptions.__all__})

    def _make_api_call(self, operation_name: str, params: Dict[str, Any]) -> Dict[str, Any]:
        try:
            return self._native.call(operation_name, params)
        except _polyiam.NativeError as e:
            raise _translate(e) from None

    def can_paginate(self, operation_name: str) -> bool:
        return operation_name in self._PAGINATORS

    def get_paginator(self, operation_name: str) -> "Paginator":
        try:
            return Paginator(self, self._PAGINATORS[operation_name])
        except KeyError:
            known = ", ".join(sorted(self._PAGINATORS)) or "none"
            raise exceptions.ParamValidationError(
                f"Operation cannot be paginated: {operation_name} (paginated operations: {known})"
            ) from None

    def __repr__(self) -> str:
        return repr(self._native)


class Paginator:
    """boto3's paginator: ``paginate(**params)`` yields one response dict per page."""

    def __init__(self, client: BaseClient, operation: str):
        self._client = client
        self._operation = operation

    def paginate(self, PaginationConfig: Optional[Dict[str, Any]] = None, **params: Any) -> Iterator[Dict[str, Any]]:
        cfg = dict(PaginationConfig or {})
        unknown = set(cfg) - {"MaxItems", "PageSize", "StartingToken"}
        if unknown:
            raise exceptions.ParamValidationError(f"Unknown PaginationConfig keys: {', '.join(sorted(unknown))}")
        try:
            pages = self._client._native.paginate(
                self._operation,
                params,
                max_items=cfg.get("MaxItems"),
                page_size=cfg.get("PageSize"),
                starting_token=cfg.get("StartingToken"),
            )
        except _polyiam.NativeError as e:
            raise _translate(e) from None
        return _Pages(pages)


class _Pages:
    def __init__(self, native: Any):
        self._native = native

    def __iter__(self) -> "_Pages":
        return self

    def __next__(self) -> Dict[str, Any]:
        try:
            return next(self._native)
        except _polyiam.NativeError as e:
            raise _translate(e) from None
