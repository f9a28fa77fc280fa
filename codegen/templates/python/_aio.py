{{ header }}
"""The asyncio twins of the blocking clients (``polyiam.aio`` imports this; ``import polyiam`` does
not, so programs that never use asyncio never import it).

A call runs on polyiam's I/O runtime (no thread per call). Its result comes back to the event loop
through a per-loop native queue: the runtime's threads queue results without taking the GIL, the
first result of a batch schedules one ``call_soon_threadsafe``, and that callback converts and
settles every result queued by then, so a ``gather`` of thousands of calls wakes the loop once per
batch, not once per call. Cancelling the awaiting task drops the request in flight.

Each service's async class is derived from its blocking class (same methods, names and docstrings,
as coroutines): no per-operation code is written twice.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import weakref

from . import _polyiam
from ._runtime import BaseClient, Paginator, Waiter, _translate

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any, Dict, Optional

#: botocore's default ``max_pool_connections``: calls in flight at once per async client; more wait.
DEFAULT_ASYNC_CONCURRENCY = 10


def _settle(future: asyncio.Future[Any], service: str, ok: bool, value: Any) -> None:
    if future.done():  # the awaiting task was cancelled meanwhile
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(_translate(value, service))


def _wake(settler_ref: weakref.ref[_Settler]) -> None:
    """Called by the native queue (from one of polyiam's threads, with the GIL) once per batch.
    Raises RuntimeError when the loop is closed or gone: the queue then drops the batch."""
    settler = settler_ref()
    loop = settler._loop() if settler is not None else None
    if settler is None or loop is None:
        raise RuntimeError("the event loop is gone")
    loop.call_soon_threadsafe(settler._drain)


class _Settler:
    """One event loop's queue of finished native calls (``_polyiam.SettleQueue``). The runtime's
    threads queue results without the GIL; the first of a batch has ``_wake`` schedule ``_drain``,
    which takes (and converts) every result queued by then.

    Only the coroutines awaiting a call hold a settler (``_SETTLERS`` holds loop and settler
    weakly), and neither the settler nor its queue holds the loop, so a finished loop and its
    settler go away; results a closed loop never took are a cycle the collector frees (the queue
    shows its tokens to it)."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = weakref.ref(loop)
        self.queue = _polyiam.SettleQueue(functools.partial(_wake, weakref.ref(self)))

    def _drain(self) -> None:
        for (future, service), ok, value in self.queue.take():
            _settle(future, service, ok, value)


# At exit, before the interpreter finalizes, no runtime thread may still be attached to Python or
# waiting to be (CPython would end it mid-Rust, aborting the process): see `quiesce_wakes`.
atexit.register(_polyiam.quiesce_wakes)

_SETTLERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, weakref.ref[_Settler]] = weakref.WeakKeyDictionary()


def _settler(loop: asyncio.AbstractEventLoop) -> _Settler:
    """The loop's settler while any of its calls is awaited (concurrent calls share one queue)."""
    ref = _SETTLERS.get(loop)
    found = ref() if ref is not None else None
    if found is None:
        found = _Settler(loop)
        _SETTLERS[loop] = weakref.ref(found)
    return found


async def _await_native(start: Any, service: str) -> Any:
    """Runs ``start(queue, token)`` (a native background call) and awaits its result on this loop."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    settler = _settler(loop)  # kept alive by this frame until the call is settled
    try:
        pending = start(settler.queue, (future, service))
    except _polyiam.NativeError as e:
        raise _translate(e, service) from None
    try:
        return await future
    except asyncio.CancelledError:
        pending.cancel()
        raise


class AsyncBaseClient(BaseClient):
    """The asyncio twin of :class:`BaseClient`: every operation method is a coroutine."""

    def __init__(self, **config: Any):
        if config.get("max_pool_connections") is None:
            config["max_pool_connections"] = DEFAULT_ASYNC_CONCURRENCY
        super().__init__(**config)

    async def _make_api_call(self, operation_name: str, params: Dict[str, Any]) -> Dict[str, Any]:  # type: ignore[override]
        return await _await_native(functools.partial(self._native.start, operation_name, params), self._SERVICE)

    def get_paginator(self, operation_name: str) -> AsyncPaginator:  # type: ignore[override]
        sync = super().get_paginator(operation_name)
        return AsyncPaginator(self, sync._operation)

    def get_waiter(self, waiter_name: str) -> AsyncWaiter:  # type: ignore[override]
        sync = super().get_waiter(waiter_name)
        return AsyncWaiter(self, sync.name, sync._delay)

    async def close(self) -> None:
        """Nothing to release explicitly (connections close with the client); for aiobotocore parity."""

    async def __aenter__(self) -> AsyncBaseClient:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()


class AsyncWaiter(Waiter):
    """The asyncio twin of :class:`Waiter`: ``await waiter.wait(**params)``."""

    async def wait(self, WaiterConfig: Optional[Dict[str, Any]] = None, **params: Any) -> None:  # type: ignore[override]
        start = functools.partial(self._client._native.start_wait, self.name, params, self._max_wait(WaiterConfig))
        await _await_native(start, self._client._SERVICE)


class AsyncPaginator(Paginator):
    """``async for page in client.get_paginator(name).paginate(**params)``, as in aiobotocore."""

    def paginate(self, PaginationConfig: Optional[Dict[str, Any]] = None, **params: Any) -> _AsyncPages:  # type: ignore[override]
        return _AsyncPages(self._native_pages(PaginationConfig, params), self._client._SERVICE)


class _AsyncPages:
    def __init__(self, native: Any, service: str):
        self._native = native
        self._service = service

    def __aiter__(self) -> _AsyncPages:
        return self

    async def __anext__(self) -> Dict[str, Any]:
        page = await _await_native(self._native.next_async, self._service)
        if page is None:
            raise StopAsyncIteration
        return page

    async def build_full_result(self) -> Dict[str, Any]:
        """aiobotocore's ``await paginator.paginate(...).build_full_result()``: the remaining pages
        merged, as :meth:`_Pages.build_full_result`."""
        return await _await_native(self._native.build_full_result_async, self._service)


def _coroutine(method: Any, operation: str) -> Any:
    """The coroutine twin of a generated blocking operation method (same name and docstring)."""

    async def call(self: AsyncBaseClient, **kwargs: Any) -> Dict[str, Any]:
        return await self._make_api_call(operation, kwargs)

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    call.__module__ = method.__module__
    return call


_ASYNC_CLASSES: Dict[type, type] = {}


def async_class(sync: type) -> type:
    """``Async<Name>`` for the generated blocking client class ``<Name>``: its operation methods as
    coroutines, its tables (exceptions, paginators, waiters) shared. Made once per class; pickled by
    reference as ``polyiam.<service>.Async<Name>`` (that module's ``__getattr__`` returns it)."""
    found = _ASYNC_CLASSES.get(sync)
    if found is not None:
        return found
    name = "Async" + sync.__name__
    body: Dict[str, Any] = {
        "__module__": sync.__module__,
        "__qualname__": name,
        "__doc__": (
            f"{sync._DOC} for asyncio: the methods of :class:`{sync.__name__}`, as coroutines.\n\n"
            f"    Create one with ``polyiam.aio.client(\"{sync._SERVICE}\")``. Calls run on polyiam's I/O runtime (no\n"
            "    thread per call); cancelling the awaiting task drops the request in flight.\n    "
        ),
    }
    for key in ("_SERVICE", "_EXCEPTIONS", "_PAGINATORS", "_WAITERS", "_OPERATIONS"):
        body[key] = getattr(sync, key)
    for method_name, operation in sync._OPERATIONS.items():
        method = _coroutine(getattr(sync, method_name), operation)
        method.__qualname__ = f"{name}.{method_name}"
        body[method_name] = method
    found = _ASYNC_CLASSES[sync] = type(name, (AsyncBaseClient,), body)
    return found
