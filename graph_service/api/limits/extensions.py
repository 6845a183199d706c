"""The schema extensions that enforce `SchemaLimits`, as factories (one instance per request)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from graph_service.api.limits.config import SchemaLimits
from graph_service.api.limits.cost_limiter import CostLimiter


def limit_extensions(limits: SchemaLimits) -> list[Callable[[], SchemaExtension]]:
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(QueryDepthLimiter, max_depth=limits.max_depth),
        partial(MaxAliasesLimiter, max_alias_count=limits.max_aliases),
        partial(CostLimiter, max_cost=limits.max_cost, page_cap=limits.page_cap),
    ]
    if not limits.introspection:
        extensions.append(DisableIntrospection)
    return extensions
