"""Who sent a request: anonymous, or the principal of a valid bearer credential.

`Authorization: Bearer <token>` carries either a JWT (three dot-separated parts) or a static
API key. No header means anonymous, which may read. A header that does not check out is an
error (the view answers 401) rather than a silent downgrade to anonymous, so a client with
an expired token learns so at once instead of seeing writes fail later.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from graph_service.api.auth.api_keys import ApiKeys
from graph_service.api.auth.errors import InvalidCredentialsError
from graph_service.api.auth.jwt_tokens import JwtVerifier
from graph_service.api.context import Principal
from graph_service.settings import Settings

MAX_TOKEN_CHARS = 8192


class Authenticator:
    def __init__(self, api_keys: ApiKeys, jwts: JwtVerifier) -> None:
        self._api_keys = api_keys
        self._jwts = jwts

    @classmethod
    def from_settings(cls, settings: Settings) -> Authenticator:
        return cls(ApiKeys(settings.api_keys), JwtVerifier.from_settings(settings))

    def authenticate(self, request: HTTPConnection) -> Principal | None:
        """The request's principal; None when anonymous; InvalidCredentialsError when bad."""
        return self.authenticate_header(request.headers.get("authorization"))

    def authenticate_header(self, header: str | None) -> Principal | None:
        """The principal of an `Authorization` value (a header, or a WebSocket's init)."""
        if header is None:
            return None
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN_CHARS:
            raise InvalidCredentialsError("expected `Authorization: Bearer <token>`")
        if token.count(".") == 2:
            return self._jwts.principal(token)
        principal = self._api_keys.principal(token)
        if principal is None:
            raise InvalidCredentialsError("unknown API key")
        return principal


def authenticate(request: HTTPConnection) -> Principal | None:
    """The principal of `request`, using the authenticator `create_app` put in app state."""
    authenticator: Authenticator = request.app.state.authenticator
    return authenticator.authenticate(request)
