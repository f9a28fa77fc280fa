"""polyiam: AWS IAM on aws-sdk-iam (Rust), with boto3's method names, arguments and results.

    >>> import polyiam
    >>> iam = polyiam.client("iam")
    >>> iam.create_access_key(UserName="Bob")["AccessKey"]["AccessKeyId"]

For asyncio, ``polyiam.aio.client("iam")`` takes the same arguments and its methods are coroutines.
"""

from typing import Any, Dict

from . import _boundary, exceptions
from ._runtime import Paginator
from ._version import __version__
from .iam import IAM

__all__ = ["client", "exceptions", "IAM", "Paginator"]

def _client_args(service_name: str, options: Dict[str, Any]) -> Dict[str, Any]:
    """The keyword arguments of :func:`client` and :func:`polyiam.aio.client` (checked by the core,
    whose option names they map to: model/options.json)."""
    if service_name != "iam":
        raise ValueError(f"polyiam only provides the 'iam' service, not {service_name!r}")
    return options


def client(service_name: str = "iam", **options: Any) -> IAM:
    """Create an IAM client, like ``boto3.client("iam", ...)``.

    Anything not given comes from the standard AWS configuration chain: ``AWS_*`` environment
    variables (including ``AWS_ENDPOINT_URL`` and ``AWS_ENDPOINT_URL_IAM``), the shared config and
    credentials files, SSO-less profiles, web identity and container/instance metadata.

    The client may be shared by threads and survives ``fork`` (``multiprocessing``): a child process
    makes its own connections on first use. Ctrl-C interrupts a call that is waiting.

    Keyword arguments (all optional):
    """
    return IAM(**_client_args(service_name, options))


client.__doc__ = (client.__doc__ or "") + "".join(
    f"\n    ``{name}``: {doc}" for name, doc in _boundary.OPTION_DOCS.items()
)
