"""`timeline(id)`: an entity's dated facts, earliest first, in one Cypher round trip (two
when the selection reads relationship pages or sources of the page's other entities: they
are then read through api/translate).

The query returns every relationship of the entity that may carry a date together with
the candidates (the relationship's own dates, the other entity's, the day the award was
presented); the choice of date, its precision and the wording happen here. An entity has
few such facts, so they are ordered and paged in Python.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.translate.reached import Reached, read_reached
from graph_service.api.types.pagination import After, First, connect, window
from graph_service.api.types.registry import entity_object
from graph_service.api.types.subgraph import graph_edge
from graph_service.api.types.timeline import (
    DatePrecision,
    TimelineConnection,
    TimelineEdge,
    TimelineItem,
)
from graph_service.loading.periods import FROM, PRECISION, TO, written
from graph_service.ontology import RELATIONSHIP_TYPES, RELATIONSHIPS_BY_NAME
from graph_service.queries import query

Row = dict[str, Any]

_DATED = tuple(rel.name for rel in RELATIONSHIP_TYPES if rel.dated)


def _rank(rel: Row) -> str:
    return f", rank {rel['rank']}" if rel.get("rank") is not None else ""


def _role(rel: Row) -> str:
    return str(rel.get("role") or "position")


def _describe(fact: Row, direction: str, other: str) -> str:
    """The fact in words, from the ontology's phrase for its type and direction."""
    rel = fact["rel"]
    out_phrase, in_phrase = RELATIONSHIPS_BY_NAME[fact["type"]].timeline
    phrase = out_phrase if direction == "OUT" else in_phrase
    predicate = rel.get("predicate")
    return str(phrase).format(
        other=other,
        role=_role(rel),
        value=rel.get("value"),
        rank=_rank(rel),
        predicate=f" ({predicate})" if predicate else "",
    )


OUTGOING = sorted(rel.name for rel in RELATIONSHIP_TYPES if rel.timeline[0])
INCOMING = sorted(rel.name for rel in RELATIONSHIP_TYPES if rel.timeline[1])

_PRECISION_BY_LENGTH = {10: "DAY", 7: "MONTH", 4: "YEAR"}


def _at(value: Any) -> tuple[str, Any] | None:
    """An ISO date (or year) string at the precision it is written with."""
    if value is None:
        return None
    text = str(value)
    precision = _PRECISION_BY_LENGTH.get(len(text))
    return (text, DatePrecision(precision)) if precision else None


def _bound(rel: Row, side: str) -> tuple[str, Any] | None:
    """A window's bound as the source gave it: `2024` for a year-precise 2024-01-01."""
    day = rel.get(side)
    if day is None:
        return None
    return _at(written(str(day), rel.get(PRECISION[side])))


def _date(fact: Row) -> tuple[str, Any] | None:
    rel, node = fact["rel"], fact["node"]
    if fact["type"] in _DATED:
        return _bound(rel, FROM) or _bound(rel, TO)
    for value in (rel.get("date"), fact.get("awardDate"), node.get("date")):
        if _at(value):
            return _at(value)
    for year in (rel.get("year"), node.get("year"), fact.get("awardYear")):
        if year is not None:
            return _at(f"{int(year):04d}")
    return None


def _end(fact: Row, start: str) -> tuple[str, Any] | None:
    if fact["type"] not in _DATED:
        return None
    end = _bound(fact["rel"], TO)
    return end if end and end[0] != start else None


def _item(id_: str, fact: Row) -> tuple[tuple[str, str, str, str], TimelineItem] | None:
    when = _date(fact)
    if when is None:
        return None
    direction = "OUT" if fact["from"] == id_ else "IN"
    other = str(fact["node"].get("name", fact["node"].get("id", "")))
    end = _end(fact, when[0])
    item = TimelineItem(
        date=when[0],
        precision=when[1],
        end_date=end[0] if end else None,
        end_precision=end[1] if end else None,
        relationship=graph_edge(fact),
        other=entity_object(fact["labels"], fact["node"]),
        description=_describe(fact, direction, other),
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
    known: dict[str, Any] = {str(i.other.id): i.other for i in page}
    (others,) = await read_reached(
        info, Reached(("edges", "node", "other"), list(known), known=known)
    )
    for item in page:
        item.other = (others or {}).get(str(item.other.id), item.other)
    return connect(
        TimelineConnection,
        win,
        len(items),
        page,
        lambda cursor, item: TimelineEdge(cursor=cursor, node=item),
    )
