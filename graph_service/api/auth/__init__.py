"""Authentication (API keys, JWTs) and the role check mutations call."""

from graph_service.api.auth.api_keys import ApiKeys, hash_api_key
from graph_service.api.auth.authenticator import Authenticator, authenticate
from graph_service.api.auth.errors import (
    FORBIDDEN,
    UNAUTHENTICATED,
    AuthenticationRequiredError,
    InvalidCredentialsError,
    PermissionDeniedError,
)
from graph_service.api.auth.jwt_tokens import JwtVerifier, load_jwks
from graph_service.api.auth.require import require_role
from graph_service.api.auth.roles import ADMIN, EDITOR, READER

__all__ = [
    "ADMIN",
    "EDITOR",
    "FORBIDDEN",
    "READER",
    "UNAUTHENTICATED",
    "ApiKeys",
    "AuthenticationRequiredError",
    "Authenticator",
    "InvalidCredentialsError",
    "JwtVerifier",
    "PermissionDeniedError",
    "authenticate",
    "hash_api_key",
    "load_jwks",
    "require_role",
]
