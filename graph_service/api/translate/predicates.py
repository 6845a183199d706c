"""Filters as Cypher predicates the planner can use: a pure step.

The input is the validated filter in disjunctive normal form (`api/filters/compile.py`):
groups of atoms. A plain atom becomes a plain comparison (`n.level = $p0`, an index seek
or range scan where the property is indexed); a relationship atom becomes a typed, directed
`EXISTS { MATCH (n)-[r:TYPE]->(m:Entity) WHERE ... }`. Text folds case and accents on both
sides; the folding table is sent only when such a comparison exists.
"""

from __future__ import annotations

from typing import Any

from graph_service.api.filters.compile import fold_table
from graph_service.api.translate.names import prop, rel_type
from graph_service.api.translate.params import Params

_COMPARE = {"eq": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


def pattern(start: str, rel: str, type_name: str, direction: str, end: str) -> str:
    """`(start)-[rel:TYPE]->(end:Entity)` seen from `start` in `direction`."""
    arrow = ("-", "->") if direction == "OUT" else ("<-", "-")
    return f"({start}){arrow[0]}[{rel}:{rel_type(type_name)}]{arrow[1]}({end}:Entity)"


def groups(params: Params, dnf: list[list[dict[str, Any]]], entity: str, rel: str | None) -> str:
    """The predicate of a DNF filter on `entity` (and, on an edge, `rel`)."""
    ors = []
    for group in dnf:
        ands = [atom(params, a, entity, rel) for a in group]
        if not ands:
            return "true"
        ors.append(ands[0] if len(ands) == 1 else "(" + " AND ".join(ands) + ")")
    if not ors:
        return "false"
    return ors[0] if len(ors) == 1 else "(" + " OR ".join(ors) + ")"


def atom(params: Params, a: dict[str, Any], entity: str, rel: str | None) -> str:
    text = _relation(params, a, entity) if a["kind"] == "rel" else _value(params, a, entity, rel)
    return f"NOT coalesce({text}, false)" if a["negate"] and a["kind"] != "rel" else text


def _relation(params: Params, a: dict[str, Any], entity: str) -> str:
    r, m = params.var("r"), params.var("m")
    inner = groups(params, a["groups"], m, r)
    if a["every"]:
        inner = f"NOT coalesce({inner}, false)"
    where = "" if inner == "true" else f" WHERE {inner}"
    exists = f"EXISTS {{ MATCH {pattern(entity, r, a['relType'], a['direction'], m)}{where} }}"
    return f"NOT {exists}" if a["negate"] else exists


def _value(params: Params, a: dict[str, Any], entity: str, rel: str | None) -> str:
    if a["source"] == "name":
        x = params.var("x")
        terms = f"{entity}.search_terms"
        forms = f"[head({terms}), replace(head({terms}), ' ', '')]"
        return f"any({x} IN {forms} WHERE {_test(params, a, x)})"
    owner = rel if a["source"] == "rel" else entity
    assert owner is not None
    subject = f"{owner}.{prop(a['prop'])}"
    if a["list"] or a["fold"]:
        x = params.var("x")
        value = _fold(params, x) if a["fold"] else x
        items = f"coalesce({subject}, [])" if a["list"] else f"[{subject}]"
        return f"any({x} IN {items} WHERE {_test(params, a, value)})"
    return _test(params, a, subject)


def _fold(params: Params, x: str) -> str:
    table = params.constant("fold", fold_table)
    return f"reduce(s = toLower({x}), p IN {table} | replace(s, p[0], p[1]))"


def _test(params: Params, a: dict[str, Any], subject: str) -> str:
    op = a["op"]
    if op in _COMPARE:
        return f"{subject} {_COMPARE[op]} {params.add(a['value'])}"
    if op == "in":
        return f"{subject} IN {params.add(a['values'])}"
    f = params.var("f")
    word = "CONTAINS" if op == "contains" else "STARTS WITH"
    return f"any({f} IN {params.add(a['values'])} WHERE {subject} {word} {f})"
