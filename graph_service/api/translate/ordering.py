"""Sort keys, `ORDER BY` and keyset conditions: a pure step.

Missing values sort last in both directions; the row's key (`id`) ends every ordering, so
a position (the sort values and the key of a row) names one place in the list. Paging
backwards sorts the other way and the rows are turned round afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_service.api.translate.cursors import Position
from graph_service.api.translate.names import prop, rel_type
from graph_service.api.translate.params import Params
from graph_service.api.translate.predicates import pattern
from graph_service.ontology import RelationshipType, relationship_properties

_ALWAYS_SET = {"id", "name"}


@dataclass(frozen=True)
class Key:
    expr: str  # an expression, or the variable a CALL computed it into
    desc: bool
    nullable: bool


@dataclass(frozen=True)
class Keys:
    keys: list[Key]
    id_expr: str
    calls: list[str]  # CALL subqueries that compute keys before sorting

    @property
    def computed(self) -> bool:
        return bool(self.calls)


def entity_keys(params: Params, slots: list[dict[str, Any]], n: str) -> Keys:
    keys, calls = [], []
    for slot in slots:
        if slot["source"] == "prop":
            name = prop(slot["field"])
            keys.append(Key(f"{n}.{name}", slot["desc"], name not in _ALWAYS_SET))
        elif slot["source"] == "related":
            r, k = params.var("r"), params.var("k")
            year = (
                f" WHERE {r}.year = {params.add(slot['year'])}" if slot["year"] is not None else ""
            )
            best = "max" if slot["desc"] else "min"
            match = pattern(n, r, rel_type(slot["relType"]), slot["direction"], params.var("o"))
            calls.append(
                f"CALL ({n}) {{ MATCH {match}{year} "
                f"RETURN {best}({r}.{prop(slot['field'])}) AS {k} }}"
            )
            keys.append(Key(k, slot["desc"], True))
    return Keys(keys, f"{n}.id", calls)


def edge_keys(slots: list[dict[str, Any]], r: str, m: str, rel: RelationshipType) -> Keys:
    """Sort keys of a relationship page; the default order's keys the type lacks drop out."""
    own = {p.name for p in relationship_properties(rel)}
    keys = []
    for slot in slots:
        if slot["source"] == "none" or (slot["source"] == "rel" and slot["field"] not in own):
            continue
        owner = r if slot["source"] == "rel" else m
        name = prop(slot["field"])
        nullable = slot["source"] == "rel" or name not in _ALWAYS_SET
        keys.append(Key(f"{owner}.{name}", slot["desc"], nullable))
    return Keys(keys, f"{r}.id", [])


def order_by(keys: Keys, backward: bool) -> str:
    items = []
    for key in keys.keys:
        if key.nullable:
            items.append(f"{key.expr} IS NULL" + (" DESC" if backward else ""))
        items.append(key.expr + (" DESC" if key.desc != backward else ""))
    items.append(keys.id_expr + (" DESC" if backward else ""))
    return "ORDER BY " + ", ".join(items)


def beyond(params: Params, keys: Keys, position: Position, after: bool) -> str:
    """Rows strictly after (or before) `position` in the list's own order.

    When the first key is always set, the disjunction is led by the range it implies
    (`n.name >= $k AND (n.name > $k OR ...)`): a graph serves that from an index on the
    key, where an `OR` at the top would make it scan the kind."""
    disjunction = _disjunction(params, keys, position, after)
    first, value = (keys.keys[0], position.keys[0]) if keys.keys else (None, None)
    if first is None or first.nullable or value is None:
        return disjunction
    greater = after != first.desc
    return f"{first.expr} {'>=' if greater else '<='} {params.add(value)} AND {disjunction}"


def start(params: Params, keys: Keys) -> str | None:
    """For a page with no cursor on its first key, a bound every row passes when that key
    is the name (always a string, and every string is `>= ''`): it lets a graph read the
    page from the (name, id) index in order and stop at the `LIMIT` (ArcadeDB plans an
    ordered read only from a range on the index)."""
    if not keys.keys or keys.keys[0].nullable or not keys.keys[0].expr.endswith(".name"):
        return None
    return f"{keys.keys[0].expr} >= {params.add('')}"


def _disjunction(params: Params, keys: Keys, position: Position, after: bool) -> str:
    ors: list[str] = []
    equal: list[str] = []
    for key, value in zip(keys.keys, position.keys, strict=True):
        strict = _strict(params, key, value, after)
        if strict is not None:
            ors.append(_all([*equal, strict]))
        equal.append(
            f"{key.expr} IS NULL" if value is None else f"{key.expr} = {params.add(value)}"
        )
    ors.append(_all([*equal, f"{keys.id_expr} {'>' if after else '<'} {params.add(position.id)}"]))
    return ors[0] if len(ors) == 1 else "(" + " OR ".join(ors) + ")"


def _strict(params: Params, key: Key, value: Any, after: bool) -> str | None:
    if value is None:  # missing values sort last: nothing follows them, everything set precedes
        return None if after else f"{key.expr} IS NOT NULL"
    greater = after != key.desc
    test = f"{key.expr} {'>' if greater else '<'} {params.add(value)}"
    if after and key.nullable:
        return f"({key.expr} IS NULL OR {test})"
    return test


def _all(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
