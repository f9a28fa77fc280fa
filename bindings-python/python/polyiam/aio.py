"""asyncio clients, like aiobotocore's: the methods of :func:`polyiam.client`'s clients, as coroutines.

    >>> import asyncio, polyiam.aio
    >>> async def main():
    ...     async with polyiam.aio.client("iam") as iam:
    ...         return await iam.create_access_key(UserName="Bob")
    >>> asyncio.run(main())

Calls run on polyiam's I/O runtime (no thread per call); results, exceptions and arguments are the
blocking client's. Cancelling the awaiting task drops the request in flight. Paginators iterate
with ``async for``.
"""

from __future__ import annotations

from . import _boto3_arguments, _client_class, _services
from ._aio import AsyncPaginator, async_class

#: service name -> its asyncio client class (derived from the blocking one).
ASYNC_CLIENTS = {service: async_class(cls) for service, cls in _services.CLIENTS.items()}
AsyncIAM = ASYNC_CLIENTS["iam"]
AsyncSTS = ASYNC_CLIENTS["sts"]

__all__ = ["client", "AsyncIAM", "AsyncSTS", "AsyncPaginator"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def client(service_name: str = "iam", *args: Any, **kwargs: Any) -> Any:
    """Create an asyncio IAM client; the arguments are :func:`polyiam.client`'s.

    ``max_pool_connections`` (default 10, botocore's) caps the calls in flight at once; further calls
    wait their turn, so ``asyncio.gather`` of thousands of calls is fine.
    """
    return _client_class(service_name, ASYNC_CLIENTS)(**_boto3_arguments(args, kwargs))
