"""polyiam: AWS IAM on aws-sdk-iam (Rust), with boto3's method names, arguments and results.

    >>> import polyiam
    >>> iam = polyiam.client("iam")
    >>> iam.create_access_key(UserName="Bob")["AccessKey"]["AccessKeyId"]
"""

from typing import Any, Optional

from . import exceptions
from ._runtime import Paginator
from ._version import __version__
from .iam import IAM

__all__ = ["client", "exceptions", "IAM", "Paginator"]


def client(
    service_name: str = "iam",
    *,
    region_name: Optional[str] = None,
    endpoint_url: Optional[str] = None,
    aws_access_key_id: Optional[str] = None,
    aws_secret_access_key: Optional[str] = None,
    aws_session_token: Optional[str] = None,
    profile_name: Optional[str] = None,
    max_attempts: Optional[int] = None,
    connect_timeout: Optional[float] = None,
    read_timeout: Optional[float] = None,
    **unsupported: Any,
) -> IAM:
    """Create an IAM client, like ``boto3.client("iam", ...)``.

    Anything not given comes from the standard AWS configuration chain: ``AWS_*`` environment
    variables (including ``AWS_ENDPOINT_URL`` and ``AWS_ENDPOINT_URL_IAM``), the shared config and
    credentials files, SSO-less profiles, web identity and container/instance metadata.
    ``max_attempts`` (default 3), ``connect_timeout`` (10 s) and ``read_timeout`` (60 s) are boto3's
    retry and timeout settings.
    """
    if service_name != "iam":
        raise ValueError(f"polyiam only provides the 'iam' service, not {service_name!r}")
    if unsupported:
        raise TypeError(f"client() got unsupported arguments: {', '.join(sorted(unsupported))}")
    return IAM(
        region_name=region_name,
        endpoint_url=endpoint_url,
        aws_access_key_id=aws_access_key_id,
        aws_secret_access_key=aws_secret_access_key,
        aws_session_token=aws_session_token,
        profile_name=profile_name,
        max_attempts=max_attempts,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
    )
