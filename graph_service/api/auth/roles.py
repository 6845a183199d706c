"""Roles, ordered: each one may do everything the roles below it may."""

from __future__ import annotations

from collections.abc import Iterable

READER = "reader"
EDITOR = "editor"
ADMIN = "admin"

RANKS = {READER: 1, EDITOR: 2, ADMIN: 3}


def known_roles(roles: Iterable[object]) -> frozenset[str]:
    """The roles the service knows, dropping any others a token may carry."""
    return frozenset(role for role in roles if isinstance(role, str) and role in RANKS)


def grants(held: Iterable[str], required: str) -> bool:
    """Whether any held role is at least `required` (admin > editor > reader)."""
    need = RANKS[required]
    return any(RANKS.get(role, 0) >= need for role in held)
