"""Keyset cursors: the sort key values and the key of a row, bound to their list.

A cursor is opaque to clients: base64url of a JSON array `[version, binding, keys, id]`.
`binding` is a digest of what the list is (which kind or relationship, its filter, its
order, `asOf`/`year`), so a cursor handed to another list or order is refused with a
clear error instead of silently landing somewhere else.
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


def encode(bound: str, keys: list[Any], id_: str) -> str:
    text = json.dumps([_VERSION, bound, keys, id_], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode(cursor: str | None, argument: str, bound: str, key_count: int) -> Position | None:
    if cursor is None:
        return None
    try:
        version, found, keys, id_ = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if version != _VERSION or not isinstance(keys, list) or not isinstance(id_, str):
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
    return Position(keys, id_)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)
