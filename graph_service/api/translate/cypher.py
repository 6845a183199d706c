"""The plan of one root field as one parameterised Cypher statement: pure functions.

The statement's projection is the nested result: each entity a map of the properties the
selection reads (`{id: n.id, name: n.name, _labels: labels(n), _r0: ...}`; map literals,
since ArcadeDB drops the other entries of a map literal holding a map projection), each
relationship page a `COLLECT { ... }` subquery expression over a typed, directed pattern,
filtered by predicates, sorted and cut by `ORDER BY ... LIMIT` (its count a `COUNT { ... }`).
Expressions rather than `CALL` subqueries keep a root page a plain `MATCH ... WHERE ...
RETURN ... ORDER BY ... LIMIT`, which a graph can read from an index in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_service.api.filters import (
    DEFAULT_EDGE_ORDER,
    DEFAULT_ENTITY_ORDER,
    compile_filter,
    compile_order,
)
from graph_service.api.translate import cursors
from graph_service.api.translate.names import label, prop, rel_type
from graph_service.api.translate.ordering import (
    Keys,
    beyond,
    edge_keys,
    entity_keys,
    order_by,
    start,
)
from graph_service.api.translate.params import Params
from graph_service.api.translate.plan import EntityPlan, ListPlan, Page, RelationPlan
from graph_service.api.translate.predicates import groups, pattern
from graph_service.ontology import INDEXES


@dataclass(frozen=True)
class Statement:
    name: str
    text: str
    params: dict[str, Any]
    # One record per row of a root page (`row`) rather than one record (`rows`, `total`).
    per_row: bool = False


def list_binding(plan: ListPlan) -> str:
    return cursors.binding("kind", plan.kind, plan.filter, plan.order_by)


def relation_binding(plan: RelationPlan) -> str:
    return cursors.binding(
        "rel", plan.rel.name, plan.direction, plan.filter, plan.order_by, plan.as_of, plan.year
    )


def lookup_statement(plan: EntityPlan, ids: list[str], *, many: bool) -> Statement:
    """`node(id)` or `nodes(ids)`: anchored on the `Entity.id` index."""
    params = Params()
    params.values["ids" if many else "id"] = ids if many else ids[0]
    projection = entity_projection(params, "n", plan)
    head = "UNWIND $ids AS id\nMATCH (n:Entity {id: id})" if many else "MATCH (n:Entity {id: $id})"
    text = "\n".join([head, f"RETURN {projection} AS row"])
    return Statement("translate:nodes" if many else "translate:node", text, params.values)


def entities_statement(items: list[tuple[EntityPlan, list[str]]]) -> Statement:
    """Entities reached another way (search, paths, a subgraph...): for each position in
    the document, its plan and the keys found there, as `e0`, `e1`, ... in one statement."""
    params = Params()
    parts, returns = [], []
    for i, (plan, ids) in enumerate(items):
        projection = entity_projection(params, "n", plan)
        body = [f"UNWIND {params.add(ids)} AS id", "MATCH (n:Entity {id: id})"]
        body.append(f"RETURN collect({projection}) AS e{i}")
        parts.append("CALL () {\n" + _indent("\n".join(body)) + "\n}")
        returns.append(f"e{i}")
    text = "\n".join([*parts, "RETURN " + ", ".join(returns)])
    return Statement("translate:entities", text, params.values)


def list_statement(plan: ListPlan) -> Statement:
    """A root connection: one page, keyset-bounded, one record per row (`row`); with
    `totalCount` selected, a `UNION ALL` branch adds a record with the count (`total`),
    so the page keeps its shape and an empty page still has its count."""
    params = Params()
    kind = label(plan.kind)
    dnf = compile_filter(plan.filter)
    filters = [groups(params, dnf, "n", None)] if dnf else []
    slots = [s for s in compile_order(plan.order_by, DEFAULT_ENTITY_ORDER) if s["source"] != "none"]
    branches: list[str] = []
    if plan.edges:
        branches.append(_page(params, plan, filters, _reads_in_order(plan, dnf, slots)))
    else:  # still refuse a bad cursor, though no page is read
        _positions(Params(), entity_keys(Params(), slots, "n"), plan.page, list_binding(plan))
    if plan.total:
        row = "null AS row, " if plan.edges else ""
        # A `COUNT {}` rather than `MATCH ... RETURN count(n)`: with an aggregation in a
        # branch, ArcadeDB no longer reads the page's branch in index order.
        branches.append(f"RETURN {row}COUNT {{ MATCH (n:{kind}){_where(filters)} }} AS total")
    if not branches:
        branches.append("RETURN null AS nothing")
    text = "\nUNION ALL\n".join(branches)
    return Statement(f"translate:{plan.kind}", text, params.values, per_row=True)


def _page(params: Params, plan: ListPlan, filters: list[str], in_order: bool) -> str:
    """The page's rows. Read in index order (`in_order`): `MATCH ... WHERE ... RETURN row
    ORDER BY ... LIMIT`, the one shape in which ArcadeDB reads an index in the page's order
    and stops at the `LIMIT` (a `WITH` or `CALL` clause makes it sort), as Neo4j does for
    any shape. Otherwise the rows are cut first (`WITH n ORDER BY ... LIMIT`) and only the
    page's rows projected: ArcadeDB projects a `RETURN` before it sorts, so the nested
    pages of every matching row would be read."""
    slots = [s for s in compile_order(plan.order_by, DEFAULT_ENTITY_ORDER) if s["source"] != "none"]
    keys = entity_keys(params, slots, "n")
    limits = _positions(params, keys, plan.page, list_binding(plan))
    first = start(params, keys) if not limits else None
    projection = entity_projection(params, "n", plan.node, keys)
    limit = params.add(plan.page.size + 1)
    order = order_by(keys, plan.page.backward)
    total = ", null AS total" if plan.total else ""
    match = f"MATCH (n:{label(plan.kind)})"
    if in_order or not (keys.computed or _has_subqueries(plan.node)):
        conditions = [c for c in [first, *filters, *limits] if c]
        return (
            f"{match}{_where(conditions)}\nRETURN {projection} AS row{total} {order} LIMIT {limit}"
        )
    carried = ", ".join(["n", *(k.expr for k in keys.keys if k.expr.isidentifier())])
    if keys.computed:
        lines = [f"{match}{_where(filters)}", *keys.calls]
        if limits:
            lines.append(f"WITH {carried}{_where(limits)}")
    else:
        lines = [f"{match}{_where([c for c in [first, *filters, *limits] if c])}"]
    lines.append(f"WITH {carried} {order} LIMIT {limit}")
    lines.append(f"RETURN {projection} AS row{total} {order}")
    return "\n".join(lines)


def _reads_in_order(
    plan: ListPlan, dnf: list[list[dict[str, Any]]] | None, slots: list[dict[str, Any]]
) -> bool:
    """Whether ArcadeDB reads the page from the kind's (name, id) index in order: sorted by
    name ascending (the key then follows in the same direction, forwards or backwards),
    and no condition on a property another index serves (its planner would seek by that
    index and sort). Ordering by a relationship value is computed per row: no node index
    holds it, so such a page is always sorted."""
    if [(s["source"], s.get("field"), s["desc"]) for s in slots] != [("prop", "name", False)]:
        return False
    indexed = {i.property for i in INDEXES if i.label == plan.kind and not i.then_id}
    atoms = [a for group in dnf or [] for a in group]
    return not any(
        a["kind"] != "rel" and a["source"] == "prop" and a["prop"] in indexed for a in atoms
    )


def _has_subqueries(plan: EntityPlan) -> bool:
    return bool(plan.relations) or plan.sources is not None


def page_row(statement: Statement, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The page (`rows`) and count (`total`) of a root connection from its records."""
    if not statement.per_row:
        return records[0] if records else {}
    rows = [r["row"] for r in records if r.get("row") is not None]
    totals = [r["total"] for r in records if r.get("total") is not None]
    return {"rows": rows, "total": totals[0] if totals else None}


def entity_projection(params: Params, v: str, plan: EntityPlan, keys: Keys | None = None) -> str:
    """The map an entity becomes, its relationship pages and sources as subquery
    expressions (`COLLECT { ... }`, `COUNT { ... }`)."""
    entries = [f"{prop(p)}: {v}.{p}" for p in sorted(plan.props)]
    entries.append(f"_labels: labels({v})")
    if keys is not None:
        entries.append(f"_keys: [{', '.join(k.expr for k in keys.keys)}]")
    for j, relation in enumerate(plan.relations):
        page, total = relation_expressions(params, v, relation)
        if page:
            entries.append(f"_r{j}: {page}")
        if total:
            entries.append(f"_t{j}: {total}")
    if plan.sources is not None:
        entries.append(f"_sources: {sources_expression(params, v, plan.sources)}")
    return f"{{{', '.join(entries)}}}"


def sources_expression(params: Params, owner: str, plan: EntityPlan) -> str:
    """The sources an entity or relationship cites, through the `Entity.id` index."""
    s, sid = params.var("s"), params.var("sid")
    projection = entity_projection(params, s, plan)
    body = [
        f"UNWIND coalesce({owner}.sources, []) AS {sid}",
        f"MATCH ({s}:Entity {{id: {sid}}})",
        f"RETURN {projection}",
    ]
    return _subquery("COLLECT", body)


def relation_expressions(
    params: Params, v: str, plan: RelationPlan
) -> tuple[str | None, str | None]:
    """The page (and count) of one relationship connection of `v`, as subquery expressions."""
    r, m = params.var("r"), params.var("m")
    total = page = None
    if plan.total:
        match = _match(params, v, plan, r, m)
        filters = _edge_filters(params, plan, r, m)
        total = _subquery("COUNT", [f"{match}{_where(filters)}"])
    if not plan.edges:  # still refuse a bad cursor, though no page is read
        keys = edge_keys(compile_order(plan.order_by, DEFAULT_EDGE_ORDER), r, m, plan.rel)
        _positions(Params(), keys, plan.page, relation_binding(plan))
    else:
        r, m = params.var("r"), params.var("m")
        match = _match(params, v, plan, r, m)
        filters = _edge_filters(params, plan, r, m)
        slots = compile_order(plan.order_by, DEFAULT_EDGE_ORDER)
        keys = edge_keys(slots, r, m, plan.rel)
        limits = _positions(params, keys, plan.page, relation_binding(plan))
        node = entity_projection(params, m, plan.node)
        rel_props = ", ".join(f"{prop(p)}: {r}.{p}" for p in sorted(plan.edge_props))
        edge = [f"rel: {{{rel_props}}}", f"node: {node}"]
        edge.append(f"keys: [{', '.join(k.expr for k in keys.keys)}]")
        if plan.edge_sources is not None:
            edge.append(f"sources: {sources_expression(params, r, plan.edge_sources)}")
        limit = params.add(plan.page.size + 1)
        body = [
            f"{match}{_where(filters + limits)}",
            f"WITH {r}, {m} {order_by(keys, plan.page.backward)} LIMIT {limit}",
            f"RETURN {{{', '.join(edge)}}}",
        ]
        page = _subquery("COLLECT", body)
    return page, total


def _match(params: Params, v: str, plan: RelationPlan, r: str, m: str) -> str:
    """The relationships of the page: those of `v`, and where the ontology derives more on
    this side (`incoming_through`), those ending at the entities `v` reaches by that type."""
    through = plan.rel.incoming_through if plan.direction == "IN" else None
    if through is None:
        return f"MATCH {pattern(v, r, plan.rel.name, plan.direction, m)}"
    part, via = params.var("part"), params.var("via")
    return "\n".join(
        [
            f"UNWIND [{v}] + [({v})-[:{rel_type(through)}]->({part}:Entity) | {part}] AS {via}",
            f"MATCH {pattern(via, r, plan.rel.name, plan.direction, m)}",
        ]
    )


def _edge_filters(params: Params, plan: RelationPlan, r: str, m: str) -> list[str]:
    filters = []
    if plan.as_of is not None:
        day = params.add(plan.as_of)
        filters.append(
            f"({r}.valid_from IS NULL OR {r}.valid_from <= {day}) "
            f"AND ({r}.valid_to IS NULL OR {r}.valid_to >= {day})"
        )
    if plan.year is not None:
        filters.append(f"{r}.year = {params.add(plan.year)}")
    dnf = compile_filter(plan.filter)
    if dnf:
        filters.append(groups(params, dnf, m, r))
    return filters


def _positions(params: Params, keys: Keys, page: Page, bound: str) -> list[str]:
    count = len(keys.keys)
    after = cursors.decode(page.after, "after", bound, count)
    before = cursors.decode(page.before, "before", bound, count)
    limits = []
    if after is not None:
        limits.append(beyond(params, keys, after, after=True))
    if before is not None:
        limits.append(beyond(params, keys, before, after=False))
    return limits


def _where(conditions: list[str]) -> str:
    conditions = [c for c in conditions if c and c != "true"]
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def _subquery(word: str, body: list[str]) -> str:
    return f"{word} {{\n" + _indent("\n".join(body)) + "\n}"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
