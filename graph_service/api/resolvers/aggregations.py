"""Aggregates: counts per kind and relationship type, award counts, index score statistics.

Each is one Cypher round trip that aggregates in the graph; only the small results travel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.filters import compile_filter, entity_filter, fold_table
from graph_service.api.types.values import EntityKindName, RelationshipTypeName
from graph_service.ontology import (
    KINDS_BY_NAME,
    RELATIONSHIPS_BY_NAME,
    kind_of_labels,
)
from graph_service.queries import query, render

if TYPE_CHECKING:
    AwardType = Any
    AwardCategoryType = Any
else:
    AwardType = Annotated["Award", strawberry.lazy("graph_service.api.types.kinds")]  # noqa: F821
    AwardCategoryType = Annotated[
        "AwardCategory",  # noqa: F821
        strawberry.lazy("graph_service.api.types.kinds"),
    ]

HAS_SPBE_INDEX = RELATIONSHIPS_BY_NAME["HAS_SPBE_INDEX"]
SCORED_KINDS = sorted(HAS_SPBE_INDEX.sources)

ScoredEntityFilter = entity_filter(
    "ScoredEntityFilter",
    [KINDS_BY_NAME[k] for k in SCORED_KINDS],
    f"Conditions on entities that carry SPBE index scores ({', '.join(SCORED_KINDS)}): the "
    "properties and relationship fields of any of them (an entity without a property "
    "does not match conditions on it). Fields given together must all hold.",
)


@strawberry.type(description="How many entities of one kind the graph holds.")
class KindCount:
    kind: EntityKindName = strawberry.field(description="The kind.")
    count: int = strawberry.field(description="How many entities of it.")


@strawberry.type(description="How many relationships of one type the graph holds.")
class TypeCount:
    type: RelationshipTypeName = strawberry.field(description="The relationship type.")
    count: int = strawberry.field(description="How many relationships of it.")


@strawberry.type(description="The size of the graph, per kind and per relationship type.")
class GraphStats:
    total_entities: int = strawberry.field(description="How many entities in all.")
    total_relationships: int = strawberry.field(description="How many relationships in all.")
    entities_by_kind: list[KindCount] = strawberry.field(
        description="Entities per kind, largest first (kinds with none left out)."
    )
    relationships_by_type: list[TypeCount] = strawberry.field(
        description="Relationships per type, largest first (types with none left out)."
    )


@strawberry.type(description="How many awards were received in one category.")
class CategoryCount:
    category_id: strawberry.Private[str | None]
    count: int = strawberry.field(description="How many RECEIVED_AWARD relationships.")

    @strawberry.field(
        description="The category; null for awards received for the edition as a whole."
    )
    async def category(self, info: strawberry.Info[Context, None]) -> AwardCategoryType | None:
        if self.category_id is None:
            return None
        return await info.context.load_entity(self.category_id)


@strawberry.type(description="How many awards were received in one year.")
class YearCount:
    year: int | None = strawberry.field(description="The year; null where none is recorded.")
    count: int = strawberry.field(description="How many RECEIVED_AWARD relationships.")


@strawberry.type(description="Counts of an award's recipients, by category and by year.")
class AwardCounts:
    award_id: strawberry.Private[str | None]
    total: int = strawberry.field(description="How many RECEIVED_AWARD relationships in all.")
    recipients: int = strawberry.field(description="How many distinct entities received it.")
    by_category: list[CategoryCount] = strawberry.field(
        description="Relationships per category, largest first."
    )
    by_year: list[YearCount] = strawberry.field(description="Relationships per year, in order.")

    @strawberry.field(description="The award edition counted; null when counting every award.")
    async def award(self, info: strawberry.Info[Context, None]) -> AwardType | None:
        if self.award_id is None:
            return None
        return await info.context.load_entity(self.award_id)


@strawberry.type(description="Statistics of SPBE index values (HAS_SPBE_INDEX) over a set.")
class IndexScoreStats:
    count: int = strawberry.field(description="How many scores were aggregated.")
    entities: int = strawberry.field(description="How many distinct entities they belong to.")
    min: float | None = strawberry.field(description="The lowest score; null when none.")
    max: float | None = strawberry.field(description="The highest score; null when none.")
    average: float | None = strawberry.field(description="The mean score; null when none.")


async def stats(info: strawberry.Info[Context, None]) -> GraphStats:
    rows = await info.context.graph.read(query("get_graph_stats"))
    kinds: dict[str, int] = {}
    for row in rows[0]["kinds"] if rows else []:
        kind = kind_of_labels(row["labels"])
        kinds[kind] = kinds.get(kind, 0) + row["count"]
    types = [t for t in (rows[0]["types"] if rows else []) if t["type"] in RELATIONSHIPS_BY_NAME]
    return GraphStats(
        total_entities=sum(kinds.values()),
        total_relationships=sum(t["count"] for t in types),
        entities_by_kind=[
            KindCount(kind=EntityKindName(k), count=c)
            for k, c in sorted(kinds.items(), key=lambda kc: (-kc[1], kc[0]))
        ],
        relationships_by_type=[
            TypeCount(type=RelationshipTypeName(t["type"]), count=t["count"])
            for t in sorted(types, key=lambda t: (-t["count"], t["type"]))
        ],
    )


async def award_counts(
    info: strawberry.Info[Context, None],
    award_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="Key of the Award edition; every award when omitted."),
    ] = None,
) -> AwardCounts:
    rows = await info.context.graph.read(
        query("count_award_recipients"), awardId=str(award_id) if award_id else None
    )
    row = rows[0]
    return AwardCounts(
        award_id=str(award_id) if award_id else None,
        total=row["total"],
        recipients=row["recipients"],
        by_category=[
            CategoryCount(category_id=c["category"], count=c["count"]) for c in row["byCategory"]
        ],
        by_year=[YearCount(year=y["year"], count=y["count"]) for y in row["byYear"]],
    )


async def index_score_stats(
    info: strawberry.Info[Context, None],
    filter: Annotated[
        ScoredEntityFilter | None,  # type: ignore[valid-type]
        strawberry.argument(description="Aggregate only the scores of entities matching this."),
    ] = None,
    year: Annotated[
        int | None, strawberry.argument(description="Aggregate only the scores of this year.")
    ] = None,
    kinds: Annotated[
        list[EntityKindName] | None,
        strawberry.argument(
            description=f"Only entities of these kinds (default: {', '.join(SCORED_KINDS)})."
        ),
    ] = None,
) -> IndexScoreStats:
    rows = await info.context.graph.read(
        render("summarise_index_scores", rel=HAS_SPBE_INDEX),
        kinds=[k.value for k in kinds] if kinds else SCORED_KINDS,
        year=year,
        filter=compile_filter(filter),
        fold=fold_table() if filter is not None else [],
    )
    row = rows[0]
    average = row["average"]
    return IndexScoreStats(
        count=row["count"],
        entities=row["entities"],
        min=row["min"],
        max=row["max"],
        average=round(average, 6) if average is not None else None,
    )
