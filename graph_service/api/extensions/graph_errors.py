"""Every error a client sees carries a code, and graph errors a plain message, in every mode.

Graph timeouts, outages and conflicts are expected conditions, not bugs: a client told "the
graph did not answer within 10 s" can ask for less; one told "unavailable" or "conflict" can
retry. Any other failure of the graph (a query it rejected) reaches the client as
`GRAPH_ERROR` and a plain message: the driver's text, which may quote Cypher and record ids,
goes to the log with the request id. The driver failing on this side (closed, misused) is
the service's fault and stays an internal error (masked in production). Errors without a
code get the one that says what kind they are (parse, validation, variables, internal).
Registered after error masking, so it
runs first on the way out: masking still sees internal errors as internal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graph_service.api.errors import BAD_USER_INPUT
from graph_service.api.extensions.mask_internal_errors import request_id_of
from graph_service.graph.errors import (
    GraphBusy,
    GraphConflict,
    GraphDriverError,
    GraphError,
    GraphTimeout,
    GraphUnavailable,
)

logger = logging.getLogger("graph_service.errors")

UNAVAILABLE_MESSAGE = "the graph is unavailable; try again shortly"
CONFLICT_MESSAGE = "a concurrent change conflicted with this one; try again"
GRAPH_ERROR_MESSAGE = "the graph could not run this request; quote the request id to report it"
BUSY_MESSAGE = "the service is overloaded; try again shortly"


def _kind_code(error: GraphQLError) -> str:
    """The code of an error raised without one."""
    original = error.original_error
    if original is not None:
        return BAD_USER_INPUT if isinstance(original, GraphQLError) else "INTERNAL_SERVER_ERROR"
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if error.path is not None:
        return "INTERNAL_SERVER_ERROR"  # e.g. null for a non-null field
    if error.message.startswith("Variable '$"):
        return BAD_USER_INPUT
    return "GRAPHQL_VALIDATION_FAILED"


def _is_graph_error(original: Exception | None) -> bool:
    return isinstance(original, GraphError) and not isinstance(original, GraphDriverError)


def _with(error: GraphQLError, message: str, code: str, **extensions: Any) -> GraphQLError:
    """`error` with this message and code; a graph error is no longer internal, so the new
    error drops it (masking leaves it alone), while a coded error keeps its original."""
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None if _is_graph_error(error.original_error) else error.original_error,
        extensions={**(error.extensions or {}), "code": code, **extensions},
    )


def coded(error: GraphQLError, request_id: str) -> GraphQLError:
    original = error.original_error
    if isinstance(original, GraphTimeout):
        return _with(error, str(original), "GRAPH_TIMEOUT")
    if isinstance(original, GraphUnavailable):
        # Per request at DEBUG: the circuit breaker logs each outage once, with its reason.
        logger.debug("graph unavailable in request %s at %s: %s", request_id, error.path, original)
        return _with(error, UNAVAILABLE_MESSAGE, "GRAPH_UNAVAILABLE")
    if isinstance(original, GraphBusy):
        logger.debug("no graph connection free in request %s: %s", request_id, original)
        return _with(error, BUSY_MESSAGE, "GRAPH_BUSY")
    if isinstance(original, GraphConflict):
        logger.warning("conflict in request %s at %s: %s", request_id, error.path, original)
        return _with(error, CONFLICT_MESSAGE, "CONFLICT")
    if _is_graph_error(original):
        logger.error(
            "graph error in request %s at %s: %s",
            request_id,
            error.path,
            original,
            exc_info=original,
        )
        return _with(error, GRAPH_ERROR_MESSAGE, "GRAPH_ERROR", requestId=request_id)
    return with_code(error)


def with_code(error: GraphQLError) -> GraphQLError:
    """`error`, given the code of its kind if it has none."""
    if (error.extensions or {}).get("code"):
        return error
    return _with(error, error.message, _kind_code(error))


class GraphErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            request_id = request_id_of(self.execution_context.context)
            result.errors = [coded(error, request_id) for error in errors]
