"""One edge type and one connection type per relationship type, and the fields that page them.

Every relationship field of every entity kind is a Relay connection whose edges carry the
relationship's own properties and sources. Its page is read by the statement that read
its parent (api/translate), or, for a parent read on its own (a mutation's result), by
one batched statement per position in the document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.api.context import Context
from graph_service.api.filters import EDGE_FILTERS, EDGE_ORDERS
from graph_service.api.types.entity import Entity, SourceType
from graph_service.api.types.pagination import After, Before, First, Last, PageInfo
from graph_service.api.types.values import ENUM_TYPES, property_field
from graph_service.loading.periods import precision_on
from graph_service.ontology import (
    RELATIONSHIP_TYPES,
    SOURCE_KIND,
    Property,
    RelationshipType,
    relationship_properties,
    relationship_words,
)

DIRECTIONS = ("OUT", "IN")
AsOf = Annotated[
    dt.date | None,
    strawberry.argument(description="Keep only relationships holding on this day."),
]
Year = Annotated[
    int | None, strawberry.argument(description="Keep only relationships of this year.")
]


def type_stem(rel: RelationshipType) -> str:
    """RECEIVED_AWARD -> ReceivedAward."""
    return "".join(part.capitalize() for part in rel.name.split("_"))


def _edge_type(rel: RelationshipType) -> type:
    stem = type_stem(rel)

    def rel_id(root: Any) -> strawberry.ID:
        return strawberry.ID(root.props.get("id", ""))

    def verified(root: Any) -> bool:
        return not root.props.get("unverified", False)

    def sources(root: Any, info: strawberry.Info[Context, None]) -> list[SourceType]:
        if "sources" in root.nested:
            return root.nested["sources"]
        ids = root.props.get("sources") or []
        return info.context.reader.entities(info, ids, [SOURCE_KIND])  # type: ignore[return-value]

    namespace: dict[str, Any] = {
        "__annotations__": {
            "cursor": str,
            "node": Entity,
            "props": strawberry.Private[dict[str, Any]],
            "nested": strawberry.Private[dict[str, Any]],
            "asked_on": strawberry.Private[str],  # or None: the connection's `asOf` day
        },
        "nested": dataclasses.field(default_factory=dict),
        "asked_on": None,
        "cursor": strawberry.field(description="Where this edge sits in its connection."),
        "node": strawberry.field(description="The entity at the other end."),
        "relationship_id": strawberry.field(
            resolver=rel_id, name="relationshipId", description="Stable key of the relationship."
        ),
        "verified": strawberry.field(
            resolver=verified,
            description="False when the fact rests only on a secondary source without a URL.",
        ),
        "sources": strawberry.field(
            resolver=sources, description="The sources the relationship was read from."
        ),
    }
    if rel.dated:
        namespace["as_of_precision"] = strawberry.field(
            resolver=_as_of_precision,
            description="With the connection's `asOf`: how precisely the sources place the "
            "fact on that day: to the day when the day lies beyond what the window's bounds "
            "leave open; only to the month or the year when it falls in a bound known only "
            "to the month or year "
            '(a position held "in 2024" is known to hold on 2024-05-27 only as far as the '
            "year goes). Null without `asOf`, or when no source dates the fact.",
        )
    for prop in relationship_properties(rel):
        if prop.entity_link:
            namespace[prop.name] = entity_link_field(prop)
            namespace[f"{prop.name}_id"] = property_field(prop)
        else:
            namespace[prop.name] = property_field(prop)
    cls = type(f"{stem}Edge", (), namespace)
    return strawberry.type(cls, description=f"{rel.description} The edge carries its properties.")


def _as_of_precision(root: Any) -> Any:
    precision = precision_on(root.props, root.asked_on)
    return ENUM_TYPES["DatePrecision"](precision) if precision else None


_as_of_precision.__annotations__["return"] = ENUM_TYPES["DatePrecision"] | None


def entity_link_field(prop: Property) -> StrawberryField:
    """The entity a stored key names, through the request's entity DataLoader (batched)."""

    async def resolve(root: Any, info: strawberry.Info[Context, None]) -> Entity | None:
        key = root.props.get(prop.name)
        return await info.context.reader.entity(info, key) if isinstance(key, str) else None

    return strawberry.field(resolver=resolve, description=prop.entity_link)


def _connection_type(rel: RelationshipType, edge: type) -> type:
    namespace: dict[str, Any] = {
        "__annotations__": {"edges": list[edge], "page_info": PageInfo, "total_count": int},  # type: ignore[valid-type]
        "edges": strawberry.field(description="The relationships on this page."),
        "page_info": strawberry.field(description="Where this page sits."),
        "total_count": strawberry.field(description="How many relationships match in all."),
    }
    cls = type(f"{type_stem(rel)}Connection", (), namespace)
    return strawberry.type(
        cls, description=f"A page of {relationship_words(rel.name)} relationships."
    )


EDGE_TYPES: dict[str, type] = {rel.name: _edge_type(rel) for rel in RELATIONSHIP_TYPES}
CONNECTION_TYPES: dict[str, type] = {
    rel.name: _connection_type(rel, EDGE_TYPES[rel.name]) for rel in RELATIONSHIP_TYPES
}


def relationship_field(rel: RelationshipType, direction: str) -> StrawberryField:
    """The connection field for `rel` seen from its start (OUT) or its end (IN)."""
    connection = CONNECTION_TYPES[rel.name]

    def resolve(
        root: Any,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
        year: Year = None,
        filter: Any = None,
        order_by: Any = None,
    ) -> Any:
        prefetched = root.nested.get(info.path.key)
        if prefetched is not None:
            return prefetched
        return info.context.reader.relation(info, root, rel, direction)

    resolve.__annotations__["return"] = connection
    resolve.__annotations__["filter"] = Annotated[
        EDGE_FILTERS[(rel.name, direction)] | None,
        strawberry.argument(
            description="Keep only relationships whose properties and other end match."
        ),
    ]
    resolve.__annotations__["order_by"] = Annotated[
        list[EDGE_ORDERS[rel.name]] | None,  # type: ignore[valid-type,name-defined]
        strawberry.argument(
            description="Sort keys, most significant first (default: rank, then latest "
            "year, then name); the relationship's key always breaks ties."
        ),
    ]
    name = rel.outgoing_field if direction == "OUT" else rel.incoming_field
    way = "from this entity" if direction == "OUT" else "to this entity"
    derived = ""
    if direction == "IN" and rel.incoming_through:
        through = relationship_words(rel.incoming_through)
        derived = (
            f" Derived where this entity has {through} relationships (an award edition): the "
            f"page also lists the {relationship_words(rel.name)} relationships ending at the "
            "entities it reaches by them (its categories' recipients). Each recipient is "
            "linked once, to the category when a source names it, else to the edition, so "
            "none is listed or counted twice; `totalCount` counts them all."
        )
    return strawberry.field(
        resolver=resolve,
        name=name,
        description=f"The {relationship_words(rel.name)} relationships {way}: {rel.description} "
        "`asOf` keeps those holding on that day; `year` those of that year; `filter` and "
        f"`orderBy` select and sort them.{derived}",
    )
