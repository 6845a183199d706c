"""Running a translated root field: one statement, one round trip."""

from __future__ import annotations

from typing import Any

from graph_service.api.translate import cursors, results
from graph_service.api.translate.cypher import list_binding, list_statement, lookup_statement
from graph_service.api.translate.plan import ListPlan
from graph_service.api.translate.selection import ALL_KINDS, Selection
from graph_service.queries import CypherQuery


async def _run(info: Any, statement: Any) -> list[dict[str, Any]]:
    graph = info.context.graph
    query = CypherQuery(statement.name, statement.text)
    rows: list[dict[str, Any]] = await graph.read(query, **statement.params)
    return rows


async def read_nodes(info: Any, ids: list[str]) -> list[Any]:
    """The entities of `ids` that exist, with everything the selection reads below them."""
    selection = Selection.of(info)
    plan = selection.entity(info._raw_info.field_nodes, ALL_KINDS)
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    statement = lookup_statement(plan, unique, many=len(unique) > 1)
    rows = await _run(info, statement)
    return [results.entity(plan, row["row"]) for row in rows]


async def read_node(info: Any, id_: str) -> Any | None:
    found = await read_nodes(info, [id_])
    return found[0] if found else None


async def read_kind_list(info: Any, kind: str, connection: type, args: dict[str, Any]) -> Any:
    selection = Selection.of(info)
    plan: ListPlan = selection.kind_list(kind, info._raw_info.field_nodes, args)
    statement = list_statement(plan)
    rows = await _run(info, statement)
    row = rows[0] if rows else {}
    edge_type = connection.__annotations__["edges"].__args__[0]
    bound = list_binding(plan)

    def edge(item: dict[str, Any]) -> Any:
        node = results.entity(plan.node, item)
        return edge_type(cursor=cursors.encode(bound, item["_keys"], node.id), node=node)

    return results.page(connection, plan.page, row.get("rows") or [], row.get("total"), edge)
