"""Keyset cursors: the sort key values and the key of a row, bound to their list.

A cursor is opaque to clients: base64url of a JSON array `[version, binding, keys, id]`,
with a fifth entry, the key of the entity whose connection it pages, for a nested
connection. `binding` is a digest of what the list is (which kind or relationship, its
filter, its order, `asOf`/`year`), so a cursor handed to another list or order, or to the
same connection of another entity, is refused with a clear error instead of silently
landing somewhere else.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from graph_service.api.errors import UserInputError

_VERSION = "k1"


def binding(*parts: Any) -> str:
    """A short digest of what identifies a list: stable for equal inputs."""
    text = json.dumps([repr(p) for p in parts], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Position:
    keys: list[Any]
    id: str
    owner: str | None = None  # the entity whose nested connection the cursor pages


def encode(bound: str, keys: list[Any], id_: str, owner: str | None = None) -> str:
    entries = [_VERSION, bound, keys, id_] + ([owner] if owner is not None else [])
    text = json.dumps(entries, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode(cursor: str | None, argument: str, bound: str, key_count: int) -> Position | None:
    if cursor is None:
        return None
    try:
        version, found, keys, id_, *owner = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if version != _VERSION or not isinstance(keys, list) or not isinstance(id_, str):
            raise ValueError
        if len(owner) > 1 or not all(isinstance(o, str) for o in owner):
            raise ValueError
        if len(keys) != key_count or not all(_scalar(k) for k in keys):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
        raise UserInputError(
            f"`{argument}` is not a valid cursor: use a cursor returned by this API"
        ) from None
    if found != bound:
        raise UserInputError(
            f"`{argument}` is a cursor of another list, filter or order: use a cursor "
            "returned by this connection with the same arguments"
        )
    return Position(keys, id_, owner[0] if owner else None)


def check_owner(cursor: str | None, argument: str, field: str, owner: str) -> None:
    """Refuse a nested connection's cursor handed to the same connection of another
    entity (its keys would silently page a different list)."""
    if cursor is None:
        return
    try:
        entries = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
        return  # refused as malformed when the statement was made
    found = entries[4] if isinstance(entries, list) and len(entries) == 5 else None
    if found != owner:
        raise UserInputError(
            f"`{argument}` of `{field}` is a cursor of another entity's `{field}`: use a "
            f"cursor this connection returned for the entity `{owner}`"
        )


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)
