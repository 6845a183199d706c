"""`timeline(id)`: an entity's dated facts, earliest first, in one Cypher round trip.

The query returns every relationship of the entity that may carry a date together with
the candidates (the relationship's own dates, the other entity's, the day the award was
presented); the choice of date, its precision and the wording happen here. An entity has
few such facts, so they are ordered and paged in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.types.pagination import After, First, encode_cursor, place, window
from graph_service.api.types.registry import entity_object
from graph_service.api.types.subgraph import graph_edge
from graph_service.api.types.timeline import (
    DatePrecision,
    TimelineConnection,
    TimelineEdge,
    TimelineItem,
)
from graph_service.loading.periods import period_of
from graph_service.ontology import RELATIONSHIP_TYPES, RELATIONSHIPS_BY_NAME
from graph_service.queries import query

Row = dict[str, Any]
Describe = Callable[[Row, str], str]

_DATED = tuple(rel.name for rel in RELATIONSHIP_TYPES if rel.dated)


def _rank(rel: Row) -> str:
    return f", rank {rel['rank']}" if rel.get("rank") is not None else ""


def _role(rel: Row) -> str:
    return str(rel.get("role") or "position")


# (type, direction seen from the entity) -> how to word the fact, given the other's name.
_FACTS: dict[tuple[str, str], Describe] = {
    ("ATTENDED", "OUT"): lambda r, o: f"Attended {o}",
    ("CHAIRED", "OUT"): lambda r, o: f"Chaired {o}",
    ("OPENED_BY", "IN"): lambda r, o: f"Opened {o}",
    ("ORGANIZED_BY", "IN"): lambda r, o: f"Organised {o}",
    ("RECEIVED_AWARD", "OUT"): lambda r, o: f"Received {o}{_rank(r)}",
    ("ACCEPTED_AWARD", "OUT"): lambda r, o: f"Accepted {o}",
    ("PRESENTED_AWARD", "OUT"): lambda r, o: f"Presented {o}",
    ("PRESENTED_AT", "OUT"): lambda r, o: f"Presented at {o}",
    ("HAS_SPBE_INDEX", "OUT"): lambda r, o: (
        f"SPBE index {r.get('value')}"
        + (f" ({r['predicate']})" if r.get("predicate") else "")
        + f" in {o}{_rank(r)}"
    ),
    ("ISSUED_BY", "IN"): lambda r, o: f"Issued {o}",
    ("HOLDS_POSITION", "OUT"): lambda r, o: f"{_role(r)}, {o}",
    ("HOLDS_POSITION", "IN"): lambda r, o: f"{o}: {_role(r)}",
    ("CHAIRS", "OUT"): lambda r, o: f"Chairs {o}",
    ("CHAIRS", "IN"): lambda r, o: f"Chaired by {o}",
    ("MEMBER_OF", "OUT"): lambda r, o: f"Member of {o}",
    ("MEMBER_OF", "IN"): lambda r, o: f"{o} is a member",
    ("COORDINATES", "OUT"): lambda r, o: f"Coordinates {o}",
    ("COORDINATES", "IN"): lambda r, o: f"Coordinated by {o}",
}
assert all(name in RELATIONSHIPS_BY_NAME for name, _ in _FACTS)
assert all((name, way) in _FACTS for name in _DATED for way in ("OUT", "IN"))
OUTGOING = sorted({name for name, way in _FACTS if way == "OUT"})
INCOMING = sorted({name for name, way in _FACTS if way == "IN"})

_PRECISION_BY_LENGTH = {10: DatePrecision.DAY, 7: DatePrecision.MONTH, 4: DatePrecision.YEAR}
_PERIOD = re.compile(r"\b\d{4}(?:-\d{2}(?:-\d{2})?)?\b")


def _at(value: Any) -> tuple[str, DatePrecision] | None:
    """An ISO date (or year) string at the precision it is written with."""
    if value is None:
        return None
    text = str(value)
    precision = _PRECISION_BY_LENGTH.get(len(text))
    return (text, precision) if precision else None


def _from_period(
    day: str | None, as_of: str | None, *, end: bool = False
) -> tuple[str, DatePrecision] | None:
    """A `valid_from` (or `valid_to`) day, cut back to the period of `as_of` it was derived
    from: "as of 2024" gives 2024-01-01, but the year is all that is known."""
    if day is None:
        return None
    for token in _PERIOD.findall(as_of or ""):
        period = period_of(token)
        if period is not None and period[1 if end else 0] == day:
            return _at(token)
    return _at(day)


def _date(fact: Row) -> tuple[str, DatePrecision] | None:
    rel, node = fact["rel"], fact["node"]
    if fact["type"] in _DATED:
        dated = _from_period(rel.get("valid_from"), rel.get("as_of"))
        return dated or _from_period(rel.get("valid_to"), rel.get("as_of"), end=True)
    for value in (rel.get("date"), fact.get("awardDate"), node.get("date")):
        if _at(value):
            return _at(value)
    for year in (rel.get("year"), node.get("year"), fact.get("awardYear")):
        if year is not None:
            return _at(f"{int(year):04d}")
    return None


def _end(fact: Row, start: str) -> str | None:
    rel = fact["rel"]
    if fact["type"] not in _DATED:
        return None
    end = _from_period(rel.get("valid_to"), rel.get("as_of"), end=True)
    return end[0] if end and end[0] != start else None


def _item(id_: str, fact: Row) -> tuple[tuple[str, str, str, str], TimelineItem] | None:
    when = _date(fact)
    if when is None:
        return None
    direction = "OUT" if fact["from"] == id_ else "IN"
    other = str(fact["node"].get("name", fact["node"].get("id", "")))
    describe = _FACTS[(fact["type"], direction)]
    item = TimelineItem(
        date=when[0],
        precision=when[1],
        end_date=_end(fact, when[0]),
        relationship=graph_edge(fact),
        other=entity_object(fact["labels"], fact["node"]),
        description=describe(fact["rel"], other),
    )
    return (when[0], fact["type"], other, str(fact["rel"].get("id", ""))), item


async def timeline(
    info: strawberry.Info[Context, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="The entity's key.")],
    first: First = None,
    after: After = None,
) -> TimelineConnection | None:
    settings = info.context.settings
    win = window(
        first, after, None, None, max_page_size=settings.max_page_size, default_page_size=20
    )
    rows = await info.context.graph.read(
        query("list_timeline_facts"), id=str(id), outgoing=OUTGOING, incoming=INCOMING
    )
    if not rows:
        return None
    keyed = [found for fact in rows[0]["facts"] if (found := _item(str(id), fact))]
    items = [item for _, item in sorted(keyed, key=lambda pair: pair[0])]
    page = items[win.start : win.stop]
    placement = place(win, len(items), len(page))
    edges = [
        TimelineEdge(cursor=encode_cursor(placement.offset + i), node=item)
        for i, item in enumerate(page)
    ]
    return TimelineConnection(edges=edges, page_info=placement.page_info, total_count=len(items))
