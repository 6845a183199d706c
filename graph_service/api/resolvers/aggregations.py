"""Aggregates: counts per kind and relationship type, award counts, index score statistics.

Each is one Cypher round trip that aggregates in the graph; only the small results travel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.filters import entity_filter
from graph_service.api.translate.scores import index_scores_statement
from graph_service.api.types.values import EntityKindName, RelationshipTypeName
from graph_service.ontology import (
    KINDS_BY_NAME,
    RELATIONSHIPS_BY_NAME,
    kind_nouns,
    kind_of_labels,
)
from graph_service.queries import CypherQuery, query

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
    f"Conditions on entities that carry SPBE index scores ({kind_nouns(SCORED_KINDS)}): the "
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


STATED = (
    "How many recipients the sources state (the `recipientsCount` a source gives); null where "
    "no source states a number."
)
KNOWN = "How many distinct recipients the graph knows, each counted once however many links it has."


@strawberry.type(
    description="The recipients of one award category, or of the edition with no category named."
)
class CategoryCount:
    category_id: strawberry.Private[str | None]
    stated_recipients: int | None = strawberry.field(description=STATED)
    known_recipients: int = strawberry.field(
        description=KNOWN + " For the group without a category: recipients linked to the "
        "edition itself and to none of its categories."
    )

    @strawberry.field(
        description="How many recipients the graph knows in this group.",
        deprecation_reason="Use knownRecipients (same number; statedRecipients is the sources').",
    )
    def count(self) -> int:
        return self.known_recipients

    @strawberry.field(
        description="The category; null for the recipients whose category no source names "
        "(linked to the award edition itself)."
    )
    async def category(self, info: strawberry.Info[Context, None]) -> AwardCategoryType | None:
        if self.category_id is None:
            return None
        return await info.context.reader.entity(info, self.category_id)


@strawberry.type(description="How many awards were received in one year.")
class YearCount:
    year: int | None = strawberry.field(description="The year; null where none is recorded.")
    count: int = strawberry.field(description="How many received-award relationships.")


@strawberry.type(
    description="An award's recipients, counted two ways: what the sources state "
    "(`statedRecipients`, e.g. 65 for the Digital Government Award 2024) and what the graph "
    "knows (`knownRecipients`: the distinct recipients linked to the edition or to any of its "
    "categories). The two differ where the sources name fewer recipients than they count."
)
class AwardCounts:
    award_id: strawberry.Private[str | None]
    stated_recipients: int | None = strawberry.field(
        description="How many recipients the sources state for the edition (its "
        "`recipientsCount`); null where no source states a number, or when counting every award."
    )
    known_recipients: int = strawberry.field(
        description="How many distinct recipients the graph knows: those linked to the edition "
        "or to any of its categories, each counted once."
    )
    total: int = strawberry.field(
        description="How many received-award relationships were counted (one per recipient "
        "and category or edition)."
    )
    by_category: list[CategoryCount] = strawberry.field(
        description="Per category of the edition (every category, also those with no known "
        "recipient), most known recipients first, then the group of recipients whose category "
        "no source names (`category: null`). A recipient is in one group per category it "
        "received; the groups add up to `knownRecipients` unless a recipient won two categories."
    )
    by_year: list[YearCount] = strawberry.field(description="Relationships per year, in order.")

    @strawberry.field(
        description="How many distinct entities received it.",
        deprecation_reason="Use knownRecipients (and statedRecipients for the sources' number).",
    )
    def recipients(self) -> int:
        return self.known_recipients

    @strawberry.field(description="The award edition counted; null when counting every award.")
    async def award(self, info: strawberry.Info[Context, None]) -> AwardType | None:
        if self.award_id is None:
            return None
        return await info.context.reader.entity(info, self.award_id)


@strawberry.type(
    description="Statistics of SPBE index scores (has-SPBE-index relationships) over a set."
)
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
        strawberry.argument(description="Key of the award edition; every award when omitted."),
    ] = None,
) -> AwardCounts:
    rows = await info.context.graph.read(
        query("count_award_recipients"), awardId=str(award_id) if award_id else None
    )
    row = rows[0]
    return AwardCounts(
        award_id=str(award_id) if award_id else None,
        stated_recipients=row["stated"],
        known_recipients=row["known"],
        total=row["total"],
        by_category=_category_counts(row["categories"], row["byCategory"]),
        by_year=[YearCount(year=y["year"], count=y["count"]) for y in row["byYear"]],
    )


def _category_counts(
    categories: list[dict[str, Any]], known: list[dict[str, Any]]
) -> list[CategoryCount]:
    """Every category (with what the sources state) joined with what the graph knows."""
    known_by_id = {k["category"]: k["known"] for k in known}
    stated_by_id = {c["category"]: c["stated"] for c in categories}
    named = [
        CategoryCount(
            category_id=cid,
            stated_recipients=stated_by_id.get(cid),
            known_recipients=known_by_id.get(cid, 0),
        )
        for cid in sorted(set(stated_by_id) | (set(known_by_id) - {None}))
    ]
    named.sort(key=lambda c: -c.known_recipients)
    unnamed = known_by_id.get(None, 0)
    tail = [CategoryCount(category_id=None, stated_recipients=None, known_recipients=unnamed)]
    return named + (tail if unnamed else [])


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
            description=f"Only entities of these kinds (default: {kind_nouns(SCORED_KINDS)})."
        ),
    ] = None,
) -> IndexScoreStats:
    statement = index_scores_statement(
        [k.value for k in kinds] if kinds else SCORED_KINDS, filter, year, HAS_SPBE_INDEX.name
    )
    rows = await info.context.graph.read(
        CypherQuery(statement.name, statement.text), **statement.params
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
