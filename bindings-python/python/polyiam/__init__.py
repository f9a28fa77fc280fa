"""polyiam: AWS IAM on aws-sdk-iam (Rust), with boto3's method names, arguments and results.

    >>> import polyiam
    >>> iam = polyiam.client("iam")
    >>> iam.create_access_key(UserName="Bob")["AccessKey"]["AccessKeyId"]

For asyncio, ``polyiam.aio.client("iam")`` takes the same arguments and its methods are coroutines.
"""

from typing import Any, Dict

from . import _boundary, _services, exceptions
from ._runtime import Paginator
from ._version import __version__
from .iam import IAM
from .sts import STS

__all__ = ["client", "exceptions", "IAM", "STS", "Paginator"]

def _client_class(service_name: str, classes: Dict[str, Any]) -> Any:
    """The client class of ``service_name``, for :func:`client` and :func:`polyiam.aio.client`."""
    try:
        return classes[service_name]
    except (KeyError, TypeError):
        known = ", ".join(repr(s) for s in sorted(classes))
        raise ValueError(f"polyiam provides the services {known}, not {service_name!r}") from None


def client(service_name: str = "iam", **options: Any) -> Any:
    """Create a client of ``service_name`` (``"iam"``, ``"sts"``), like ``boto3.client("iam", ...)``.

    Anything not given comes from the standard AWS configuration chain: ``AWS_*`` environment
    variables (including ``AWS_ENDPOINT_URL`` and ``AWS_ENDPOINT_URL_IAM``), the shared config and
    credentials files, SSO-less profiles, web identity and container/instance metadata.

    The client may be shared by threads and survives ``fork`` (``multiprocessing``): a child process
    makes its own connections on first use. Ctrl-C interrupts a call that is waiting.

    Keyword arguments (all optional):
    """
    return _client_class(service_name, _services.CLIENTS)(**options)


client.__doc__ = (client.__doc__ or "") + "".join(
    f"\n    ``{name}``: {doc}" for name, doc in _boundary.OPTION_DOCS.items()
)
