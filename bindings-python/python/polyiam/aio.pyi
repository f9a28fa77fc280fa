from typing import Optional

from ._runtime import AsyncPaginator as AsyncPaginator
from .iam import AsyncIAM as AsyncIAM

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
    max_pool_connections: Optional[int] = None,
) -> AsyncIAM: ...
