"""Input types generated from the ontology: one per kind (whole and partial), one per
relationship type's properties, and the one-of input that lets a batch mix kinds.

Typed inputs make unknown kinds, relationship types and property names impossible to
send; what GraphQL cannot say (keys, sources, bands) is checked in `checks.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

import strawberry

from graph_service.api.types.relationships import type_stem
from graph_service.api.types.values import graphql_type
from graph_service.ontology import (
    ENTITY_KINDS,
    RELATIONSHIP_TYPES,
    SOURCE_KIND,
    EntityKind,
    Property,
    RelationshipType,
    ValueType,
    kind_noun,
    kind_properties,
    relationship_properties,
    with_article,
    words_for,
)

ENVELOPE = ("name", "aliases")  # common properties kept outside an EntityRecord's `properties`


def article(name: str) -> str:
    """A kind or relationship type in words with its article: "an award category"."""
    return with_article(words_for(name))


def _optional(prop: Property) -> Any:
    return graphql_type(prop) | None


def _entity_input(kind: EntityKind) -> type:
    sources_required = kind.name != SOURCE_KIND
    annotations: dict[str, Any] = {
        "id": strawberry.ID,
        "name": str,
        "aliases": list[str] | None,
        "sources": list[strawberry.ID] if sources_required else list[strawberry.ID] | None,
        "unverified": bool,
    }
    namespace: dict[str, Any] = {
        "id": strawberry.field(
            description="The entity's key: letters, digits, '.', '_', ':', '-'."
        ),
        "name": strawberry.field(description="The name in its official or most common form."),
        "aliases": strawberry.field(default=None, description="Other names people write."),
        "sources": strawberry.field(
            description="Keys of the sources its facts rest on.",
            default=dataclasses.MISSING if sources_required else None,
        ),
        "unverified": strawberry.field(
            default=False, description="True when it rests only on a secondary source."
        ),
    }
    for prop in kind_properties(kind):
        if prop.name not in ENVELOPE:
            _add_property_field(annotations, namespace, prop)
    namespace["__annotations__"] = annotations
    cls = type(f"{kind.name}Input", (), namespace)
    return strawberry.input(
        cls, description=f"A whole {kind_noun(kind.name)}, to create or upsert."
    )


def _add_property_field(
    annotations: dict[str, Any], namespace: dict[str, Any], prop: Property
) -> None:
    """An input field for `prop`: required when the ontology requires it, else optional."""
    if prop.required:
        annotations[prop.name] = graphql_type(prop)
        namespace[prop.name] = strawberry.field(description=prop.description)
    else:
        annotations[prop.name] = _optional(prop)
        namespace[prop.name] = strawberry.field(default=None, description=prop.description)


def _entity_patch(kind: EntityKind) -> type:
    annotations: dict[str, Any] = {
        "name": str | None,
        "aliases": list[str] | None,
        "sources": list[strawberry.ID] | None,
        "unverified": bool | None,
    }
    namespace: dict[str, Any] = {
        "name": strawberry.field(default=strawberry.UNSET, description="A new name."),
        "aliases": strawberry.field(
            default=strawberry.UNSET, description="New aliases (replacing the old; null: none)."
        ),
        "sources": strawberry.field(
            default=strawberry.UNSET, description="New source keys (replacing the old)."
        ),
        "unverified": strawberry.field(
            default=strawberry.UNSET, description="Whether it rests only on a secondary source."
        ),
    }
    for prop in kind_properties(kind):
        if prop.name in ENVELOPE:
            continue
        annotations[prop.name] = _optional(prop)
        namespace[prop.name] = strawberry.field(
            default=strawberry.UNSET, description=f"{prop.description} Null removes it."
        )
    namespace["__annotations__"] = annotations
    cls = type(f"{kind.name}Patch", (), namespace)
    return strawberry.input(
        cls, description=f"Changes to {article(kind.name)}: fields left out stay as they are."
    )


def _relationship_input(rel: RelationshipType) -> type:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    for prop in relationship_properties(rel):
        _add_property_field(annotations, namespace, prop)
    namespace["__annotations__"] = annotations
    cls = type(f"{type_stem(rel)}Properties", (), namespace)
    return strawberry.input(cls, description=f"The properties of {article(rel.name)} relationship.")


ENTITY_INPUTS: dict[str, type] = {kind.name: _entity_input(kind) for kind in ENTITY_KINDS}
ENTITY_PATCHES: dict[str, type] = {kind.name: _entity_patch(kind) for kind in ENTITY_KINDS}
RELATIONSHIP_INPUTS: dict[str, type] = {
    rel.name: _relationship_input(rel) for rel in RELATIONSHIP_TYPES
}


def field_name(kind: EntityKind) -> str:
    """The one-of field of a kind: `LocalGovernment` -> `localGovernment`."""
    return kind.name[0].lower() + kind.name[1:]


def _any_entity_input() -> type:
    annotations = {field_name(k): ENTITY_INPUTS[k.name] | None for k in ENTITY_KINDS}
    namespace: dict[str, Any] = {
        field_name(k): strawberry.field(
            default=strawberry.UNSET, description=f"{article(k.name).capitalize()}."
        )
        for k in ENTITY_KINDS
    }
    namespace["__annotations__"] = annotations
    cls = type("EntityInput", (), namespace)
    return strawberry.input(
        cls, one_of=True, description="An entity of any kind: set exactly one field."
    )


EntityInput = _any_entity_input()


def stored_value(prop: Property, value: Any) -> Any:
    """A GraphQL input value as the graph stores it (dates as ISO strings, enums as names)."""
    if value is None:
        return None
    if prop.type is ValueType.DATE and isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if prop.type is ValueType.STRING_LIST:
        return list(value)
    return value
