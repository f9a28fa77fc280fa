from typing import Any, Literal, overload

from ._runtime import AsyncPaginator as AsyncPaginator
from .iam import AsyncIAM as AsyncIAM
from .sts import AsyncSTS as AsyncSTS

# Keyword arguments: polyiam.client's (model/options.json), e.g. region_name, endpoint_url,
# aws_access_key_id, aws_secret_access_key, max_attempts, read_timeout, max_pool_connections.
@overload
def client(service_name: Literal["iam"] = "iam", **options: Any) -> AsyncIAM: ...
@overload
def client(service_name: Literal["sts"], **options: Any) -> AsyncSTS: ...
