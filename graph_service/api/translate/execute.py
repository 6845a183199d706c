"""Running a translated root field: one statement, one round trip.

`fetch_entities` and `fetch_kind_list` return the plan and the rows; the resolvers here turn
them into GraphQL objects, the fast path (`api/fast_reads`) into the response itself.
"""

from __future__ import annotations

from typing import Any

from graphql import FieldNode

from graph_service.api.translate import cursors, results
from graph_service.api.translate.cypher import (
    Statement,
    list_binding,
    list_statement,
    lookup_statement,
    page_row,
)
from graph_service.api.translate.plan import EntityPlan, ListPlan
from graph_service.api.translate.selection import ALL_KINDS, Selection
from graph_service.graph.executor import Graph
from graph_service.queries import CypherQuery

Row = dict[str, Any]


async def run_statement(graph: Graph, statement: Statement) -> list[Row]:
    query = CypherQuery(statement.name, statement.text)
    rows: list[Row] = await graph.read_values(query, statement.params)  # maps, no nodes
    return rows


def entities_statement(
    selection: Selection, field_nodes: list[FieldNode], ids: list[str]
) -> tuple[EntityPlan, Statement | None]:
    """The plan of `node`/`nodes` and its statement (None when no key is asked for)."""
    plan = selection.entity(field_nodes, ALL_KINDS)
    unique = list(dict.fromkeys(ids))
    if not unique:
        return plan, None
    return plan, lookup_statement(plan, unique, many=len(unique) > 1)


async def fetch_entities(
    selection: Selection, field_nodes: list[FieldNode], graph: Graph, ids: list[str]
) -> tuple[EntityPlan, list[Row]]:
    """The plan of `node`/`nodes` and the entity row of each of `ids` that exists."""
    plan, statement = entities_statement(selection, field_nodes, ids)
    if statement is None:
        return plan, []
    return plan, [row["row"] for row in await run_statement(graph, statement)]


def kind_list_statement(
    selection: Selection, kind: str, field_nodes: list[FieldNode], args: dict[str, Any]
) -> tuple[ListPlan, Statement]:
    plan: ListPlan = selection.kind_list(kind, field_nodes, args)
    return plan, list_statement(plan)


async def fetch_kind_list(
    selection: Selection,
    kind: str,
    field_nodes: list[FieldNode],
    args: dict[str, Any],
    graph: Graph,
) -> tuple[ListPlan, Row]:
    """The plan of a root connection and its one row (`rows`, `total` as selected)."""
    plan, statement = kind_list_statement(selection, kind, field_nodes, args)
    return plan, page_row(statement, await run_statement(graph, statement))


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
