"""Errors a client caused and may read; anything else is an internal error."""

from __future__ import annotations

from graphql import GraphQLError

BAD_USER_INPUT = "BAD_USER_INPUT"
LIMIT_EXCEEDED = "LIMIT_EXCEEDED"

# The code of an error answered with an HTTP status before any GraphQL work.
STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
}


def status_code(status: int) -> str:
    return STATUS_CODES.get(status, "BAD_REQUEST" if status < 500 else "INTERNAL_SERVER_ERROR")


class UserInputError(GraphQLError):
    """Bad arguments: the message says what was wrong and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": BAD_USER_INPUT})


class LimitExceededError(GraphQLError):
    """A request asked for more work than the service's limits allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": LIMIT_EXCEEDED})
