"""The schema extensions that enforce `SchemaLimits`, as factories (one instance per request)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from strawberry.extensions import DisableIntrospection, MaxTokensLimiter, SchemaExtension

from graph_service.api.limits.config import SchemaLimits
from graph_service.api.limits.cost_limiter import CostLimiter
from graph_service.api.limits.shape_limiter import ShapeLimiter


def limit_extensions(limits: SchemaLimits) -> list[Callable[[], SchemaExtension]]:
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(
            ShapeLimiter,
            max_depth=limits.max_depth,
            max_aliases=limits.max_aliases,
            max_selections=limits.max_selections,
            max_field_merges=limits.max_field_merges,
        ),
        partial(CostLimiter, max_cost=limits.max_cost, page_cap=limits.page_cap),
    ]
    if not limits.introspection:
        extensions.append(DisableIntrospection)
    return extensions
