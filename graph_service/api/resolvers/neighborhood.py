"""The subgraph around an entity in one round trip, its entities read as the selection asks.

Every hop is part of one statement (api/translate/neighbourhood.py): each follows typed,
directed patterns and takes at most `limit` + 1 relationships from each entity the
previous hop reached first, inside the graph, so a hub with thousands of relationships
costs what the limit costs. The hops are then taken in order until `limit` relationships
are in hand. When the limit cuts a hop short, which of a hub's relationships are kept is
the graph's choice (then ordered by key), and `truncated` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.errors import UserInputError
from graph_service.api.translate import results
from graph_service.api.translate.cypher import Statement
from graph_service.api.translate.execute import run_statement
from graph_service.api.translate.neighbourhood import neighbourhood_statement
from graph_service.api.translate.plan import EntityPlan
from graph_service.api.translate.reached import reached_plan
from graph_service.api.translate.selection import Selection
from graph_service.api.types.relationships import AsOf
from graph_service.api.types.subgraph import Direction, Subgraph, graph_edge
from graph_service.api.types.values import RelationshipTypeName
from graph_service.ontology import RELATIONSHIP_TYPES, RELATIONSHIPS_BY_NAME

MAX_DEPTH = 3
MAX_LIMIT = 500

Row = dict[str, Any]


@dataclass(frozen=True)
class Hops:
    """The answer as rows: the entities (the start first), the relationships in order,
    and whether `limit` cut them short."""

    nodes: list[Row]
    edges: list[Row]
    truncated: bool


def neighbourhood_query(
    plan: EntityPlan,
    id_: str,
    *,
    depth: int,
    relationship_types: list[RelationshipTypeName] | None,
    direction: Direction,
    limit: int,
    as_of: date | None,
    edge_props: set[str] | None,
) -> Statement:
    """The statement, once the arguments are checked (resolver and fast path alike)."""
    if not 1 <= depth <= MAX_DEPTH:
        raise UserInputError(f"`depth` must be between 1 and {MAX_DEPTH} (got {depth})")
    if not 1 <= limit <= MAX_LIMIT:
        raise UserInputError(f"`limit` must be between 1 and {MAX_LIMIT} (got {limit})")
    if relationship_types is not None and not relationship_types:
        raise UserInputError("`relationshipTypes` must name at least one type when given")
    rels = (
        [RELATIONSHIPS_BY_NAME[t.value] for t in relationship_types]
        if relationship_types
        else RELATIONSHIP_TYPES
    )
    return neighbourhood_statement(
        plan,
        id_,
        depth=depth,
        types=[r.name for r in rels],
        direction=direction.value,
        as_of=as_of.isoformat() if as_of else None,
        limit=limit,
        edge_props=edge_props,
    )


def take_hops(rows: list[Row], id_: str, depth: int, limit: int) -> Hops | None:
    """The hops taken in order, each by key, until `limit` relationships are in hand."""
    if not rows:
        return None
    found = {row["id"]: row for row in rows[0]["nodes"]}
    nodes = {id_: found[id_]}
    edges: dict[str, Row] = {}
    truncated = False
    for hop in range(1, depth + 1):
        for row in rows[0][f"h{hop}"]:
            rel = {k: v for k, v in row["rel"].items() if v is not None}  # as properties()
            key = rel.get("id", f"{row['from']}>{row['type']}>{row['to']}")
            if key in edges:
                continue
            if len(edges) >= limit:
                truncated = True
                break
            edges[key] = {**row, "rel": rel}
            nodes.setdefault(row["node"], found[row["node"]])
        if truncated:
            break
    return Hops(list(nodes.values()), list(edges.values()), truncated)


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
    plan = reached_plan(info, ("nodes",)) or EntityPlan()
    selection = Selection.of(info)
    statement = neighbourhood_query(
        plan,
        str(id),
        depth=depth,
        relationship_types=relationship_types,
        direction=direction,
        limit=limit,
        as_of=as_of,
        edge_props=selection.graph_edge_props(info._raw_info.field_nodes, "Subgraph"),
    )
    found = take_hops(await run_statement(info.context.graph, statement), str(id), depth, limit)
    if found is None:
        return None
    return Subgraph(
        nodes=[results.entity(plan, row) for row in found.nodes],
        edges=[graph_edge(row) for row in found.edges],
        truncated=found.truncated,
    )
