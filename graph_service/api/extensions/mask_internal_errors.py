"""Production mode: internal errors reach the client as a message and a request id only.

Errors the client caused and may read (GraphQLError subclasses such as UserInputError,
LimitExceededError and the auth errors, plus parse and validation errors) pass through.
Anything else is logged with its traceback under the request id the client is given.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from graph_service.api.middleware.request_id import STATE_KEY as REQUEST_ID_KEY

logger = logging.getLogger("graph_service.errors")

MESSAGE = "Internal error. Quote the request id when you report it."


def is_internal(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class MaskInternalErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_internal, error_message=MESSAGE)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = request_id_of(self.execution_context.context)
        logger.error(
            "internal error in request %s at %s",
            request_id,
            error.path,
            exc_info=error.original_error,
        )
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )


def request_id_of(context: Any) -> str:
    """The id the request was given (`RequestIdMiddleware`), or a fresh one outside HTTP."""
    request = getattr(context, "request", None)
    state = getattr(request, "scope", {}).get("state", {})
    request_id = state.get(REQUEST_ID_KEY) if isinstance(state, dict) else None
    return str(request_id) if request_id else uuid.uuid4().hex
