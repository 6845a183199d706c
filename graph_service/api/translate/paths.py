"""Paths of one length between two entities, met in the middle: a pure step.

A path of `length` hops is split where it is cut in two: `ceil(length / 2)` hops from the
start, the rest from the end. The end's half is expanded first, each entity taking at most
`fan` of its relationships and the level at most `cap` partial paths (inside the graph, so
a hub costs its limit, not its thousands of edges). The start's half is expanded the same
way except for its last hop, which keeps only the entities where an end half stopped: it
reads each entity's relationships once and enumerates nothing beyond them. The two lists
of halves come back and `join` pairs them on the entity where they meet (a hash join), so
no level holds more than `cap` partial paths whatever the graph's shape.

Where no entity on the way has more than `fan` relationships of the followed types and no
level more than `cap` partial paths, this finds every path of the length; past those
limits, which of a hub's relationships are followed is the graph's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_service.api.translate.cypher import Statement
from graph_service.api.translate.names import rel_type
from graph_service.api.translate.params import Params

FAN = 200  # relationships followed from one entity at one level
CAP = 2000  # partial paths kept at one level

_EDGE = "{{type: type({r}), from: startNode({r}).id, to: endNode({r}).id, rel: properties({r})}}"


def halves_statement(length: int, types: list[str]) -> Statement:
    """The two halves of the simple paths of exactly `length` hops from `$from` to `$to`."""
    if length < 1:
        raise ValueError("a path has at least one hop")
    alternation = "|".join(rel_type(t) for t in types)
    params = Params()
    fan, cap = params.add(FAN), params.add(CAP)
    near = (length + 1) // 2
    far = length - near
    lines = ["MATCH (a:Entity {id: $from})", "WITH a", "MATCH (b:Entity {id: $to})"]
    if far:
        body = _levels("b", "a", "y", "s", far, alternation, fan, cap, last_in=None)
        lines.append(
            "CALL (a, b) {\n"
            + _indent(body + "\n" + _collect("b", "y", "s", far, "rights"))
            + "\n}"
        )
    else:
        lines.append("WITH a, b, [{ids: [b.id], rels: []}] AS rights")
    lines.append("WITH a, b, rights, [p IN rights | last(p.ids)] AS ends")
    body = _levels("a", "b", "x", "t", near, alternation, fan, cap, last_in="ends")
    scope = "a, b, ends" if near > 1 else "a, ends"
    lines.append(
        f"CALL ({scope}) {{\n"
        + _indent(body + "\n" + _collect("a", "x", "t", near, "lefts"))
        + "\n}"
    )
    lines.append("RETURN lefts, rights")
    return Statement(f"translate:paths_{length}", "\n".join(lines), params.values)


def _levels(
    start: str,
    other: str,
    node: str,
    rel: str,
    count: int,
    types: str,
    fan: str,
    cap: str,
    last_in: str | None,
) -> str:
    """`count` hops from `start`; with `last_in`, the last hop keeps only entities whose
    key is in that list (and is not limited per entity, only per level)."""
    lines: list[str] = []
    base = [start] + ([last_in] if last_in else []) + ([other] if count > 1 else [])
    carried: list[str] = []
    for level in range(1, count + 1):
        here = f"{node}{level}"
        prev = start if level == 1 else f"{node}{level - 1}"
        r = f"{rel}{level}"
        earlier = [start] + [f"{node}{i}" for i in range(1, level)]
        conditions = [f"{here} <> {e}" for e in earlier]
        last = level == count and last_in is not None
        if last:
            conditions.insert(0, f"{here}.id IN {last_in}")
        else:
            conditions.append(f"{here} <> {other}")
        match = f"MATCH ({prev})-[{r}:{types}]-({here}:Entity)\nWHERE {' AND '.join(conditions)}"
        limit = cap if last else fan
        if level == 1:
            lines.append(match)
            kept = [*base, r, here] if count > 1 else [start, r, here]
            lines.append(f"WITH {', '.join(kept)} LIMIT {limit}")
        else:
            used = [start, *([last_in] if last else [other]), *earlier[1:]]
            scope = ", ".join(used)
            lines.append(
                f"CALL ({scope}) {{\n"
                + _indent(f"{match}\nRETURN {r}, {here} LIMIT {limit}")
                + "\n}"
            )
        carried += [r, here]
        if level > 1:
            kept = [*base, *carried] if level < count else [start, *carried]
            lines.append(f"WITH {', '.join(kept)} LIMIT {cap}")
    return "\n".join(lines)


def _collect(start: str, node: str, rel: str, count: int, name: str) -> str:
    ids = ", ".join([f"{start}.id", *(f"{node}{i}.id" for i in range(1, count + 1))])
    rels = ", ".join(_EDGE.format(r=f"{rel}{i}") for i in range(1, count + 1))
    return f"RETURN collect({{ids: [{ids}], rels: [{rels}]}}) AS {name}"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


@dataclass(frozen=True)
class FoundPath:
    ids: list[str]
    edges: list[dict[str, Any]]

    @property
    def order(self) -> tuple[str, str]:
        """Ties between paths of one length: the keys along the path, then the edges'."""
        nodes = "".join(f"{i} " for i in self.ids)
        edges = "".join(f"{e['rel'].get('id') or ''} " for e in self.edges)
        return nodes, edges


def join(lefts: list[dict[str, Any]], rights: list[dict[str, Any]]) -> list[FoundPath]:
    """The simple paths made of a start half and an end half meeting at one entity, in
    order (see `FoundPath.order`)."""
    by_end: dict[str, list[dict[str, Any]]] = {}
    for right in rights:
        by_end.setdefault(right["ids"][-1], []).append(right)
    found = []
    for left in lefts:
        for right in by_end.get(left["ids"][-1], []):
            ids = left["ids"] + right["ids"][-2::-1]
            if len(set(ids)) == len(ids):
                found.append(FoundPath(ids, left["rels"] + right["rels"][::-1]))
    return sorted(found, key=lambda p: p.order)
