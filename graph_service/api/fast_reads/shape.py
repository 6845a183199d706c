"""The response of a translated read, built straight from its Cypher rows.

The same rows, plan and window arithmetic as `translate/results.py`, and the same functions
for plain values (`fields.value_reader`), but no GraphQL objects and no per-field execution:
each entity row becomes the response dict of its selection, field by field, in the order a
compiled `Program` lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph_service.api.fast_reads.fields import (
    CURSOR,
    EDGES,
    ENTITIES,
    GRAPH_EDGES,
    NODE,
    PAGE,
    RELATION,
    SOURCES,
    TOTAL,
    TYPENAME,
    VALUE,
    edge_type_name,
)
from graph_service.api.fast_reads.program import Fallback, Op, Program, Selected
from graph_service.api.translate import cursors
from graph_service.api.translate.cypher import list_binding, relation_binding
from graph_service.api.translate.plan import EntityPlan, ListPlan, RelationPlan
from graph_service.api.translate.results import check_cursor_owner, window
from graph_service.api.translate.selection import Selection
from graph_service.api.types.pagination import PageInfo
from graph_service.api.types.subgraph import TYPED_EDGES, graph_edge
from graph_service.ontology import kind_of_labels

Row = dict[str, Any]
EDGE_TYPE_NAMES = {edge: edge_type_name(edge) for edge in TYPED_EDGES.values()}


class Value:
    """What the value functions of a field read: an entity's or a relationship's stored
    properties (the row itself: its `_` entries are never a property's name)."""

    __slots__ = ("asked_on", "id", "labels", "props")

    def __init__(
        self, id_: Any, props: Row, labels: list[str] | None, asked_on: str | None = None
    ) -> None:
        self.id = id_
        self.props = props
        self.labels = labels
        self.asked_on = asked_on  # an edge's: its connection's `asOf` day


class Shaper:
    """Builds the response of one request's translated root fields."""

    def __init__(self, program: Program, selection: Selection) -> None:
        self.program = program
        self.selection = selection
        self._relations: dict[tuple[int, str, str], tuple[RelationPlan, int] | None] = {}
        self._bindings: dict[int, str] = {}

    def _ops(self, selected: Selected, type_name: str) -> list[Op]:
        ops = selected.ops.get(type_name)
        if ops is None:
            ops = self.program.compile(self.selection, selected, type_name)
        return ops

    def entity(self, selected: Selected, plan: EntityPlan, row: Row) -> Row:
        labels = row["_labels"]
        kind = kind_of_labels(labels)
        value = None
        out: Row = {}
        for key, op, a, b in self._ops(selected, kind):
            if op == VALUE:
                if value is None:
                    value = Value(row["id"], row, labels)
                out[key] = b(a(value))
            elif op == TYPENAME:
                out[key] = a
            elif op == RELATION:
                relation, j = self._relation(plan, kind, key)
                out[key] = self.connection(
                    a, b, relation, row.get(f"_r{j}"), row.get(f"_t{j}"), str(row["id"])
                )
            elif op == SOURCES:
                out[key] = self.sources(a, b, plan.sources, row.get("sources"), row.get("_sources"))
            else:
                raise Fallback(f"field kind {op} on an entity")
        return out

    def _relation(self, plan: EntityPlan, kind: str, key: str) -> tuple[RelationPlan, int]:
        """The relationship page fetched for `key` on an entity of `kind` (as `results.entity`
        hands it over: the last plan of that alias for that kind)."""
        cache_key = (id(plan), kind, key)
        if cache_key not in self._relations:
            found = None
            for j, relation in enumerate(plan.relations):
                if relation.alias == key and kind in relation.kinds:
                    found = (relation, j)
            self._relations[cache_key] = found
        found = self._relations[cache_key]
        if found is None:
            raise Fallback(f"no page fetched for {key} of a {kind}")
        return found

    def sources(
        self,
        selected: Selected,
        type_name: str,
        plan: EntityPlan | None,
        ids: list[str] | None,
        rows: list[Row] | None,
    ) -> list[Row]:
        """Sources in the order the fact cites them; missing ones are left out."""
        if plan is None:
            raise Fallback("sources not fetched")
        found = {row["id"]: row for row in rows or []}
        out = []
        for source in ids or []:
            if source in found:
                row = found[source]
                if kind_of_labels(row["_labels"]) != type_name:
                    raise Fallback(f"a source that is not a {type_name}")
                out.append(self.entity(selected, plan, row))
        return out

    def connection(
        self,
        selected: Selected,
        type_name: str,
        relation: RelationPlan,
        rows: list[Row] | None,
        total: int | None,
        owner: str,
    ) -> Row:
        """The page of `relation` under the entity `owner`; its cursors are bound to it
        (as `results.connection` binds them)."""
        check_cursor_owner(relation, owner)
        page, has_next, has_previous = window(relation.page, rows or [])
        out: Row = {}
        for key, op, a, b in self._ops(selected, type_name):
            if op == EDGES:
                out[key] = [self._relation_edge(a, b, relation, row, owner) for row in page]
            elif op == PAGE:
                cursor = lambda row: self._relation_cursor(relation, row, owner)  # noqa: E731
                out[key] = self._page_info(a, b, page, has_next, has_previous, cursor)
            elif op == TOTAL:
                out[key] = a(total or 0)
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on a connection")
        return out

    def _relation_edge(
        self, selected: Selected, type_name: str, relation: RelationPlan, row: Row, owner: str
    ) -> Row:
        rel = row["rel"]
        value = None
        out: Row = {}
        for key, op, a, b in self._ops(selected, type_name):
            if op == NODE:
                out[key] = self.entity(a, relation.node, row["node"])
            elif op == VALUE:
                if value is None:
                    value = Value(None, rel, None, relation.as_of)
                out[key] = b(a(value))
            elif op == CURSOR:
                out[key] = a(self._relation_cursor(relation, row, owner))
            elif op == SOURCES:
                sources = relation.edge_sources
                out[key] = self.sources(a, b, sources, rel.get("sources"), row.get("sources"))
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on an edge")
        return out

    def _relation_cursor(self, relation: RelationPlan, row: Row, owner: str) -> str:
        bound = self._bindings.get(id(relation))
        if bound is None:
            bound = self._bindings[id(relation)] = relation_binding(relation)
        return cursors.encode(bound, row["keys"], str(row["rel"].get("id") or ""), owner)

    def kind_list(self, selected: Selected, type_name: str, plan: ListPlan, row: Row) -> Row:
        page, has_next, has_previous = window(plan.page, row.get("rows") or [])
        bound = list_binding(plan)
        cursor: Callable[[Row], str] = lambda item: cursors.encode(bound, item["_keys"], item["id"])  # noqa: E731
        out: Row = {}
        for key, op, a, b in self._ops(selected, type_name):
            if op == EDGES:
                out[key] = [self._list_edge(a, b, plan, item, cursor) for item in page]
            elif op == PAGE:
                out[key] = self._page_info(a, b, page, has_next, has_previous, cursor)
            elif op == TOTAL:
                out[key] = a(row.get("total") or 0)
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on a list")
        return out

    def _list_edge(
        self,
        selected: Selected,
        type_name: str,
        plan: ListPlan,
        item: Row,
        cursor: Callable[[Row], str],
    ) -> Row:
        out: Row = {}
        for key, op, a, b in self._ops(selected, type_name):
            if op == NODE:
                if kind_of_labels(item["_labels"]) != b:
                    raise Fallback(f"an entity that is not a {b}")
                out[key] = self.entity(a, plan.node, item)
            elif op == CURSOR:
                out[key] = a(cursor(item))
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on a list edge")
        return out

    def _page_info(
        self,
        selected: Selected,
        type_name: str,
        page: list[Row],
        has_next: bool,
        has_previous: bool,
        cursor: Callable[[Row], str],
    ) -> Row:
        info = PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=cursor(page[0]) if page else None,
            end_cursor=cursor(page[-1]) if page else None,
        )
        out: Row = {}
        for key, op, a, b in self._ops(selected, type_name):
            if op == VALUE:
                out[key] = b(a(info))
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on page info")
        return out

    def explored(
        self,
        selected: Selected,
        type_name: str,
        plan: EntityPlan,
        nodes: list[Row],
        edges: list[Any],
        values: Any,
    ) -> Row:
        """A `Subgraph` or `Path`: its entities (rows of `plan`), its relationships (the
        `GraphEdge` objects execution would resolve) and the plain values `values` holds."""
        out: Row = {}
        for key, op, a, b in self._ops(selected, type_name):
            if op == ENTITIES:
                out[key] = [self.entity(a, plan, row) for row in nodes]
            elif op == GRAPH_EDGES:
                out[key] = [self._graph_edge(a, edge) for edge in edges]
            elif op == VALUE:
                out[key] = b(a(values))
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on a {type_name}")
        return out

    def _graph_edge(self, selected: Selected, edge: Any) -> Row:
        out: Row = {}
        for key, op, a, b in self._ops(selected, EDGE_TYPE_NAMES[type(edge)]):
            if op == VALUE:
                out[key] = b(a(edge))
            elif op == TYPENAME:
                out[key] = a
            else:
                raise Fallback(f"field kind {op} on a relationship")
        return out


def graph_edges(rows: list[Row]) -> list[Any]:
    return [graph_edge(row) for row in rows]
