"""Refuses, before validation, an operation too deep, too aliased or too large once expanded.

Replaces Strawberry's `QueryDepthLimiter` and `MaxAliasesLimiter`, which expand every
fragment spread afresh and so take exponential time on a fragment bomb while holding the
event loop. Here each fragment is measured once (`shape.py`), so the check is linear in the
document. It runs before GraphQL's own validation and, when it refuses, stands in for it:
GraphQL's field-merging rule compares same-named fields pairwise, which is what
`max_field_merges` bounds, and none of that work is done for a refused document. Given a
`DocumentMemo`, the verdict is computed once per document text (it reads no variables).
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension

from graph_service.api.limits.memo import DocumentMemo
from graph_service.api.limits.shape import field_merge_pairs, operation_shapes


class ShapeLimiter(SchemaExtension):
    def __init__(
        self,
        *,
        max_depth: int,
        max_aliases: int,
        max_selections: int,
        max_field_merges: int,
        memo: DocumentMemo[list[str]] | None = None,
    ) -> None:
        self.max_depth = max_depth
        self.max_aliases = max_aliases
        self.max_selections = max_selections
        self.max_field_merges = max_field_merges
        self.memo = memo

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            document = context.graphql_document
            messages = (
                self.memo(context.schema._schema, context.query, document, None, None)
                if self.memo is not None
                else self.violations(document)
            )
            if messages:
                context.pre_execution_errors = [GraphQLError(message) for message in messages]
        yield

    def violations(self, document: DocumentNode) -> list[str]:
        operations = operation_shapes(document)
        messages: list[str] = []
        for op in operations:
            shape = op.shape
            if shape.depth > self.max_depth:
                messages.append(f"'{op.name}' exceeds maximum operation depth of {self.max_depth}")
            if shape.selections > self.max_selections:
                messages.append(
                    f"'{op.name}' selects {shape.selections} fields once its fragments are "
                    f"expanded; the limit is {self.max_selections}: spread fragments fewer times"
                )
            elif (pairs := field_merge_pairs(document, op.definition)) > self.max_field_merges:
                messages.append(
                    f"'{op.name}' asks for the same response path through {pairs} pairs of "
                    f"fields; the limit is {self.max_field_merges}: select each field once"
                )
        aliases = sum(op.shape.aliases for op in operations)
        if aliases > self.max_aliases:
            messages.append(f"{aliases} aliases found. Allowed: {self.max_aliases}")
        return messages
