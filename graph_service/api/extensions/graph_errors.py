"""Graph timeouts and outages reach clients as what they are, with a code, in every mode.

They are expected conditions, not bugs: a client told "the graph did not answer within
10 s" can ask for less; one told "unavailable" can retry. An outage's details (addresses,
driver messages) stay in the log. Registered after error masking, so it runs first on
the way out and masking leaves these errors alone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graph_service.graph.errors import GraphTimeout, GraphUnavailable

logger = logging.getLogger("graph_service.errors")

UNAVAILABLE_MESSAGE = "the graph is unavailable; try again shortly"


def coded(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, GraphTimeout):
        message, code = str(original), "GRAPH_TIMEOUT"
    elif isinstance(original, GraphUnavailable):
        logger.warning("graph unavailable at %s: %s", error.path, original)
        message, code = UNAVAILABLE_MESSAGE, "GRAPH_UNAVAILABLE"
    else:
        return error
    return GraphQLError(message, nodes=error.nodes, path=error.path, extensions={"code": code})


class GraphErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [coded(error) for error in errors]
