{{ header }}
"""What every generated client shares: the native client, error translation, paginators and
waiters of the blocking clients (their asyncio twins are in _aio.py, imported by ``polyiam.aio``).

Per-operation code is generated (iam.py); this module has none. Start-up cost counts (issue 21):
nothing here imports asyncio or typing at run time.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from . import _boundary, _polyiam, exceptions
from ._errors import PolyiamError

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: typing costs import time
    from typing import Any, Dict, Iterator, List, Optional, Tuple

# The core's error kinds -> their classes (codegen/src/boundary.rs); service errors are by code.
_KIND_CLASSES = {kind: getattr(exceptions, name) for kind, name in _boundary.KIND_CLASSES.items() if kind != "service"}
# (kind, code) -> the subclass botocore names that failure by (NoCredentialsError, ProfileNotFound, ...).
_CODE_CLASSES = {key: getattr(exceptions, name) for key, name in _boundary.CODE_CLASSES.items()}


#: polyiam's classes and their botocore namesakes (``botocore.exceptions``); every modelled error
#: extends ``ClientError`` and so inherits the binding.
_BOTOCORE_BASES = (
    "ClientError",
    "ParamValidationError",
    "EndpointConnectionError",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "NoCredentialsError",
    "ProfileNotFound",
    "CredentialRetrievalError",
    "TokenRetrievalError",
    "SSLError",
    "WaiterError",
)
_botocore_bound = False


def bind_botocore() -> bool:
    """Makes polyiam's exceptions subclasses of botocore's namesakes, so code written for boto3
    (``except botocore.exceptions.ClientError``) catches them. polyiam never imports botocore: this
    binds once the program has imported ``botocore.exceptions``, and runs (a dict lookup until then)
    when a client is made and when an error is raised. Returns whether the classes are bound."""
    global _botocore_bound
    if _botocore_bound:
        return True
    theirs = sys.modules.get("botocore.exceptions")
    if theirs is None:
        return False
    _botocore_bound = True
    for name in _BOTOCORE_BASES:
        ours, base = getattr(exceptions, name), getattr(theirs, name, None)
        if base is not None and not issubclass(ours, base):
            _add_base(ours, base)
    return True


def _add_base(cls: type, base: type) -> None:
    """``base`` among ``cls``'s bases: right after polyiam's own, so botocore's chain comes before the
    builtin ones (ConnectionError, OSError) and the MRO stays consistent; last where that would
    change the instance layout (TimeoutError's)."""
    bases = list(cls.__bases__)
    own = [i for i, b in enumerate(bases) if issubclass(b, PolyiamError)]
    for at in ([own[-1] + 1] if own else []) + [len(bases)]:
        try:
            cls.__bases__ = tuple(bases[:at] + [base] + bases[at:])
            return
        except TypeError:
            continue


def _mapping(name: str, value: Any) -> Any:
    """A "map" option as a dict: botocore's ``Config`` gives the options its caller set (read, never
    imported: polyiam does not need botocore), anything else with ``keys()`` is taken as a mapping."""
    if _boundary.OPTION_TYPES.get(name) != "map" or isinstance(value, dict):
        return value
    provided = getattr(value, "_user_provided_options", None)
    if isinstance(provided, dict):
        return dict(provided)
    if hasattr(value, "keys"):
        return {k: value[k] for k in value.keys()}
    raise TypeError(f"{name} must be a dict{' or a botocore Config' if name == 'config' else ''}, got {type(value).__name__}")


def _native_client(service: str, config: Dict[str, Any]) -> Any:
    """The core's client options from boto3-style keyword arguments (model/options.json's names);
    ``None`` means not given."""
    bind_botocore()
    unknown = sorted(set(config) - set(_boundary.OPTIONS))
    if unknown:
        raise TypeError(f"client() got unsupported arguments: {', '.join(unknown)}")
    options = {_boundary.OPTIONS[k]: _mapping(k, v) for k, v in config.items() if v is not None}
    names = {core: name for name, core in _boundary.OPTIONS.items()}
    return _polyiam.Client(service, options, names)


def _translate(err: "_polyiam.NativeError", service: str) -> PolyiamError:
    """The boto3-style exception for a native error of a call to ``service``."""
    info: Dict[str, Any] = err.args[0]
    bind_botocore()
    if info["kind"] == "service":
        cls = exceptions.BY_CODE.get(service, {}).get(info["code"], exceptions.ClientError)
    else:
        cls = _CODE_CLASSES.get((info["kind"], info["code"])) or _KIND_CLASSES.get(info["kind"], PolyiamError)
    if issubclass(cls, exceptions.ClientError):
        # The service's answer (or, for a constraint IAM checks, the answer it would give).
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
    return cls(info["display"], info)


def _rebuild(cls: type, description: Dict[str, Any]) -> "BaseClient":
    """Unpickles a client (see ``BaseClient.__reduce__``): one native client per description per
    process, built on its first call from the worker's own credentials."""
    try:
        native = _polyiam.Client.from_description(description)
    except _polyiam.NativeError as e:
        raise _translate(e, getattr(cls, "_SERVICE", "")) from None
    client = object.__new__(cls)
    client._native = native
    client._add_exceptions()
    return client


class BaseClient:
    """Holds one native client (created once, reused by every call and thread)."""

    _SERVICE = ""
    _EXCEPTIONS: Tuple[str, ...] = ()
    _PAGINATORS: Dict[str, str] = {}
    _WAITERS: Dict[str, Tuple[str, int]] = {}

    def __init__(self, **config: Any):
        try:
            self._native = _native_client(self._SERVICE, config)
        except _polyiam.NativeError as e:
            raise _translate(e, self._SERVICE) from None
        self._add_exceptions()

    def _add_exceptions(self) -> None:
        # boto3's client.exceptions: this service's modelled errors and ClientError.
        names = ("ClientError",) + tuple(self._EXCEPTIONS)
        self.exceptions = SimpleNamespace(**{name: getattr(exceptions, name) for name in names})

    # ---- clients that travel (pickle, copy): the core's portable description -----------------

    def __reduce__(self) -> Tuple[Any, ...]:
        """Pickles as the core's description: the options that are not secret and where credentials
        come from, never resolved credentials. Credentials written in code are refused unless the
        client was made with ``serialize_credentials=True``. The copy does no I/O until its first call."""
        names = {core: name for name, core in _boundary.OPTIONS.items()}
        try:
            description = self._native.describe(names)
        except _polyiam.NativeError as e:
            raise _translate(e, self._SERVICE) from None
        return (_rebuild, (type(self), description))

    def __copy__(self) -> "BaseClient":
        # In one process nothing travels: the copy shares the native client (immutable, thread-safe).
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        return other

    def __deepcopy__(self, memo: Dict[int, Any]) -> "BaseClient":
        return self.__copy__()

    def in_regions(self, regions: Any) -> "BaseClient":
        """This client in several regions: a list of region names, a comma-separated string, or
        ``"*"`` for every region of the client's partition. Each call of the returned client
        returns ``{region: result}``; regions served by one endpoint share one call (IAM has one
        endpoint per partition, so ``in_regions("*").create_access_key(...)`` creates one key)."""
        if isinstance(regions, str):
            regions = [regions]  # the core splits comma-separated names
        try:
            native = self._native.in_regions(list(regions))
        except _polyiam.NativeError as e:
            raise _translate(e, self._SERVICE) from None
        except TypeError:
            raise exceptions.ParamValidationError("regions must be a list of region names, or \"*\"") from None
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        other._native = native
        return other

    @property
    def regions(self) -> List[str]:
        """The regions of a client from :meth:`in_regions` (empty otherwise)."""
        return list(self._native.regions)

    def _make_api_call(self, operation_name: str, params: Dict[str, Any]) -> Dict[str, Any]:
        try:
            return self._native.call(operation_name, params)
        except _polyiam.NativeError as e:
            raise _translate(e, self._SERVICE) from None

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

    @property
    def waiter_names(self) -> List[str]:
        """boto3's ``waiter_names``: the waiters this client has."""
        return sorted(self._WAITERS)

    def get_waiter(self, waiter_name: str) -> "Waiter":
        try:
            name, delay = self._WAITERS[waiter_name]
        except KeyError:
            known = ", ".join(sorted(self._WAITERS)) or "none"
            raise ValueError(f"Waiter does not exist: {waiter_name} (waiters: {known})") from None
        return Waiter(self, name, delay)

    @property
    def meta(self) -> SimpleNamespace:
        """boto3's ``client.meta``: ``region_name``, ``endpoint_url`` (resolved from the configuration
        once; nothing is sent) and ``service_model.service_name``."""
        found = self.__dict__.get("_meta")
        if found is None:
            try:
                region, endpoint = self._native.endpoint()
            except _polyiam.NativeError as e:
                raise _translate(e, self._SERVICE) from None
            found = SimpleNamespace(region_name=region, endpoint_url=endpoint, service_model=SimpleNamespace(service_name=self._SERVICE))
            self.__dict__["_meta"] = found
        return found

    def __repr__(self) -> str:
        return repr(self._native)


class Waiter:
    """boto3's waiter: ``wait(**params, WaiterConfig={"Delay": s, "MaxAttempts": n})`` polls the
    operation until the resource is there, for at most Delay x MaxAttempts seconds (boto3's IAM
    waiters: 1 s x 20), then raises ``WaiterError``. Built on the smithy-rs waiter (its acceptors and
    back-off from the model)."""

    def __init__(self, client: Any, name: str, delay: int):
        self._client = client
        self.name = name
        self._delay = delay

    def _max_wait(self, config: Optional[Dict[str, Any]]) -> float:
        cfg = dict(config or {})
        unknown = set(cfg) - {"Delay", "MaxAttempts"}
        if unknown:
            raise exceptions.ParamValidationError(f"Unknown WaiterConfig keys: {', '.join(sorted(unknown))}")
        return float(cfg.get("Delay", self._delay or 1)) * float(cfg.get("MaxAttempts", 20))

    def wait(self, WaiterConfig: Optional[Dict[str, Any]] = None, **params: Any) -> None:
        try:
            self._client._native.wait(self.name, params, self._max_wait(WaiterConfig))
        except _polyiam.NativeError as e:
            raise _translate(e, self._client._SERVICE) from None


class Paginator:
    """boto3's paginator: ``paginate(**params)`` yields one response dict per page."""

    def __init__(self, client: Any, operation: str):
        self._client = client
        self._operation = operation

    def _native_pages(self, pagination_config: Optional[Dict[str, Any]], params: Dict[str, Any]) -> Any:
        cfg = dict(pagination_config or {})
        unknown = set(cfg) - {"MaxItems", "PageSize", "StartingToken"}
        if unknown:
            raise exceptions.ParamValidationError(f"Unknown PaginationConfig keys: {', '.join(sorted(unknown))}")
        try:
            return self._client._native.paginate(
                self._operation,
                params,
                max_items=cfg.get("MaxItems"),
                page_size=cfg.get("PageSize"),
                starting_token=cfg.get("StartingToken"),
            )
        except _polyiam.NativeError as e:
            raise _translate(e, self._client._SERVICE) from None

    def paginate(self, PaginationConfig: Optional[Dict[str, Any]] = None, **params: Any) -> Iterator[Dict[str, Any]]:
        return _Pages(self._native_pages(PaginationConfig, params), self._client._SERVICE)


class _Pages:
    def __init__(self, native: Any, service: str):
        self._native = native
        self._service = service

    def __iter__(self) -> "_Pages":
        return self

    def __next__(self) -> Dict[str, Any]:
        try:
            return next(self._native)
        except _polyiam.NativeError as e:
            raise _translate(e, self._service) from None

    def build_full_result(self) -> Dict[str, Any]:
        """boto3's: the remaining pages' result lists merged, with ``NextToken`` where ``MaxItems``
        stopped the paging (the core's ``Pages::full_result_until``)."""
        try:
            return self._native.build_full_result()
        except _polyiam.NativeError as e:
            raise _translate(e, self._service) from None
