"""`orderBy` inputs and their compiled form: at most `MAX_SORT_KEYS` sort slots.

api/translate/ordering.py writes each slot as a sort key of the statement. A slot sorts
missing values last in both directions (an explicit `IS NULL` key, because servers
disagree on where nulls go), and every ordering ends with the unique key, so pages are
stable when sort keys tie.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import strawberry

from graph_service.api.errors import UserInputError
from graph_service.api.filters.inputs import type_stem
from graph_service.api.filters.operators import SortDirection
from graph_service.ontology import (
    ENTITY_KINDS,
    RELATIONSHIP_TYPES,
    EntityKind,
    RelationshipType,
    ValueType,
    kind_noun,
    kind_properties,
    relationship_properties,
    relationship_words,
    relationships_from,
    relationships_to,
)

MAX_SORT_KEYS = 3
Slot = dict[str, Any]
_EMPTY: Slot = {
    "source": "none",
    "field": None,
    "desc": False,
    "relType": None,
    "direction": None,
    "year": None,
}
DEFAULT_ENTITY_ORDER: list[Slot] = [{"source": "prop", "field": "name", "desc": False}]
DEFAULT_EDGE_ORDER: list[Slot] = [
    {"source": "rel", "field": "rank", "desc": False},
    {"source": "rel", "field": "year", "desc": True},
    {"source": "node", "field": "name", "desc": False},
]


def _sortable(props: Sequence[Any]) -> list[str]:
    return [p.name for p in props if p.type is not ValueType.STRING_LIST]


def _order_input(name: str, fields: dict[str, str], what: str, *, by_year: bool = False) -> type:
    """`<name>Order {field, direction}` over an enum whose values are `source:field`."""
    members = {key: value for key, value in fields.items()}
    sort_field = strawberry.enum(  # type: ignore[call-overload]
        enum.Enum(f"{name}SortField", members), description=f"What {what} can be sorted by."
    )
    namespace: dict[str, Any] = {
        "__annotations__": {"field": sort_field, "direction": SortDirection},
        "field": strawberry.field(description="The value to sort by."),
        "direction": strawberry.field(
            default=SortDirection.ASC, description="Ascending (default) or descending."
        ),
    }
    if by_year:
        namespace["__annotations__"]["year"] = int | None
        namespace["year"] = strawberry.field(
            default=None,
            description="With a relationship's property (e.g. `INDEX_SCORES_VALUE`): count only "
            "the relationships of this year.",
        )
    return strawberry.input(
        type(f"{name}Order", (), namespace),
        description=f"One sort key for {what}; missing values sort last either way.",
    )


def _field_key(graphql_name: str) -> str:
    """awardsReceived -> AWARDS_RECEIVED."""
    return "".join(f"_{c}" if c.isupper() else c.upper() for c in graphql_name)


def _kind_order(kind: EntityKind) -> type:
    """A kind sorts by its own properties, and by a property of its relationships: the
    best value among them (the least ascending, the greatest descending), e.g. local
    governments by their 2023 index score (`INDEX_SCORES_VALUE` with `year: 2023`)."""
    fields = {"ID": "prop:id"}
    fields.update({p.upper(): f"prop:{p}" for p in _sortable(kind_properties(kind))})
    ends = [(rel, "OUT", rel.outgoing_field) for rel in relationships_from(kind.name)]
    ends += [(rel, "IN", rel.incoming_field) for rel in relationships_to(kind.name)]
    for rel, direction, field_name in ends:
        for prop in _sortable(relationship_properties(rel)):
            key = f"{_field_key(field_name)}_{prop.upper()}"
            fields[key] = f"rel:{rel.name}:{direction}:{prop}"
    return _order_input(kind.name, fields, kind_noun(kind.name, plural=True), by_year=True)


def _edge_order(rel: RelationshipType) -> type:
    fields = {p.upper(): f"rel:{p}" for p in _sortable(relationship_properties(rel))}
    fields.update({"NODE_NAME": "node:name", "NODE_ID": "node:id"})
    return _order_input(type_stem(rel), fields, f"{relationship_words(rel.name)} relationships")


KIND_ORDERS: dict[str, type] = {kind.name: _kind_order(kind) for kind in ENTITY_KINDS}
EDGE_ORDERS: dict[str, type] = {rel.name: _edge_order(rel) for rel in RELATIONSHIP_TYPES}


def compile_order(order_by: Sequence[Any] | None, default: list[Slot]) -> list[Slot]:
    """The sort slots for `order_by` (or `default`), padded to `MAX_SORT_KEYS`."""
    if order_by is not None and len(order_by) > MAX_SORT_KEYS:
        raise UserInputError(f"`orderBy` takes at most {MAX_SORT_KEYS} keys (got {len(order_by)})")
    slots = default
    if order_by:
        slots = []
        for key in order_by:
            source, _, rest = str(key.field.value).partition(":")
            slot = {**_EMPTY, "source": source, "desc": key.direction is SortDirection.DESC}
            year = getattr(key, "year", None)
            if source == "rel" and rest.count(":") == 2:  # a kind's relationship property
                slot["relType"], slot["direction"], slot["field"] = rest.split(":")
                slot["source"], slot["year"] = "related", year
            else:
                if year is not None:
                    raise UserInputError("`year` only goes with a relationship's property")
                slot["field"] = rest
            slots.append(slot)
    return slots + [dict(_EMPTY) for _ in range(MAX_SORT_KEYS - len(slots))]
