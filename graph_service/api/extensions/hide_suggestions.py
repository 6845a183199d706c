"""With introspection off, error messages suggest no names ("Did you mean 'auditLog'?").

Those suggestions would let a client read the schema one typo at a time, which is what
turning introspection off (GRAPH_SERVICE_INTROSPECTION=false) forbids. graphql-core appends
them to validation and variable messages as " Did you mean ...?"; this cuts that part off.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

SUGGESTION = " Did you mean "


def without_suggestion(error: GraphQLError) -> GraphQLError:
    if SUGGESTION not in error.message:
        return error
    return GraphQLError(
        error.message.split(SUGGESTION, 1)[0],
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=error.extensions,
    )


class HideSuggestions(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [without_suggestion(error) for error in errors]
