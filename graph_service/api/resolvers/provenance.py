"""`supportedBy`: what one source supports, the other way round from every `sources` field.

Entities and relationships keep the keys of their sources in a `sources` list, and every
(source, fact) pair is also an indexed `Citation` node (loading/lookups.py), so the facts a
source supports are found by one index seek, paged together: the entities first (by key),
then the relationships (by key), in one Cypher round trip that reads only the page.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.translate.reached import Reached, read_reached
from graph_service.api.types.entity import Entity, SourceType
from graph_service.api.types.pagination import After, First, PageInfo, place, window
from graph_service.api.types.subgraph import GraphEdge, graph_edge
from graph_service.ontology import SOURCE_KIND, kind_of_labels
from graph_service.queries import query


@strawberry.type(
    description="The facts one source supports: the entities and the relationships that cite "
    "it. A page runs over the entities first, then the relationships, each ordered by key."
)
class SourceSupport:
    source: SourceType = strawberry.field(description="The source itself.")
    entities: list[Entity] = strawberry.field(description="Entities on this page citing it.")
    relationships: list[GraphEdge] = strawberry.field(
        description="Relationships on this page citing it."
    )
    entity_count: int = strawberry.field(description="How many entities cite it in all.")
    relationship_count: int = strawberry.field(description="How many relationships cite it in all.")
    total_count: int = strawberry.field(
        description="How many facts (entities and relationships) cite it in all."
    )
    page_info: PageInfo = strawberry.field(
        description="Where this page sits; pass `endCursor` as `after` for the next one."
    )


async def supported_by(
    info: strawberry.Info[Context, None],
    source_id: Annotated[strawberry.ID, strawberry.argument(description="Key of a source.")],
    first: First = None,
    after: After = None,
) -> SourceSupport | None:
    """None when no Source has that key."""
    settings = info.context.settings
    win = window(
        first,
        after,
        None,
        None,
        max_page_size=settings.max_page_size,
        default_page_size=settings.max_page_size,
    )
    rows = await info.context.graph.read(
        query("list_supported_by"), source=str(source_id), start=win.start, stop=win.stop
    )
    row: dict[str, Any] = rows[0] if rows else {"entityCount": 0, "relationshipCount": 0}
    keys = row.get("relationshipKeys") or []
    facts = (
        (await info.context.graph.read(query("get_supported_facts"), relationshipKeys=keys))[0]
        if keys
        else {"relationships": []}
    )
    sources, found = await read_reached(
        info,
        Reached(("source",), [str(source_id)], (SOURCE_KIND,), required=True),
        Reached(("entities",), [str(i) for i in row.get("entityIds") or []], required=True),
    )
    source = (sources or {}).get(str(source_id))
    if source is None or kind_of_labels(source.labels) != SOURCE_KIND:
        return None
    entities = sorted((found or {}).values(), key=lambda e: e.id)
    relationships = sorted(
        (graph_edge(r) for r in facts["relationships"]), key=lambda r: r.props.get("id", "")
    )
    total = row["entityCount"] + row["relationshipCount"]
    placement = place(win, total, len(entities) + len(relationships))
    return SourceSupport(
        source=source,
        entities=entities,
        relationships=relationships,
        entity_count=row["entityCount"],
        relationship_count=row["relationshipCount"],
        total_count=total,
        page_info=placement.page_info,
    )
