"""Search over names and aliases: case-, accent- and punctuation-insensitive, ranked.

Ranking: the exact name first, then an exact alias, then a prefix, then a substring that
starts a word, then near matches (one letter off); ties by name and key. Terms are
normalised and stored as indexed `SearchTerm` nodes (loading/lookups.py); which entities
match, and in what order, is search_matches.py; why, in words, search_reasons.py. The
page's entities then come in one translated read of what the selection asks of them,
nested pages included.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.context import Context
from graph_service.api.errors import UserInputError
from graph_service.api.resolvers.search_matches import MatchKind, find_matches
from graph_service.api.resolvers.search_reasons import reasons
from graph_service.api.translate.reached import Reached, read_reached
from graph_service.api.translate.selection import Selection
from graph_service.api.types.entity import Entity
from graph_service.api.types.pagination import (
    After,
    First,
    PageInfo,
    connect,
    window,
)
from graph_service.api.types.values import EntityKindName
from graph_service.text_search import query_forms

MAX_QUERY_LENGTH = 200


@strawberry.type(description="A search result.")
class SearchEdge:
    cursor: str = strawberry.field(description="Where this result sits.")
    node: Entity = strawberry.field(description="The entity found.")
    match: MatchKind = strawberry.field(description="How it matched; results are ranked by it.")
    matched: str = strawberry.field(description="The name or alias that matched, as written.")
    reason: str = strawberry.field(
        description="Why it matched and ranks where it does, in words: which result is the "
        "region and which the government when one's name is the other's alias."
    )


@strawberry.type(description="A page of search results, best first.")
class SearchConnection:
    edges: list[SearchEdge] = strawberry.field(description="The results on this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    total_count: int = strawberry.field(description="How many entities match in all.")


def _selects_total(info: strawberry.Info[Context, None]) -> bool:
    raw = info._raw_info
    fields = Selection.of(info).collect(raw.field_nodes, "SearchConnection")
    return any(nodes[0].name.value == "totalCount" for nodes in fields.values())


async def search(
    info: strawberry.Info[Context, None],
    query_text: Annotated[
        str,
        strawberry.argument(
            name="query", description="Words to find in names and aliases, in any case."
        ),
    ],
    first: First = None,
    after: After = None,
    kinds: Annotated[
        list[EntityKindName] | None,
        strawberry.argument(description="Only entities of these kinds."),
    ] = None,
) -> SearchConnection:
    forms = query_forms(query_text)
    if not forms[0] or len(query_text) > MAX_QUERY_LENGTH:
        raise UserInputError(
            f"`query` must hold at least one letter or digit and at most {MAX_QUERY_LENGTH} "
            "characters"
        )
    settings = info.context.settings
    win = window(
        first, after, None, None, max_page_size=settings.max_page_size, default_page_size=20
    )
    total, page = await find_matches(
        info.context.graph,
        query_text,
        [k.value for k in kinds] if kinds else None,
        win.start,
        win.stop,
        counted=_selects_total(info),
    )
    why = reasons(page)
    (entities,) = await read_reached(info, Reached(("edges", "node"), [m.id for m in page]))
    if entities is not None:  # a term may outlive its entity: leave such rows out
        page = [m for m in page if m.id in entities]
    return connect(
        SearchConnection,
        win,
        total,
        page,
        lambda cursor, m: SearchEdge(
            cursor=cursor,
            node=entities[m.id] if entities is not None else None,  # type: ignore[arg-type]
            match=m.match,
            matched=m.text,
            reason=why[m.id],
        ),
    )
