"""Authentication and authorization failures.

`InvalidCredentialsError` is raised before execution (a bad bearer token) and the view answers
it with 401. The two GraphQL errors are raised by resolvers through `require_role`; the view
maps their `code` to the response status (see `graph_service.api.graphql_view`). None of the
messages depends on the request's arguments, so they never tell whether an id exists.
"""

from __future__ import annotations

from graphql import GraphQLError

UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"


class InvalidCredentialsError(Exception):
    """The request carried credentials that are malformed, unknown, expired or badly signed."""


class AuthenticationRequiredError(GraphQLError):
    """An anonymous client asked for something that needs a role; answered with 401."""

    def __init__(self) -> None:
        super().__init__(
            "authentication required: send a bearer token", extensions={"code": UNAUTHENTICATED}
        )


class PermissionDeniedError(GraphQLError):
    """An authenticated client lacks the role; answered with 403."""

    def __init__(self, role: str) -> None:
        super().__init__(f"forbidden: this needs the {role} role", extensions={"code": FORBIDDEN})
