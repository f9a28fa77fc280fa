"""polyiam: AWS IAM on aws-sdk-iam (Rust), with boto3's method names, arguments and results.

    >>> import polyiam
    >>> iam = polyiam.client("iam")
    >>> iam.create_access_key(UserName="Bob")["AccessKey"]["AccessKeyId"]

For asyncio, ``polyiam.aio.client("iam")`` takes the same arguments and its methods are coroutines.
"""

from __future__ import annotations

from . import _boundary, _services, exceptions
from ._runtime import Paginator
from ._version import __version__
from .iam import IAM
from .sts import STS

__all__ = ["client", "exceptions", "IAM", "STS", "Paginator"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: typing (like asyncio, imported by polyiam.aio) costs start-up time
    from typing import Any, Dict, Tuple

def _client_class(service_name: str, classes: Dict[str, Any]) -> Any:
    """The client class of ``service_name``, for :func:`client` and :func:`polyiam.aio.client`."""
    try:
        return classes[service_name]
    except (KeyError, TypeError):
        known = ", ".join(repr(s) for s in sorted(classes))
        raise ValueError(f"polyiam provides the services {known}, not {service_name!r}") from None


#: boto3.client's parameters after service_name, in its order: boto3 code passes some by position
#: (``client("iam", "us-east-1")``).
_POSITIONAL = (
    "region_name",
    "api_version",
    "use_ssl",
    "verify",
    "endpoint_url",
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "config",
)


def _boto3_arguments(args: Tuple[Any, ...], options: Dict[str, Any]) -> Dict[str, Any]:
    """The keyword arguments of a boto3-style call: positional ones named, and the two that polyiam
    has no use for checked and dropped (``api_version``: one API version per service;
    ``use_ssl``: the scheme is the endpoint URL's, and AWS's endpoints are https)."""
    if len(args) > len(_POSITIONAL):
        raise TypeError(f"client() takes at most {len(_POSITIONAL) + 1} positional arguments ({len(args) + 1} given)")
    for name, value in zip(_POSITIONAL, args):
        if name in options:
            raise TypeError(f"client() got multiple values for argument {name!r}")
        options[name] = value
    options.pop("api_version", None)
    if options.pop("use_ssl", None) is False and not options.get("endpoint_url"):
        raise ValueError("use_ssl=False needs an http:// endpoint_url: AWS's own endpoints take https only")
    return options


def client(service_name: str = "iam", *args: Any, **options: Any) -> Any:
    """Create a client of ``service_name`` (``"iam"``, ``"sts"``), like ``boto3.client("iam", ...)``.

    Anything not given comes from the standard AWS configuration chain: ``AWS_*`` environment
    variables (including ``AWS_ENDPOINT_URL`` and ``AWS_ENDPOINT_URL_IAM``), the shared config and
    credentials files and their profiles (keys, SSO, credential_process, assume-role), web identity and
    container/instance metadata; proxies from HTTP(S)_PROXY, a CA bundle from AWS_CA_BUNDLE.

    The client may be shared by threads and survives ``fork`` (``multiprocessing``): a child process
    makes its own connections on first use. Ctrl-C interrupts a call that is waiting.

    Keyword arguments (all optional):
    """
    return _client_class(service_name, _services.CLIENTS)(**_boto3_arguments(args, options))


client.__doc__ = (client.__doc__ or "") + "".join(
    f"\n    ``{name}``: {doc}" for name, doc in _boundary.OPTION_DOCS.items()
)
