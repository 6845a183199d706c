"""`neighborhood` and `shortestPath` on the fast path: the same checks, statement and round
trip as their resolvers (`api/resolvers`), the response shaped from the rows.

A neighbourhood's plan and statement are kept in the program for the variables they were
made with, all but the one that gives the start's key when it is used nowhere else (as
`run.py` keeps a `node`'s). A zero-length path (`from` equal to `to`) is left to GraphQL
execution, as are path entities whose relationship pages or sources are selected (the
path's row does not carry them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graphql import VariableNode

from graph_service.api.context import Context
from graph_service.api.fast_reads.program import Fallback, Program, Selected
from graph_service.api.fast_reads.shape import Shaper, graph_edges
from graph_service.api.resolvers.neighborhood import neighbourhood_query, take_hops
from graph_service.api.resolvers.paths import find_shortest_path
from graph_service.api.translate.cypher import Statement
from graph_service.api.translate.execute import run_statement
from graph_service.api.translate.plan import EntityPlan
from graph_service.api.translate.selection import ALL_KINDS, Selection
from graph_service.api.types.path import Path
from graph_service.api.types.subgraph import Subgraph

_KEPT = 256  # neighbourhood statements kept per document


async def explore(
    shaper: Shaper, field: Any, selected: Selected, args: dict[str, Any], context: Context
) -> Any:
    """The value of the root field `selected` (`field`: its response key and the outcome of
    `@skip`/`@include`, which with the variables decide its plan)."""
    if selected.nodes[0].name.value == "neighborhood":
        return await _neighbourhood(shaper, field, selected, args, context)
    return await _shortest_path(shaper, selected, args, context)


async def _neighbourhood(
    shaper: Shaper, field: Any, selected: Selected, args: dict[str, Any], context: Context
) -> Any:
    selection, program = shaper.selection, shaper.program
    id_, depth, limit = str(args["id"]), args["depth"], args["limit"]
    settings = (selection.max_page_size, selection.nested_page_size)
    key = ("neighborhood", field, settings, _others(program, selected, selection))
    kept = program.plans.get(key)
    if kept is None:
        kept = _neighbourhood_plan(selection, selected, id_, args)
        if len(program.plans) >= _KEPT:
            program.plans.clear()
        program.plans[key] = kept
    plan, statement = kept
    statement = replace(statement, params={**statement.params, "id": id_})
    found = take_hops(await run_statement(context.graph, statement), id_, depth, limit)
    if found is None:
        return None
    values = Subgraph(nodes=[], edges=[], truncated=found.truncated)
    edges = graph_edges(found.edges)
    return shaper.explored(selected, "Subgraph", plan, found.nodes, edges, values)


def _neighbourhood_plan(
    selection: Selection, selected: Selected, id_: str, args: dict[str, Any]
) -> tuple[EntityPlan, Statement]:
    reached, _ = selection.descend(selected.nodes, "Subgraph", ("nodes",))
    plan = selection.entity(reached, ALL_KINDS) if reached else EntityPlan()
    statement = neighbourhood_query(
        plan,
        id_,
        depth=args["depth"],
        relationship_types=args["relationship_types"],
        direction=args["direction"],
        limit=args["limit"],
        as_of=args["as_of"],
        edge_props=selection.graph_edge_props(selected.nodes, "Subgraph"),
    )
    return plan, statement


def _others(program: Program, selected: Selected, selection: Selection) -> str:
    """The variable values the plan may depend on: all but the one that is only `id`."""
    own = None
    for argument in selected.nodes[0].arguments or ():
        value = argument.value
        if (
            argument.name.value == "id"
            and isinstance(value, VariableNode)
            and program.variable_uses.get(value.name.value) == 1
        ):
            own = value.name.value
    coerced = selection.variables.coerced
    return repr(sorted((k, v) for k, v in coerced.items() if k != own))


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
