"""How GraphQL errors are logged: a client's mistake is not the server's error.

Strawberry logs every error of a result at ERROR with its traceback, bad input included.
Here errors the client caused (parse, validation, bad arguments, limits, auth: GraphQL
errors without a foreign cause) are logged at DEBUG; graph timeouts at WARNING without a
traceback; outages not at all per request (the circuit breaker logs each outage once);
graph errors and masked errors were logged by their extensions. Only a bug is logged at
ERROR, once. Strawberry calls this before the extensions give errors their codes, so graph
errors are told by their cause as well as by their code.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from graph_service.graph.errors import GraphDriverError, GraphError, GraphTimeout

logger = logging.getLogger("graph_service.errors")

_QUIET_CODES = {"GRAPH_UNAVAILABLE", "GRAPH_BUSY", "GRAPH_ERROR"}


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            code = (error.extensions or {}).get("code")
            original = error.original_error
            if code in _QUIET_CODES:
                continue
            if code == "GRAPH_TIMEOUT" or isinstance(original, GraphTimeout):
                logger.warning("%s (at %s)", error.message, error.path)
            elif isinstance(original, GraphError) and not isinstance(original, GraphDriverError):
                continue  # `GraphErrorCodes` logs what needs it (an outage: the breaker, once)
            elif original is None or isinstance(original, GraphQLError):
                logger.debug("client error: %s", error.message)
            else:
                logger.error("%s", error, exc_info=original)
