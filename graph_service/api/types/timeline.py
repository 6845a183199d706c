"""An entity's dated facts in order: what happened to it, when, and how precisely."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.types.entity import Entity
from graph_service.api.types.pagination import PageInfo
from graph_service.api.types.subgraph import GraphEdge
from graph_service.api.types.values import ENUM_TYPES

DatePrecision: Any = ENUM_TYPES["DatePrecision"]


@strawberry.type(description="A dated fact about an entity.")
class TimelineItem:
    date: str = strawberry.field(
        description="When it happened or began, in ISO 8601 at its precision: `2024-05-27`, "
        "`2024-05` or `2024`."
    )
    precision: DatePrecision = strawberry.field(description="How precisely `date` is known.")
    end_date: str | None = strawberry.field(
        description="When it ended, for facts that hold over a period and are known to end, "
        "in ISO 8601 at its precision."
    )
    end_precision: DatePrecision | None = strawberry.field(
        description="How precisely `endDate` is known.", default=None
    )
    relationship: GraphEdge = strawberry.field(description="The relationship the fact rests on.")
    other: Entity = strawberry.field(description="The entity at the other end of it.")
    description: str = strawberry.field(description="The fact in a few words.")


@strawberry.type(description="A timeline item and where it sits.")
class TimelineEdge:
    cursor: str = strawberry.field(description="Where this item sits.")
    node: TimelineItem = strawberry.field(description="The dated fact.")


@strawberry.type(description="A page of an entity's dated facts, earliest first.")
class TimelineConnection:
    edges: list[TimelineEdge] = strawberry.field(description="The facts on this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    total_count: int = strawberry.field(description="How many dated facts the entity has.")
