"""Paths of one length between two entities, met in the middle: a pure step.

A path of `length` hops is cut in three: `ceil(length / 2) - 1` hops from the start, the
rest but one from the end, and the hop that joins them. Both halves are expanded inside
the graph with limits (each entity follows at most `FAN` of its relationships, a level
keeps at most `CAP` partial paths), so a hub costs its limit, not its thousands of edges.
The joining hop is then found from the larger of the two frontiers, each of its entities'
relationships tested against the smaller frontier: the large frontier is the one reached
through hubs, made of ordinary entities with few relationships, while hubs sit in the
small one, so no hub's relationships are tested against a long list. The three parts come
back as lists and `join` pairs them on the entities where they meet (a hash join).

Where no entity on the way has more than `FAN` relationships of the followed types and no
level more than `CAP` partial paths, this finds every path of the length; past those
limits, which of a hub's relationships are followed is the graph's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_service.api.translate.cypher import Statement
from graph_service.api.translate.names import rel_type
from graph_service.api.translate.params import Params

FAN = 200  # relationships followed from one entity at one level
CAP = 2000  # partial paths kept at one level, and joining hops kept
MAX_JOINED = 50_000  # paths assembled from the parts before sorting

_EDGE = "{{type: type({r}), from: startNode({r}).id, to: endNode({r}).id, rel: properties({r})}}"


def halves_statement(length: int, types: list[str]) -> Statement:
    """The parts of the simple paths of exactly `length` hops from `$from` to `$to`:
    `lefts` (from the start), `rights` (from the end) and `hops` joining their ends."""
    if length < 1:
        raise ValueError("a path has at least one hop")
    alternation = "|".join(rel_type(t) for t in types)
    params = Params()
    fan, cap = params.add(FAN), params.add(CAP)
    near = (length + 1) // 2 - 1
    far = length - 1 - near
    lines = ["MATCH (a:Entity {id: $from})", "WITH a", "MATCH (b:Entity {id: $to})"]
    for start, other, node, rel, count, name in (
        ("b", "a", "y", "s", far, "rights"),
        ("a", "b", "x", "t", near, "lefts"),
    ):
        body = _levels(start, other, node, rel, count, alternation, fan, cap)
        end = f"{node}{count}" if count else start
        ids = ", ".join([f"{start}.id", *(f"{node}{i}.id" for i in range(1, count + 1))])
        rels = ", ".join(_EDGE.format(r=f"{rel}{i}") for i in range(1, count + 1))
        ends = "ls" if name == "lefts" else "rs"
        body.append(
            f"RETURN collect({{ids: [{ids}], rels: [{rels}]}}) AS {name}, "
            f"collect(DISTINCT {end}) AS {ends}"
        )
        lines.append("CALL (a, b) {\n" + _indent("\n".join(body)) + "\n}")
    edge = _EDGE.format(r="h")
    joining = [
        "WITH size(ls) >= size(rs) AS fromLeft, ls, rs",
        "WITH fromLeft, CASE WHEN fromLeft THEN ls ELSE rs END AS us,",
        "     CASE WHEN fromLeft THEN rs ELSE ls END AS vs",
        "UNWIND us AS u",
        f"MATCH (u)-[h:{alternation}]-(v:Entity)",
        "WHERE v IN vs",
        f"WITH u, h, v, fromLeft LIMIT {cap}",
        "RETURN collect(CASE WHEN fromLeft THEN {from: u.id, to: v.id, rel: " + edge + "}",
        "  ELSE {from: v.id, to: u.id, rel: " + edge + "} END) AS hops",
    ]
    lines.append("CALL (ls, rs) {\n" + _indent("\n".join(joining)) + "\n}")
    lines.append("RETURN lefts, rights, hops")
    return Statement(f"translate:paths_{length}", "\n".join(lines), params.values)


def _levels(
    start: str, other: str, node: str, rel: str, count: int, types: str, fan: str, cap: str
) -> list[str]:
    """`count` hops from `start` (never through `other`), limited per entity and level."""
    lines: list[str] = []
    carried: list[str] = []
    for level in range(1, count + 1):
        here = f"{node}{level}"
        prev = start if level == 1 else f"{node}{level - 1}"
        r = f"{rel}{level}"
        earlier = [start, *(f"{node}{i}" for i in range(1, level))]
        conditions = " AND ".join(f"{here} <> {e}" for e in [*earlier, other])
        match = f"MATCH ({prev})-[{r}:{types}]-({here}:Entity)\nWHERE {conditions}"
        if level == 1:
            lines += [match, f"WITH {start}, {other}, {r}, {here} LIMIT {fan}"]
        else:
            scope = ", ".join([start, other, *earlier[1:]])
            inner = _indent(f"{match}\nRETURN {r}, {here} LIMIT {fan}")
            lines.append(f"CALL ({scope}) {{\n{inner}\n}}")
            lines.append(f"WITH {', '.join([start, other, *carried, r, here])} LIMIT {cap}")
        carried += [r, here]
    return lines


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


def join(
    lefts: list[dict[str, Any]], hops: list[dict[str, Any]], rights: list[dict[str, Any]]
) -> list[FoundPath]:
    """The simple paths made of a start half, a joining hop and an end half, in order
    (see `FoundPath.order`)."""
    by_left: dict[str, list[dict[str, Any]]] = {}
    for left in lefts:
        by_left.setdefault(left["ids"][-1], []).append(left)
    by_right: dict[str, list[dict[str, Any]]] = {}
    for right in rights:
        by_right.setdefault(right["ids"][-1], []).append(right)
    found: list[FoundPath] = []
    for hop in hops:
        for left in by_left.get(hop["from"], []):
            for right in by_right.get(hop["to"], []):
                ids = left["ids"] + right["ids"][::-1]
                if len(set(ids)) == len(ids):
                    found.append(FoundPath(ids, [*left["rels"], hop["rel"], *right["rels"][::-1]]))
                if len(found) >= MAX_JOINED:
                    return sorted(found, key=lambda p: p.order)
    return sorted(found, key=lambda p: p.order)
