"""A neighbourhood as one statement: every hop and the entities' projection, a pure step.

Each hop starts from the entities the previous hop reached first (the start entity for
the first), follows typed, directed patterns, and takes at most `limit + 1` relationships
per entity inside the graph (`CALL (f) { ... LIMIT }`), then at most `limit + 1` for the
hop, ordered by key; relationships an earlier hop returned are left out before the limit
(compared as relationships and entities, not by their keys: reading the key of every
candidate was 30-55 % of the statement's graph CPU at 100k entities). Once the
relationships in hand exceed `limit`, later hops start from no entity (the answer is cut
there anyway). The entities reached are projected once at the end with what
the selection reads of them (properties, sources, relationship pages), as a root field's
entities are, and the relationships with only the properties their fields read.
"""

from __future__ import annotations

from graph_service.api.translate.cypher import Statement, _indent, entity_projection
from graph_service.api.translate.names import prop, rel_type
from graph_service.api.translate.params import Params
from graph_service.api.translate.plan import EntityPlan

_ARROWS = {"OUT": ("-", "->"), "IN": ("<-", "-"), "BOTH": ("-", "-")}
_EDGE = (
    "{{type: type(e.rel), from: startNode(e.rel).id, to: endNode(e.rel).id, "
    "rel: {rel}, node: e.node.id}}"
)


def neighbourhood_statement(
    plan: EntityPlan,
    id_: str,
    *,
    depth: int,
    types: list[str],
    direction: str,
    as_of: str | None,
    limit: int,
    edge_props: set[str] | None = None,
) -> Statement:
    """Rows `h1`..`h<depth>` (each hop's relationships, by key) and `nodes`. A relationship's
    `rel` holds its properties, or only `edge_props` (null when it has none) when given."""
    params = Params()
    start = params.constant("id", lambda: id_)  # by name: a kept statement takes another key
    most = params.add(limit + 1)
    limit_ = params.add(limit)
    left, right = _ARROWS[direction]
    pattern = f"(f){left}[r:{'|'.join(rel_type(t) for t in types)}]{right}(m:Entity)"
    conditions = ["NOT r IN seenRels"]
    if as_of is not None:
        day = params.add(as_of)
        conditions.append(
            f"(r.valid_from IS NULL OR r.valid_from <= {day}) "
            f"AND (r.valid_to IS NULL OR r.valid_to >= {day})"
        )
    hop = "\n".join(
        [
            "UNWIND front AS f",
            "CALL (f, seenRels) {",
            _indent(f"MATCH {pattern}\nWHERE {' AND '.join(conditions)}\nRETURN r, m LIMIT {most}"),
            "}",
            "WITH DISTINCT r, m",
            f"WITH r, m ORDER BY r.id LIMIT {most}",
            "RETURN collect({rel: r, node: m}) AS hop, collect(DISTINCT m) AS reached",
        ]
    )
    lines = [
        f"MATCH (s:Entity {{id: {start}}})",
        "WITH s, [s] AS front, [s] AS seen, [] AS seenRels",
    ]
    carried = ["s"]
    for k in range(1, depth + 1):
        lines.append("CALL (front, seenRels) {\n" + _indent(hop) + "\n}")
        lines.append(
            f"WITH {', '.join(carried)}, hop AS h{k}, reached AS ms{k},\n"
            f"     CASE WHEN size(seenRels) + size(hop) > {limit_} THEN [] ELSE\n"
            "       [m IN reached WHERE NOT m IN seen] END AS front,\n"
            "     seen + reached AS seen,\n"
            "     seenRels + [e IN hop | e.rel] AS seenRels"
        )
        carried += [f"h{k}", f"ms{k}"]
    projection = entity_projection(params, "n", plan)
    reached = " + ".join(["[s]", *(f"ms{k}" for k in range(1, depth + 1))])
    nodes = [f"UNWIND {reached} AS n", "WITH DISTINCT n"]
    nodes.append(f"RETURN collect({projection}) AS nodes")
    scope = ", ".join(["s", *(f"ms{k}" for k in range(1, depth + 1))])
    lines.append(f"CALL ({scope}) {{\n" + _indent("\n".join(nodes)) + "\n}")
    rel = (
        "properties(e.rel)"
        if edge_props is None
        else "{" + ", ".join(f"{prop(p)}: e.rel.{p}" for p in sorted(edge_props)) + "}"
    )
    edge = _EDGE.format(rel=rel)
    hops = ", ".join(f"[e IN h{k} | {edge}] AS h{k}" for k in range(1, depth + 1))
    lines.append(f"RETURN {hops}, nodes")
    return Statement(f"translate:neighbourhood_{depth}", "\n".join(lines), params.values)
