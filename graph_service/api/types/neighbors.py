"""An entity's neighbours one page at a time, with how many there are per relationship type:
what a client needs to show a hub without drawing thousands of nodes."""

from __future__ import annotations

import strawberry

from graph_service.api.types.entity import Entity
from graph_service.api.types.pagination import PageInfo
from graph_service.api.types.subgraph import Direction, GraphEdge
from graph_service.api.types.values import RelationshipTypeName


@strawberry.type(description="How many relationships of one type an entity has, one way.")
class RelationshipCount:
    type: RelationshipTypeName = strawberry.field(description="The relationship type.")
    direction: Direction = strawberry.field(
        description="`OUT` when the entity is the start of these relationships, `IN` the end."
    )
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="A neighbour, the relationship that joins it, and where it sits.")
class NeighborEdge:
    cursor: str = strawberry.field(description="Where this neighbour sits.")
    node: Entity = strawberry.field(description="The entity at the other end.")
    relationship: GraphEdge = strawberry.field(description="The relationship that joins them.")
    direction: Direction = strawberry.field(
        description="`OUT` when the entity asked about is the relationship's start, `IN` its end."
    )


@strawberry.type(
    description="A page of an entity's neighbours, ordered by relationship type, then name."
)
class NeighborConnection:
    edges: list[NeighborEdge] = strawberry.field(description="The neighbours on this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    total_count: int = strawberry.field(
        description="How many relationships match the type, direction and date asked for."
    )
    counts_by_type: list[RelationshipCount] = strawberry.field(
        description="Every relationship of the entity holding on `asOf`, counted per type and "
        "direction, whatever the type and direction filters."
    )
