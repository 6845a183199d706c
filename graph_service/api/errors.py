"""Errors a client caused and may read; anything else is an internal error."""

from __future__ import annotations

from graphql import GraphQLError


class UserInputError(GraphQLError):
    """Bad arguments: the message says what was wrong and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "BAD_USER_INPUT"})


class LimitExceededError(GraphQLError):
    """A request asked for more work than the service's limits allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "LIMIT_EXCEEDED"})
