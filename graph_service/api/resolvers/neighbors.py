"""`neighbors(id)`: a page of an entity's neighbours and its relationship counts, in one
Cypher round trip. The explorer pages a hub's neighbours with it instead of drawing them all."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.types.neighbors import NeighborConnection, NeighborEdge, RelationshipCount
from graph_service.api.types.pagination import After, First, connect, window
from graph_service.api.types.registry import entity_object
from graph_service.api.types.relationships import AsOf
from graph_service.api.types.subgraph import Direction, graph_edge
from graph_service.api.types.values import RelationshipTypeName
from graph_service.queries import query

DEFAULT_PAGE_SIZE = 25


def _counts(rows: list[dict[str, Any]]) -> list[RelationshipCount]:
    return [
        RelationshipCount(
            type=RelationshipTypeName(row["type"]),
            direction=Direction(row["direction"]),
            count=row["count"],
        )
        for row in rows
    ]


def _matching(counts: list[RelationshipCount], types: set[str] | None, direction: Direction) -> int:
    return sum(
        c.count
        for c in counts
        if (types is None or c.type.value in types) and direction in (Direction.BOTH, c.direction)
    )


def _edge(entity_id: str, cursor: str, row: dict[str, Any]) -> NeighborEdge:
    return NeighborEdge(
        cursor=cursor,
        node=entity_object(row["labels"], row["node"]),
        relationship=graph_edge(row),
        direction=Direction.OUT if row["from"] == entity_id else Direction.IN,
    )


async def neighbors(
    info: strawberry.Info[Context, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="The entity's key.")],
    relationship_types: Annotated[
        list[RelationshipTypeName] | None,
        strawberry.argument(description="Only relationships of these types."),
    ] = None,
    direction: Annotated[
        Direction, strawberry.argument(description="Which way relationships are followed.")
    ] = Direction.BOTH,
    as_of: AsOf = None,
    first: First = None,
    after: After = None,
) -> NeighborConnection | None:
    settings = info.context.settings
    win = window(
        first,
        after,
        None,
        None,
        max_page_size=settings.max_page_size,
        default_page_size=DEFAULT_PAGE_SIZE,
    )
    types = [t.value for t in relationship_types] if relationship_types else None
    rows = await info.context.graph.read(
        query("list_neighbour_page"),
        id=str(id),
        types=types,
        direction=direction.value,
        asOf=as_of.isoformat() if as_of else None,
        start=win.start,
        limit=win.stop - win.start,
    )
    if not rows:
        return None
    counts = _counts(rows[0]["counts"])
    total = _matching(counts, set(types) if types else None, direction)
    return connect(
        lambda **fields: NeighborConnection(counts_by_type=counts, **fields),
        win,
        total,
        rows[0]["page"],
        lambda cursor, row: _edge(str(id), cursor, row),
    )
