"""The rows of a translated statement as the GraphQL objects of the selection.

Nested connections and sources are built here, from values already in hand, and handed
to their fields through each object's `nested` map (keyed by response key), so child
fields read plain values instead of going back to the graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph_service.api.translate import cursors
from graph_service.api.translate.cypher import relation_binding
from graph_service.api.translate.plan import EntityPlan, Page, RelationPlan
from graph_service.api.types.pagination import PageInfo
from graph_service.api.types.registry import entity_object
from graph_service.ontology import kind_of_labels

Row = dict[str, Any]


def entity(plan: EntityPlan, row: Row) -> Any:
    labels = row["_labels"]
    kind = kind_of_labels(labels)
    props = {k: v for k, v in row.items() if not k.startswith("_")}
    obj = entity_object(labels, props)
    nested: dict[str, Any] = {}
    for j, relation in enumerate(plan.relations):
        if kind in relation.kinds:
            nested[relation.alias] = connection(
                relation, row.get(f"_r{j}"), row.get(f"_t{j}"), props["id"]
            )
    if plan.sources is not None:
        nested["sources"] = sources(plan.sources, props.get("sources"), row.get("_sources"))
    obj.nested = nested
    return obj


def sources(plan: EntityPlan, ids: list[str] | None, rows: list[Row] | None) -> list[Any]:
    """Source entities in the order the fact cites them; missing ones are left out."""
    found = {row["id"]: row for row in rows or []}
    return [entity(plan, found[i]) for i in ids or [] if i in found]


def check_cursor_owner(relation: RelationPlan, owner: str) -> None:
    """Refuse `after`/`before` cursors of the same connection under another entity."""
    field = (
        relation.rel.outgoing_field if relation.direction == "OUT" else relation.rel.incoming_field
    )
    cursors.check_owner(relation.page.after, "after", field, owner)
    cursors.check_owner(relation.page.before, "before", field, owner)


def connection(
    relation: RelationPlan, rows: list[Row] | None, total: int | None, owner: str
) -> Any:
    """The page of `relation` under the entity `owner`; its cursors are bound to it."""
    from graph_service.api.types.relationships import CONNECTION_TYPES, EDGE_TYPES

    check_cursor_owner(relation, owner)
    edge_type = EDGE_TYPES[relation.rel.name]
    bound = relation_binding(relation)

    def edge(row: Row) -> Any:
        rel = row["rel"]
        obj = edge_type(
            cursor=cursors.encode(bound, row["keys"], str(rel.get("id") or ""), owner),
            node=entity(relation.node, row["node"]),
            props=rel,
            asked_on=relation.as_of,
        )
        nested = {}
        if relation.edge_sources is not None:
            nested["sources"] = sources(
                relation.edge_sources, rel.get("sources"), row.get("sources")
            )
        obj.nested = nested
        return obj

    return page(CONNECTION_TYPES[relation.rel.name], relation.page, rows or [], total, edge)


def window(args: Page, rows: list[Row]) -> tuple[list[Row], bool, bool]:
    """The rows of a keyset page in order, and whether items follow and precede it (one
    extra row read says "more")."""
    more = len(rows) > args.size
    rows = rows[: args.size]
    if args.backward:
        return rows[::-1], args.before is not None, more
    return rows, more, args.after is not None


def page(
    connection_type: Callable[..., Any],
    args: Page,
    rows: list[Row],
    total: int | None,
    edge: Callable[[Row], Any],
) -> Any:
    """The Relay connection for the rows of a keyset page."""
    rows, has_next, has_previous = window(args, rows)
    edges = [edge(row) for row in rows]
    info = PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return connection_type(edges=edges, page_info=info, total_count=total or 0)
