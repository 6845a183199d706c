"""The plan of one root field as one parameterised Cypher statement: pure functions.

The statement's projection is the nested result: each entity a map of the properties the
selection reads (`{id: n.id, name: n.name, _labels: labels(n), _r0: ...}`; map literals,
since ArcadeDB drops the other entries of a map literal holding a map projection), each
relationship page a list computed by a `CALL` subquery over a typed, directed pattern,
filtered by predicates, sorted and cut by `ORDER BY ... LIMIT`.
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
    calls: list[str] = []
    projection = entity_projection(params, "n", plan, calls)
    head = "UNWIND $ids AS id\nMATCH (n:Entity {id: id})" if many else "MATCH (n:Entity {id: $id})"
    text = "\n".join([head, *calls, f"RETURN {projection} AS row"])
    return Statement("translate:nodes" if many else "translate:node", text, params.values)


def entities_statement(items: list[tuple[EntityPlan, list[str]]]) -> Statement:
    """Entities reached another way (search, paths, a subgraph...): for each position in
    the document, its plan and the keys found there, as `e0`, `e1`, ... in one statement."""
    params = Params()
    parts, returns = [], []
    for i, (plan, ids) in enumerate(items):
        calls: list[str] = []
        projection = entity_projection(params, "n", plan, calls)
        body = [f"UNWIND {params.add(ids)} AS id", "MATCH (n:Entity {id: id})", *calls]
        body.append(f"RETURN collect({projection}) AS e{i}")
        parts.append("CALL () {\n" + _indent("\n".join(body)) + "\n}")
        returns.append(f"e{i}")
    text = "\n".join([*parts, "RETURN " + ", ".join(returns)])
    return Statement("translate:entities", text, params.values)


def list_statement(plan: ListPlan) -> Statement:
    """A root connection: `totalCount` (if selected) and one page, keyset-bounded."""
    flat = _flat_list_statement(plan)
    if flat is not None:
        return flat
    params = Params()
    kind = label(plan.kind)
    dnf = compile_filter(plan.filter)
    slots = [s for s in compile_order(plan.order_by, DEFAULT_ENTITY_ORDER) if s["source"] != "none"]
    parts: list[str] = []
    returns: list[str] = []
    if plan.total:
        where = _where([groups(params, dnf, "n", None)] if dnf else [])
        parts.append(f"CALL () {{\n  MATCH (n:{kind}){where}\n  RETURN count(n) AS total\n}}")
        returns.append("total")
    if plan.edges:
        filters = [groups(params, dnf, "n", None)] if dnf else []
        keys = entity_keys(params, slots, "n")
        bound = list_binding(plan)
        body = [f"MATCH (n:{kind})"]
        limits = _positions(params, keys, plan.page, bound)
        if keys.computed:
            body.append(_where(filters).strip())
            body += keys.calls
            if limits:
                carried = ", ".join(["n", *(k.expr for k in keys.keys if k.expr.isidentifier())])
                body.append(f"WITH {carried}{_where(limits)}")
        else:
            body.append(_where(filters + limits).strip())
        carried = ", ".join(["n", *(k.expr for k in keys.keys if k.expr.isidentifier())])
        limit = params.add(plan.page.size + 1)
        body.append(f"WITH {carried} {order_by(keys, plan.page.backward)} LIMIT {limit}")
        calls: list[str] = []
        projection = entity_projection(params, "n", plan.node, calls, keys)
        body += calls
        body.append(f"RETURN collect({projection}) AS rows")
        parts.append("CALL () {\n" + _indent("\n".join(b for b in body if b)) + "\n}")
        returns.append("rows")
    else:  # still refuse a bad cursor, though no page is read
        _positions(Params(), entity_keys(Params(), slots, "n"), plan.page, list_binding(plan))
    if not returns:
        returns.append("null AS nothing")
    text = "\n".join([*parts, "RETURN " + ", ".join(returns)])
    return Statement(f"translate:{plan.kind}", text, params.values)


def _flat_list_statement(plan: ListPlan) -> Statement | None:
    """A page that needs no subquery (no `totalCount`, no key or field computed by a
    `CALL`) as a plain `MATCH ... WHERE ... RETURN row ORDER BY ... LIMIT`, one record per
    row: the one shape in which ArcadeDB reads an index in the page's order and stops at
    the `LIMIT` (its planner gives up on ordered reads for statements with `WITH` or
    `CALL` clauses), as Neo4j does for any shape. None when the page needs the other."""
    if plan.total or not plan.edges:
        return None
    params = Params()
    slots = [s for s in compile_order(plan.order_by, DEFAULT_ENTITY_ORDER) if s["source"] != "none"]
    keys = entity_keys(params, slots, "n")
    calls: list[str] = []
    projection = entity_projection(params, "n", plan.node, calls, keys)
    if keys.computed or calls:
        return None
    dnf = compile_filter(plan.filter)
    conditions = [groups(params, dnf, "n", None)] if dnf else []
    limits = _positions(params, keys, plan.page, list_binding(plan))
    first = start(params, keys) if not limits else None
    conditions = [c for c in [first, *conditions, *limits] if c]
    limit = params.add(plan.page.size + 1)
    text = "\n".join(
        [
            f"MATCH (n:{label(plan.kind)}){_where(conditions)}",
            f"RETURN {projection} AS row {order_by(keys, plan.page.backward)} LIMIT {limit}",
        ]
    )
    return Statement(f"translate:{plan.kind}", text, params.values, per_row=True)


def page_row(statement: Statement, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The page (`rows`) and count (`total`) of a root connection from its records."""
    if statement.per_row:
        return {"rows": [record["row"] for record in records]}
    return records[0] if records else {}


def entity_projection(
    params: Params, v: str, plan: EntityPlan, calls: list[str], keys: Keys | None = None
) -> str:
    """The map an entity becomes; subqueries it needs are appended to `calls`."""
    entries = [f"{prop(p)}: {v}.{p}" for p in sorted(plan.props)]
    entries.append(f"_labels: labels({v})")
    if keys is not None:
        entries.append(f"_keys: [{', '.join(k.expr for k in keys.keys)}]")
    for j, relation in enumerate(plan.relations):
        page, total = relation_calls(params, v, relation, calls)
        if page:
            entries.append(f"_r{j}: {page}")
        if total:
            entries.append(f"_t{j}: {total}")
    if plan.sources is not None:
        entries.append(f"_sources: {sources_call(params, v, plan.sources, calls)}")
    return f"{{{', '.join(entries)}}}"


def sources_call(params: Params, owner: str, plan: EntityPlan, calls: list[str]) -> str:
    """The sources an entity or relationship cites, through the `Entity.id` index."""
    s, sid, out = params.var("s"), params.var("sid"), params.var("src")
    inner: list[str] = []
    projection = entity_projection(params, s, plan, inner)
    body = [
        f"UNWIND coalesce({owner}.sources, []) AS {sid}",
        f"MATCH ({s}:Entity {{id: {sid}}})",
        *inner,
        f"RETURN collect({projection}) AS {out}",
    ]
    calls.append(f"CALL ({owner}) {{\n" + _indent("\n".join(body)) + "\n}")
    return out


def relation_calls(
    params: Params, v: str, plan: RelationPlan, calls: list[str]
) -> tuple[str | None, str | None]:
    """The page (and count) of one relationship connection of `v`, as CALL subqueries."""
    r, m = params.var("r"), params.var("m")
    total = page = None
    if plan.total:
        match = _match(params, v, plan, r, m)
        filters = _edge_filters(params, plan, r, m)
        total = params.var("total")
        body = [f"{match}{_where(filters)}", f"RETURN count(*) AS {total}"]
        calls.append(f"CALL ({v}) {{\n" + _indent("\n".join(body)) + "\n}")
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
        page = params.var("page")
        inner: list[str] = []
        node = entity_projection(params, m, plan.node, inner)
        rel_props = ", ".join(f"{prop(p)}: {r}.{p}" for p in sorted(plan.edge_props))
        edge = [f"rel: {{{rel_props}}}", f"node: {node}"]
        edge.append(f"keys: [{', '.join(k.expr for k in keys.keys)}]")
        if plan.edge_sources is not None:
            edge.append(f"sources: {sources_call(params, r, plan.edge_sources, inner)}")
        limit = params.add(plan.page.size + 1)
        body = [
            f"{match}{_where(filters + limits)}",
            f"WITH {r}, {m} {order_by(keys, plan.page.backward)} LIMIT {limit}",
            *inner,
            f"RETURN collect({{{', '.join(edge)}}}) AS {page}",
        ]
        calls.append(f"CALL ({v}) {{\n" + _indent("\n".join(body)) + "\n}")
    return page, total


def _match(params: Params, v: str, plan: RelationPlan, r: str, m: str) -> str:
    """The relationships of the page: those of `v`, and where the ontology derives more on
    this side (`incoming_through`), those ending at the entities `v` reaches by that type."""
    through = plan.rel.incoming_through if plan.direction == "IN" else None
    if through is None:
        return f"MATCH {pattern(v, r, plan.rel.name, plan.direction, m)}"
    part, parts, via = params.var("part"), params.var("parts"), params.var("via")
    return "\n".join(
        [
            f"OPTIONAL MATCH ({v})-[:{rel_type(through)}]->({part}:Entity)",
            f"WITH {v}, collect({part}) AS {parts}",
            f"UNWIND [{v}] + {parts} AS {via}",
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


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
