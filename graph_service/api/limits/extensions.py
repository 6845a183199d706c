"""The schema extensions that enforce `SchemaLimits`, as factories (one instance per request).

Per-document analyses are shared by every request of the schema: the cost estimate is
memoised per document and the variables it reads, the shape verdict per document
(`memo.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from strawberry.extensions import DisableIntrospection, MaxTokensLimiter, SchemaExtension

from graph_service.api.limits.config import SchemaLimits
from graph_service.api.limits.cost_limiter import CostLimiter, memoised_cost
from graph_service.api.limits.memo import DocumentMemo
from graph_service.api.limits.shape_limiter import ShapeLimiter


def limit_extensions(limits: SchemaLimits) -> list[Callable[[], SchemaExtension]]:
    shape_limiter = partial(
        ShapeLimiter,
        max_depth=limits.max_depth,
        max_aliases=limits.max_aliases,
        max_selections=limits.max_selections,
        max_field_merges=limits.max_field_merges,
    )
    judge = shape_limiter()
    shape_violations: DocumentMemo[list[str]] = DocumentMemo(
        lambda schema, document, variables, operation: judge.violations(document)
    )
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(shape_limiter, memo=shape_violations),
        partial(
            CostLimiter,
            max_cost=limits.max_cost,
            cost=memoised_cost(limits.page_cap, limits.nested_page),
        ),
    ]
    if not limits.introspection:
        extensions.append(DisableIntrospection)
    return extensions
