"""`neighborhood` and `shortestPath` on the fast path: the same checks, statement and round
trip as their resolvers (`api/resolvers`), the response shaped from the rows.

A zero-length path (`from` equal to `to`) is left to GraphQL execution, as are path entities
whose relationship pages or sources are selected (the path's row does not carry them).
"""

from __future__ import annotations

from typing import Any

from graph_service.api.context import Context
from graph_service.api.fast_reads.program import Fallback, Selected
from graph_service.api.fast_reads.shape import Shaper, graph_edges
from graph_service.api.resolvers.neighborhood import neighbourhood_query, take_hops
from graph_service.api.resolvers.paths import find_shortest_path
from graph_service.api.translate.execute import run_statement
from graph_service.api.translate.plan import EntityPlan
from graph_service.api.translate.selection import ALL_KINDS
from graph_service.api.types.path import Path
from graph_service.api.types.subgraph import Subgraph


async def explore(
    shaper: Shaper, name: str, selected: Selected, args: dict[str, Any], context: Context
) -> Any:
    if name == "neighborhood":
        return await _neighbourhood(shaper, selected, args, context)
    return await _shortest_path(shaper, selected, args, context)


async def _neighbourhood(
    shaper: Shaper, selected: Selected, args: dict[str, Any], context: Context
) -> Any:
    selection = shaper.selection
    reached, _ = selection.descend(selected.nodes, "Subgraph", ("nodes",))
    plan = selection.entity(reached, ALL_KINDS) if reached else EntityPlan()
    id_, depth, limit = str(args["id"]), args["depth"], args["limit"]
    statement = neighbourhood_query(
        plan,
        id_,
        depth=depth,
        relationship_types=args["relationship_types"],
        direction=args["direction"],
        limit=limit,
        as_of=args["as_of"],
    )
    found = take_hops(await run_statement(context.graph, statement), id_, depth, limit)
    if found is None:
        return None
    values = Subgraph(nodes=[], edges=[], truncated=found.truncated)
    edges = graph_edges(found.edges)
    return shaper.explored(selected, "Subgraph", plan, found.nodes, edges, values)


async def _shortest_path(
    shaper: Shaper, selected: Selected, args: dict[str, Any], context: Context
) -> Any:
    from_id, to = str(args["from_id"]), str(args["to"])
    if from_id == to:
        raise Fallback("a zero-length path")
    selection = shaper.selection
    reached, _ = selection.descend(selected.nodes, "Path", ("nodes",))
    if reached:
        plan = selection.entity(reached, ALL_KINDS)
        if plan.relations or plan.sources is not None:
            raise Fallback("the path's entities with their relationship pages or sources")
    rows = await find_shortest_path(
        context.graph, from_id, to, args["max_hops"], args["relationship_types"]
    )
    if not rows:
        return None
    nodes = [{**n["props"], "_labels": n["labels"]} for n in rows[0]["nodes"]]
    edges = graph_edges(rows[0]["edges"])
    values = Path(nodes=[], edges=edges)
    return shaper.explored(selected, "Path", EntityPlan(), nodes, edges, values)
