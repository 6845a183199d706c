"""Refuses, before it runs, an operation whose estimated cost is over the limit.

Runs after validation (so variables are known and the document is sound) and answers by
setting the result, which Strawberry treats as "already executed": nothing reaches the graph.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension

from graph_service.api.errors import LimitExceededError
from graph_service.api.limits.cost import estimate_cost


class CostLimiter(SchemaExtension):
    def __init__(self, *, max_cost: int, page_cap: int) -> None:
        self.max_cost = max_cost
        self.page_cap = page_cap

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            cost = estimate_cost(
                context.schema._schema,
                context.graphql_document,
                variables=context.variables,
                operation_name=context.operation_name,
                page_cap=self.page_cap,
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
