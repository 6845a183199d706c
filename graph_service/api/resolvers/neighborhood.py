"""The subgraph around an entity, expanded one hop per round trip (so at most `depth` + 1).

Each hop follows typed, directed patterns and takes at most the remaining budget of
relationships from each frontier node inside the graph, so a hub with thousands of
relationships costs what the budget costs. When the limit cuts a hop short, which of a
hub's relationships are kept is the graph's choice (then ordered by key), and `truncated`
says so.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.context import Context
from graph_service.api.errors import UserInputError
from graph_service.api.translate.reached import Reached, read_reached
from graph_service.api.types.registry import entity_object
from graph_service.api.types.relationships import AsOf
from graph_service.api.types.subgraph import Direction, GraphEdge, Subgraph, graph_edge
from graph_service.api.types.values import RelationshipTypeName
from graph_service.ontology import RELATIONSHIP_TYPES, RELATIONSHIPS_BY_NAME
from graph_service.queries import render

MAX_DEPTH = 3
MAX_LIMIT = 500


async def neighborhood(
    info: strawberry.Info[Context, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="Key of the start entity.")],
    depth: Annotated[
        int, strawberry.argument(description=f"How many hops to follow, 1 to {MAX_DEPTH}.")
    ] = 2,
    relationship_types: Annotated[
        list[RelationshipTypeName] | None,
        strawberry.argument(description="Follow only these relationship types."),
    ] = None,
    direction: Annotated[
        Direction, strawberry.argument(description="Which way to follow relationships.")
    ] = Direction.BOTH,
    limit: Annotated[
        int,
        strawberry.argument(description=f"Most relationships to return, 1 to {MAX_LIMIT}."),
    ] = 100,
    as_of: AsOf = None,
) -> Subgraph | None:
    if not 1 <= depth <= MAX_DEPTH:
        raise UserInputError(f"`depth` must be between 1 and {MAX_DEPTH} (got {depth})")
    if not 1 <= limit <= MAX_LIMIT:
        raise UserInputError(f"`limit` must be between 1 and {MAX_LIMIT} (got {limit})")
    (found,) = await read_reached(info, Reached(("nodes",), [str(id)], required=True))
    start = (found or {}).get(str(id))
    if start is None:
        return None
    nodes = {start.id: start}
    edges: dict[str, GraphEdge] = {}
    frontier = [str(start.id)]
    if relationship_types is not None and not relationship_types:
        raise UserInputError("`relationshipTypes` must name at least one type when given")
    rels = (
        [RELATIONSHIPS_BY_NAME[t.value] for t in relationship_types]
        if relationship_types
        else RELATIONSHIP_TYPES
    )
    hop = render(f"list_neighbours_{direction.value.lower()}", rel=rels)
    truncated = False
    for _ in range(depth):
        if not frontier:
            break
        budget = limit - len(edges)
        rows = await info.context.graph.read(
            hop, ids=frontier, asOf=as_of.isoformat() if as_of else None, limit=budget + 1
        )
        next_frontier = []
        for row in rows:
            key = row["rel"].get("id", f"{row['from']}>{row['type']}>{row['to']}")
            if key in edges:
                continue
            if len(edges) >= limit:
                truncated = True
                break
            edges[key] = graph_edge(row)
            node_id = row["node"]["id"]
            if node_id not in nodes:
                nodes[node_id] = entity_object(row["labels"], row["node"])
                next_frontier.append(node_id)
        if truncated:
            break
        frontier = next_frontier
    return Subgraph(nodes=list(nodes.values()), edges=list(edges.values()), truncated=truncated)
