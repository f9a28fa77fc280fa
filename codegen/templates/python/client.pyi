{{ header }}
from datetime import datetime
from typing import Any, Dict, Iterator, List, Literal, Sequence, Union, overload

from typing_extensions import NotRequired, TypedDict

from . import exceptions as _exceptions
from ._aio import AsyncBaseClient, AsyncPaginator, AsyncWaiter
from ._runtime import BaseClient, Paginator, Waiter

class ResponseMetadataTypeDef(TypedDict):
    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: Dict[str, str]
    RetryAttempts: int
{% for t in typeddicts %}
class {{ t.name }}(TypedDict):
{%- for f in t.fields %}
    {{ f.name }}: {% if f.required %}{{ f.hint }}{% else %}NotRequired[{{ f.hint }}]{% endif %}
{%- endfor %}
{%- if t.fields.is_empty() %}
    pass
{%- endif %}
{% endfor %}
class _Exceptions:
{%- for e in errors %}
    {{ e }}: type[_exceptions.{{ e }}]
{%- endfor %}
    ClientError: type[_exceptions.ClientError]

class {{ class_name }}(BaseClient):
    exceptions: _Exceptions
{%- for m in methods %}
    def {{ m.name }}(self{% if !m.params.is_empty() %}, *{% endif %}{% for p in m.params %}, {{ p.name }}: {{ p.hint }}{% if !p.required %} = ...{% endif %}{% endfor %}) -> {{ m.operation }}ResponseTypeDef: ...
{%- endfor %}
{%- for (method, op) in paginators %}
    @overload
    def get_paginator(self, operation_name: Literal["{{ method }}"]) -> Paginator: ...
{%- endfor %}
    @overload
    def get_paginator(self, operation_name: str) -> Paginator: ...
{%- for (name, model_name, delay) in waiters %}
    @overload
    def get_waiter(self, waiter_name: Literal["{{ name }}"]) -> Waiter: ...
{%- endfor %}
    @overload
    def get_waiter(self, waiter_name: str) -> Waiter: ...

class Async{{ class_name }}(AsyncBaseClient):
    exceptions: _Exceptions
{%- for m in methods %}
    async def {{ m.name }}(self{% if !m.params.is_empty() %}, *{% endif %}{% for p in m.params %}, {{ p.name }}: {{ p.hint }}{% if !p.required %} = ...{% endif %}{% endfor %}) -> {{ m.operation }}ResponseTypeDef: ...
{%- endfor %}
{%- for (method, op) in paginators %}
    @overload
    def get_paginator(self, operation_name: Literal["{{ method }}"]) -> AsyncPaginator: ...
{%- endfor %}
    @overload
    def get_paginator(self, operation_name: str) -> AsyncPaginator: ...
{%- for (name, model_name, delay) in waiters %}
    @overload
    def get_waiter(self, waiter_name: Literal["{{ name }}"]) -> AsyncWaiter: ...
{%- endfor %}
    @overload
    def get_waiter(self, waiter_name: str) -> AsyncWaiter: ...
    async def __aenter__(self) -> "Async{{ class_name }}": ...
