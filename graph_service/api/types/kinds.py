"""One GraphQL object type per entity kind of the ontology, with its typed relationship fields."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.types.entity import Entity
from graph_service.api.types.registry import KIND_TYPES
from graph_service.api.types.relationships import relationship_field
from graph_service.api.types.values import property_field
from graph_service.ontology import (
    ENTITY_KINDS,
    EntityKind,
    relationships_from,
    relationships_to,
)


def _kind_type(kind: EntityKind) -> type:
    namespace: dict[str, Any] = {"__annotations__": {}}
    for prop in kind.properties:
        namespace[prop.name] = property_field(prop)
    for rel in relationships_from(kind.name):
        namespace[f"out_{rel.name.lower()}"] = relationship_field(rel, "OUT")
    for rel in relationships_to(kind.name):
        namespace[f"in_{rel.name.lower()}"] = relationship_field(rel, "IN")
    cls = type(kind.name, (Entity,), namespace)
    return strawberry.type(cls, description=kind.description)


KIND_TYPES.update({kind.name: _kind_type(kind) for kind in ENTITY_KINDS})
globals().update(KIND_TYPES)  # so that `strawberry.lazy` finds e.g. `Source` here

Source = KIND_TYPES["Source"]

__all__ = ["KIND_TYPES", "Source"]
