"""Static API keys: configuration holds each key's SHA-256, never the key itself.

A leaked configuration file therefore grants nothing. Keys are long random strings, so one
unsalted SHA-256 is enough (there is nothing to brute-force the way a password could be).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from graph_service.api.context import Principal
from graph_service.settings import ApiKeyGrant


def hash_api_key(key: str) -> str:
    """The hex digest configuration stores for `key` (GRAPH_SERVICE_API_KEYS)."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeys:
    def __init__(self, grants: Mapping[str, ApiKeyGrant]) -> None:
        self._grants = dict(grants)

    def __bool__(self) -> bool:
        return bool(self._grants)

    def principal(self, key: str) -> Principal | None:
        """Who `key` speaks for, or None for an unknown key.

        Looked up by digest: comparing digests leaks nothing useful about the key itself.
        """
        grant = self._grants.get(hash_api_key(key))
        if grant is None:
            return None
        return Principal(subject=grant.subject, roles=frozenset(grant.roles))
