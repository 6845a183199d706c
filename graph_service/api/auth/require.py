"""The check mutation resolvers call before they look anything up."""

from __future__ import annotations

from typing import Any

from graph_service.api.auth.errors import AuthenticationRequiredError, PermissionDeniedError
from graph_service.api.auth.roles import RANKS, grants
from graph_service.api.context import Principal


def require_role(info: Any, role: str) -> Principal:
    """The request's principal if it holds `role` (or a higher one).

    Anonymous -> AuthenticationRequiredError (HTTP 401); too low a role ->
    PermissionDeniedError (HTTP 403). Call it first in a resolver: the error then depends
    only on the credentials, never on whether the ids in the arguments exist.
    """
    if role not in RANKS:
        raise ValueError(f"unknown role {role!r}")
    principal: Principal | None = info.context.principal
    if principal is None:
        raise AuthenticationRequiredError()
    if not grants(principal.roles, role):
        raise PermissionDeniedError(role)
    return principal
