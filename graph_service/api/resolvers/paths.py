"""`shortestPath` (one round trip) and `paths` between two entities.

`paths` expands shortest first: one round trip per length, 1 hop, then 2, ..., stopping as
soon as it has `first` paths, so it never enumerates longer paths than it returns (at most
`maxHops` round trips), then reads the paths' entities through api/translate (one more).
Each length is met in the middle with limits per entity and per level inside the graph
(api/translate/paths.py), so a hub on the way costs its limit, not its thousands of paths.
Paths come shortest first, then by the keys along them, then by their relationships' keys.

The relationship types to follow are written into the pattern (`[:A|B*..6]`), chosen from
the ontology through the validated enum, because ArcadeDB applies a `relationships(p)`
predicate only after `shortestPath` has picked a path, where Neo4j applies it during the
search: a predicate would lose paths on one server and not on the other.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.errors import UserInputError
from graph_service.api.translate.paths import FoundPath, halves_statement, join
from graph_service.api.translate.reached import Reached, read_reached
from graph_service.api.types.path import Path, path_object
from graph_service.api.types.subgraph import graph_edge
from graph_service.api.types.values import RelationshipTypeName
from graph_service.graph.executor import Graph
from graph_service.ontology import RELATIONSHIP_TYPES, RELATIONSHIPS_BY_NAME, RelationshipType
from graph_service.queries import CypherQuery, render

MAX_SHORTEST_HOPS = 6  # the literal bound in find_shortest_path.cypher
MAX_PATH_HOPS = 4
MAX_PATHS = 20

From = Annotated[strawberry.ID, strawberry.argument(name="from", description="Key of the start.")]
To = Annotated[strawberry.ID, strawberry.argument(description="Key of the end.")]
Types = Annotated[
    list[RelationshipTypeName] | None,
    strawberry.argument(description="Follow only these relationship types (all by default)."),
]


def _rels(types: list[RelationshipTypeName] | None) -> list[RelationshipType]:
    if types is not None and not types:
        raise UserInputError("`relationshipTypes` must name at least one type when given")
    return [RELATIONSHIPS_BY_NAME[t.value] for t in types] if types else list(RELATIONSHIP_TYPES)


def typed_query(name: str, types: list[RelationshipTypeName] | None) -> CypherQuery:
    """The query `name` with `__TYPE__` replaced by an alternation of ontology types."""
    return _typed_query(name, None if types is None else tuple(types))


@lru_cache(maxsize=256)
def _typed_query(name: str, types: tuple[RelationshipTypeName, ...] | None) -> CypherQuery:
    return render(name, rel=_rels(None if types is None else list(types)))


def _check_hops(max_hops: int, ceiling: int) -> None:
    if not 1 <= max_hops <= ceiling:
        raise UserInputError(f"`maxHops` must be between 1 and {ceiling} (got {max_hops})")


async def _trivial(info: strawberry.Info[Context, None], id_: str) -> Path | None:
    """The zero-length path from an entity to itself (Neo4j's shortestPath refuses it)."""
    (found,) = await read_reached(info, Reached(("nodes",), [id_], required=True))
    entity = (found or {}).get(id_)
    return None if entity is None else Path(nodes=[entity], edges=[])


async def shortest_path(
    info: strawberry.Info[Context, None],
    from_id: From,
    to: To,
    max_hops: Annotated[
        int,
        strawberry.argument(description=f"Longest path to accept, 1 to {MAX_SHORTEST_HOPS}."),
    ] = 4,
    relationship_types: Types = None,
) -> Path | None:
    if str(from_id) == str(to):
        _check_hops(max_hops, MAX_SHORTEST_HOPS)
        return await _trivial(info, str(from_id))
    rows = await find_shortest_path(
        info.context.graph, str(from_id), str(to), max_hops, relationship_types
    )
    return path_object(rows[0]) if rows else None


async def find_shortest_path(
    graph: Graph,
    from_id: str,
    to: str,
    max_hops: int,
    relationship_types: list[RelationshipTypeName] | None,
) -> list[dict[str, Any]]:
    """The shortest path's row (`nodes` as labels and props, `edges`), if there is one, for
    the resolver and the fast path alike (two different entities: a zero-length path is
    `_trivial`'s)."""
    _check_hops(max_hops, MAX_SHORTEST_HOPS)
    query = typed_query("find_shortest_path", relationship_types)
    return await graph.read_values(query, {"from": from_id, "to": to, "maxHops": max_hops})


async def paths(
    info: strawberry.Info[Context, None],
    from_id: From,
    to: To,
    max_hops: Annotated[
        int, strawberry.argument(description=f"Longest path to return, 1 to {MAX_PATH_HOPS}.")
    ] = 3,
    relationship_types: Types = None,
    first: Annotated[
        int, strawberry.argument(description=f"How many paths to return, 1 to {MAX_PATHS}.")
    ] = 10,
) -> list[Path]:
    _check_hops(max_hops, MAX_PATH_HOPS)
    if not 1 <= first <= MAX_PATHS:
        raise UserInputError(f"`first` must be between 1 and {MAX_PATHS} (got {first})")
    if str(from_id) == str(to):
        path = await _trivial(info, str(from_id))
        return [path] if path is not None else []
    types = [r.name for r in _rels(relationship_types)]
    found: list[FoundPath] = []
    for hops in range(1, max_hops + 1):  # shortest first; stop once `first` are found
        statement = halves_statement(hops, types)
        rows = await info.context.graph.read(
            CypherQuery(statement.name, statement.text),
            **statement.params,
            **{"from": str(from_id), "to": str(to)},
        )
        if rows:
            row = rows[0]
            found += join(row["lefts"], row["hops"], row["rights"])[: first - len(found)]
        if len(found) >= first:
            break
    ids = [i for path in found for i in path.ids]
    (entities,) = await read_reached(info, Reached(("nodes",), ids, required=True))
    assert entities is not None
    return [
        Path(nodes=[entities[i] for i in path.ids], edges=[graph_edge(e) for e in path.edges])
        for path in found
        if all(i in entities for i in path.ids)
    ]
