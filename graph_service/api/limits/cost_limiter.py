"""Refuses, before it runs, an operation whose estimated cost is over the limit.

Runs after validation (so variables are known and the document is sound) and answers by
setting the result, which Strawberry treats as "already executed": nothing reaches the graph.
The estimate is memoised per document and the variables it reads (`DocumentMemo`), shared
by every request of the schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from graphql import DocumentNode, ExecutionResult, GraphQLSchema
from strawberry.extensions import SchemaExtension

from graph_service.api.errors import LimitExceededError
from graph_service.api.limits.cost import estimate_cost
from graph_service.api.limits.memo import DocumentMemo


def memoised_cost(page_cap: int, nested_page: int) -> DocumentMemo[int]:
    return DocumentMemo(partial(_cost, page_cap=page_cap, nested_page=nested_page))


def _cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any],
    operation_name: str | None,
    *,
    page_cap: int,
    nested_page: int,
) -> int:
    return estimate_cost(
        schema,
        document,
        variables=variables,
        operation_name=operation_name,
        page_cap=page_cap,
        nested_page=nested_page,
    )


class CostLimiter(SchemaExtension):
    def __init__(self, *, max_cost: int, cost: DocumentMemo[int]) -> None:
        self.max_cost = max_cost
        self.cost = cost

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            cost = self.cost(
                context.schema._schema,
                context.query,
                context.graphql_document,
                context.variables,
                context.operation_name,
            )
            if cost > self.max_cost:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        LimitExceededError(
                            f"query cost {cost} exceeds the limit of {self.max_cost}: ask for "
                            "smaller pages (first/last/limit) or fewer nested connections"
                        )
                    ],
                )
        yield
