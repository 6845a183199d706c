"""Running a translated root field: one statement, one round trip.

`fetch_entities` and `fetch_kind_list` return the plan and the rows; the resolvers here turn
them into GraphQL objects, the fast path (`api/fast_reads`) into the response itself.
"""

from __future__ import annotations

from typing import Any

from graphql import FieldNode

from graph_service.api.translate import cursors, results
from graph_service.api.translate.cypher import list_binding, list_statement, lookup_statement
from graph_service.api.translate.plan import EntityPlan, ListPlan
from graph_service.api.translate.selection import ALL_KINDS, Selection
from graph_service.graph.executor import Graph
from graph_service.queries import CypherQuery

Row = dict[str, Any]


async def _run(graph: Graph, statement: Any) -> list[Row]:
    query = CypherQuery(statement.name, statement.text)
    rows: list[Row] = await graph.read(query, **statement.params)
    return rows


async def fetch_entities(
    selection: Selection, field_nodes: list[FieldNode], graph: Graph, ids: list[str]
) -> tuple[EntityPlan, list[Row]]:
    """The plan of `node`/`nodes` and the entity row of each of `ids` that exists."""
    plan = selection.entity(field_nodes, ALL_KINDS)
    unique = list(dict.fromkeys(ids))
    if not unique:
        return plan, []
    statement = lookup_statement(plan, unique, many=len(unique) > 1)
    return plan, [row["row"] for row in await _run(graph, statement)]


async def fetch_kind_list(
    selection: Selection,
    kind: str,
    field_nodes: list[FieldNode],
    args: dict[str, Any],
    graph: Graph,
) -> tuple[ListPlan, Row]:
    """The plan of a root connection and its one row (`rows`, `total` as selected)."""
    plan: ListPlan = selection.kind_list(kind, field_nodes, args)
    rows = await _run(graph, list_statement(plan))
    return plan, rows[0] if rows else {}


async def read_nodes(info: Any, ids: list[str]) -> list[Any]:
    """The entities of `ids` that exist, with everything the selection reads below them."""
    field_nodes = info._raw_info.field_nodes
    plan, rows = await fetch_entities(Selection.of(info), field_nodes, info.context.graph, ids)
    return [results.entity(plan, row) for row in rows]


async def read_node(info: Any, id_: str) -> Any | None:
    found = await read_nodes(info, [id_])
    return found[0] if found else None


async def read_kind_list(info: Any, kind: str, connection: type, args: dict[str, Any]) -> Any:
    field_nodes = info._raw_info.field_nodes
    plan, row = await fetch_kind_list(
        Selection.of(info), kind, field_nodes, args, info.context.graph
    )
    edge_type = connection.__annotations__["edges"].__args__[0]
    bound = list_binding(plan)

    def edge(item: dict[str, Any]) -> Any:
        node = results.entity(plan.node, item)
        return edge_type(cursor=cursors.encode(bound, item["_keys"], node.id), node=node)

    return results.page(connection, plan.page, row.get("rows") or [], row.get("total"), edge)
