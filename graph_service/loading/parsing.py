"""Turning one entry of a seed or import file (a mapping) into a record."""

from __future__ import annotations

from typing import Any

from graph_service.loading.records import EntityRecord, Origin, RelationshipRecord

ENTITY_FIELDS = {"record", "id", "kind", "name", "aliases", "properties", "sources", "unverified"}
RELATIONSHIP_FIELDS = {
    "record",
    "type",
    "from",
    "to",
    "key",
    "properties",
    "sources",
    "unverified",
}


def _strings(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"`{what}` must be a list of strings")
    return list(value)


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"`{what}` must be a mapping")
    return dict(value)


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"`{name}` is required and must be a non-empty string")
    return value.strip()


def _flag(entry: dict[str, Any]) -> bool:
    value = entry.get("unverified", False)
    if not isinstance(value, bool):
        raise ValueError("`unverified` must be true or false")
    return value


def parse_entity(entry: Any, origin: Origin) -> EntityRecord:
    if not isinstance(entry, dict):
        raise ValueError("an entity must be a mapping")
    unknown = set(entry) - ENTITY_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}")
    return EntityRecord(
        id=_text(entry, "id"),
        kind=_text(entry, "kind"),
        name=_text(entry, "name"),
        aliases=_strings(entry.get("aliases"), "aliases"),
        properties=_mapping(entry.get("properties"), "properties"),
        sources=_strings(entry.get("sources"), "sources"),
        unverified=_flag(entry),
        origin=origin,
    )


def parse_relationship(entry: Any, origin: Origin) -> RelationshipRecord:
    if not isinstance(entry, dict):
        raise ValueError("a relationship must be a mapping")
    unknown = set(entry) - RELATIONSHIP_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}")
    key = entry.get("key")
    if key is not None and not isinstance(key, str | int):
        raise ValueError("`key` must be a string")
    return RelationshipRecord(
        type=_text(entry, "type"),
        from_id=_text(entry, "from"),
        to_id=_text(entry, "to"),
        key=None if key is None else str(key),
        properties=_mapping(entry.get("properties"), "properties"),
        sources=_strings(entry.get("sources"), "sources"),
        unverified=_flag(entry),
        origin=origin,
    )
