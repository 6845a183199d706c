"""GraphQL types for ontology values: enums, and how a stored property becomes a field."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.ontology import (
    ENTITY_KINDS,
    ENUM_WORDS,
    ENUMS,
    RELATIONSHIP_TYPES,
    Property,
    ValueType,
    enum_name,
)


def _make_enum(name: str, values: tuple[str, ...], description: str) -> Any:
    return strawberry.enum(enum.Enum(name, {v: v for v in values}), description=description)  # type: ignore[call-overload]


ENUM_TYPES: dict[str, Any] = {
    name: _make_enum(name, choices, f"{ENUM_WORDS[name][0].upper()}{ENUM_WORDS[name][1:]}.")
    for name, choices in ENUMS.items()
}
EntityKindName: Any = _make_enum(
    "EntityKindName", tuple(k.name for k in ENTITY_KINDS), "The kinds of entity in the graph."
)
RelationshipTypeName: Any = _make_enum(
    "RelationshipTypeName",
    tuple(r.name for r in RELATIONSHIP_TYPES),
    "The types of relationship in the graph.",
)

_SCALARS: dict[ValueType, Any] = {
    ValueType.STRING: str,
    ValueType.INT: int,
    ValueType.FLOAT: float,
    ValueType.BOOLEAN: bool,
    ValueType.DATE: dt.date,
    ValueType.STRING_LIST: list[str],
}


def graphql_type(prop: Property) -> Any:
    if prop.type is ValueType.ENUM:
        return ENUM_TYPES[enum_name(prop)]
    return _SCALARS[prop.type]


def to_graphql(prop: Property, value: Any) -> Any:
    """A stored value as its GraphQL value (dates are stored as ISO strings)."""
    if value is None:
        return [] if prop.type is ValueType.STRING_LIST else None
    if prop.type is ValueType.DATE:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if prop.type is ValueType.ENUM:
        return ENUM_TYPES[enum_name(prop)](value)
    if prop.type is ValueType.FLOAT:
        return float(value)
    return value


def property_field(prop: Property) -> StrawberryField:
    """A field that reads `prop` from the stored property map `root.props`."""

    def resolve(root: Any) -> Any:
        return to_graphql(prop, root.props.get(prop.name))

    returns = graphql_type(prop)
    resolve.__annotations__["return"] = (
        returns if prop.type is ValueType.STRING_LIST else (returns | None)
    )
    return strawberry.field(resolver=resolve, description=prop.description)
