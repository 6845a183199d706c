"""A subgraph ready to draw: the entities and the relationships between them."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from graph_service.api.context import Context
from graph_service.api.types.entity import Entity, SourceType
from graph_service.api.types.relationships import entity_link_field, type_stem
from graph_service.api.types.values import RelationshipTypeName, property_field
from graph_service.ontology import (
    RELATIONSHIP_TYPES,
    SOURCE_KIND,
    RelationshipType,
    relationship_properties,
)


@strawberry.enum(description="Which way relationships are followed from an entity.")
class Direction(Enum):
    OUT = "OUT"
    IN = "IN"
    BOTH = "BOTH"


@strawberry.interface(
    description="A relationship in a subgraph, path or timeline. Each relationship type "
    "implements it with its properties as typed fields (`... on ReceivedAwardRelationship "
    "{ rank year }`)."
)
class GraphEdge:
    props: strawberry.Private[dict[str, Any]]
    type: RelationshipTypeName = strawberry.field(description="The relationship type.")
    from_id: strawberry.ID = strawberry.field(name="from", description="Key of the start entity.")
    to_id: strawberry.ID = strawberry.field(name="to", description="Key of the end entity.")

    @strawberry.field(description="Stable key of the relationship.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.props.get("id", ""))

    @strawberry.field(
        description="The relationship's properties (sources and key left out) as untyped JSON.",
        deprecation_reason="Select the typed fields of the relationship type instead, e.g. "
        "`... on ReceivedAwardRelationship { rank year }`.",
    )
    def properties(self) -> JSON:
        hidden = {"id", "key", "sources", "unverified"}
        return cast(JSON, {k: v for k, v in self.props.items() if k not in hidden})

    @strawberry.field(description="False when the fact rests only on a secondary source.")
    def verified(self) -> bool:
        return not self.props.get("unverified", False)

    @strawberry.field(description="The sources the relationship was read from.")
    async def sources(self, info: strawberry.Info[Context, None]) -> list[SourceType]:
        ids = self.props.get("sources") or []
        return await info.context.reader.entities(info, ids, [SOURCE_KIND])


@strawberry.type(description="Entities and the relationships between them.")
class Subgraph:
    nodes: list[Entity] = strawberry.field(description="The entities, the start entity first.")
    edges: list[GraphEdge] = strawberry.field(description="The relationships among them.")
    truncated: bool = strawberry.field(
        description="True when `limit` cut the subgraph short; ask again with a larger limit."
    )


def _typed_edge(rel: RelationshipType) -> type[GraphEdge]:
    namespace: dict[str, Any] = {"__annotations__": {}}
    for prop in relationship_properties(rel):
        if prop.entity_link:  # the entity it names, and its key as `<name>Id`
            namespace[prop.name] = entity_link_field(prop)
            namespace[f"{prop.name}_id"] = property_field(prop)
        else:
            namespace[prop.name] = property_field(prop)
    cls = type(f"{type_stem(rel)}Relationship", (GraphEdge,), namespace)
    return strawberry.type(cls, description=f"{rel.description} Its properties are typed fields.")


TYPED_EDGES: dict[str, type[GraphEdge]] = {rel.name: _typed_edge(rel) for rel in RELATIONSHIP_TYPES}


def graph_edge(row: dict[str, Any]) -> GraphEdge:
    return TYPED_EDGES[row["type"]](
        props=row["rel"],
        type=RelationshipTypeName(row["type"]),
        from_id=strawberry.ID(row["from"]),
        to_id=strawberry.ID(row["to"]),
    )
