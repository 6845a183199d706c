"""Bearer JWTs: HS256 with a shared secret, or RS256 with public keys from a JWKS file.

The algorithm a token names only selects which configured key to try; each key verifies
one algorithm, so an RS256 public key can never be used as an HS256 secret (the classic
algorithm-confusion forgery), and `none` is never accepted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jwt

from graph_service.api.auth.errors import InvalidCredentialsError
from graph_service.api.auth.roles import known_roles
from graph_service.api.context import Principal
from graph_service.settings import ConfigurationError, Settings

LEEWAY_SECONDS = 30  # tolerated clock skew between the issuer and this service
ROLES_CLAIM = "roles"


class JwtVerifier:
    def __init__(
        self,
        secret: str | None = None,
        jwks: jwt.PyJWKSet | None = None,
        *,
        audience: str | None = None,
        issuer: str | None = None,
    ) -> None:
        self._secret = secret
        self._keys = [key for key in (jwks.keys if jwks else []) if key.algorithm_name == "RS256"]
        self._audience = audience
        self._issuer = issuer

    @classmethod
    def from_settings(cls, settings: Settings) -> JwtVerifier:
        secret = settings.jwt_secret.get_secret_value() if settings.jwt_secret else None
        jwks = load_jwks(settings.jwks_file) if settings.jwks_file else None
        return cls(secret, jwks, audience=settings.jwt_audience, issuer=settings.jwt_issuer)

    def __bool__(self) -> bool:
        return self._secret is not None or bool(self._keys)

    def principal(self, token: str) -> Principal:
        """The principal a valid token names; InvalidCredentialsError otherwise."""
        try:
            header = jwt.get_unverified_header(token)
            key, algorithm = self._key_for(header)
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "sub"], "verify_aud": self._audience is not None},
            )
        except jwt.PyJWTError as error:
            raise InvalidCredentialsError(str(error)) from None
        roles = claims.get(ROLES_CLAIM, [])
        if not isinstance(roles, list):
            raise InvalidCredentialsError(f"`{ROLES_CLAIM}` must be a list")
        return Principal(subject=str(claims["sub"]), roles=known_roles(roles))

    def _key_for(self, header: dict[str, Any]) -> tuple[Any, str]:
        algorithm = header.get("alg")
        if algorithm == "HS256" and self._secret is not None:
            return self._secret, "HS256"
        if algorithm == "RS256" and self._keys:
            kid = header.get("kid")
            matching = [k for k in self._keys if kid is None or k.key_id == kid]
            if kid is None and len(self._keys) > 1:
                raise InvalidCredentialsError("token names no `kid` and several keys are known")
            if matching:
                key = matching[0].key
                return getattr(key, "public_key", lambda: key)(), "RS256"
            raise InvalidCredentialsError("unknown signing key")
        raise InvalidCredentialsError(f"algorithm {algorithm!r} is not accepted")


def load_jwks(path: Path) -> jwt.PyJWKSet:
    """The key set in `path`; a missing or malformed file stops the service at start."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JWKS object")
        jwks = jwt.PyJWKSet.from_dict(data)
    except (OSError, ValueError, jwt.PyJWTError) as error:
        raise ConfigurationError(f"GRAPH_SERVICE_JWKS_FILE: cannot load {path}: {error}") from None
    if not any(key.algorithm_name == "RS256" for key in jwks.keys):
        raise ConfigurationError(f"GRAPH_SERVICE_JWKS_FILE: {path} holds no RS256 key")
    return jwks
