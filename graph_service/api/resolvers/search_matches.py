"""Which entities a search query matches, and in what order.

`search_entities` (one range scan) finds the exact name, an exact alias, a prefix and a
word inside a name. Then, for a query of four letters or more that is nobody's name or
alias (a query that is one is not a typo), `search_near_terms` (three seeks on the near
keys, then a one-edit check in the graph) finds the near matches, unless the exact ones
fill the page with more to follow and no count is asked (the near ones would change
nothing then: a broad short query can be one edit from thousands of terms).
Near matches rank last, after every exact one, and among themselves by what they are near
(the name, an alias, a word inside a name), then by how much of that name the query
covers (rapidfuzz's normalised Indel similarity), then by name and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from graph_service.graph.executor import Graph
from graph_service.queries import query
from graph_service.text_search import near_probes, normalise, query_forms

# Near matches found for one query at most: a broad, short query ("kota") can be one edit
# from thousands of words; the exact matches are what it is after.
NEAR_LIMIT = 500


@strawberry.enum(description="How a search result matched the query.")
class MatchKind(Enum):
    EXACT_NAME = 0
    EXACT_ALIAS = 1
    PREFIX = 2
    CONTAINS = 3
    FUZZY = 4


@dataclass(frozen=True)
class Match:
    id: str
    match: MatchKind
    kind: str
    name: str
    text: str  # the name or alias that matched, as written
    inside: bool = False  # matched a word inside `text`, not the whole of it

    @property
    def by_alias(self) -> bool:
        return self.text != self.name


async def find_matches(
    graph: Graph, text: str, kinds: list[str] | None, start: int, stop: int, *, counted: bool = True
) -> tuple[int, list[Match]]:
    """How many entities match in all, and those in [start, stop), best first. Unless
    `counted`, the count may leave out near matches when the exact ones fill the page and
    more follow (then the near ones change neither the page nor whether one follows)."""
    forms = query_forms(text)
    compact = forms[-1]  # stored terms are compact
    # Values only: auto-commit reads, no BEGIN/COMMIT round trips.
    rows = await graph.read_values(
        query("search_entities"),
        {"term": compact, "forms": forms, "kinds": kinds, "start": start, "stop": stop},
    )
    total, page = (rows[0]["total"], rows[0]["page"]) if rows else (0, [])
    probes = near_probes(compact)
    named = bool(rows) and rows[0]["best"] is not None and rows[0]["best"] <= 1
    near: list[Match] = []
    if probes is not None and not named and (counted or total <= stop):
        near_rows = await graph.read_values(
            query("search_near_terms"),
            {**probes, "compact": compact, "kinds": kinds, "limit": NEAR_LIMIT},
        )
        near = rank_near(compact, near_rows)
    found = [
        Match(
            r["id"],
            MatchKind(r["rank"]),
            r["kind"],
            r["name"],
            r["text"] or r["name"],
            inside=r["rank"] == MatchKind.CONTAINS.value,
        )
        for r in page
    ]
    # The near matches follow the exact ones: this page's share of them.
    found += near[max(start - total, 0) : max(stop - total, 0)]
    return total + len(near), found


def _digits(term: str) -> str:
    return "".join(c for c in term if c.isdigit())


def rank_near(compact: str, rows: list[dict[str, Any]]) -> list[Match]:
    """One match per entity, at its best near term, in rank order. A near term is one
    edit from the query that leaves its numbers alone: "2023" is not a typo for "2024"."""
    ranked: list[tuple[tuple[Any, ...], Match]] = []
    for row in rows:
        best: tuple[Any, ...] | None = None
        for term in row["near"]:
            if OSA.distance(term["term"], compact, score_cutoff=1) > 1:
                continue  # the graph's check is a filter; this is the definition
            if _digits(term["term"]) != _digits(compact):
                continue
            written = term["text"] or row["name"]
            tier = 2 if not term["whole"] else 0 if written == row["name"] else 1
            covered = fuzz.ratio(compact, normalise(written).replace(" ", ""))
            key = (tier, -covered, row["name"], row["id"], written)
            best = key if best is None or key < best else best
        if best is not None:
            match = Match(
                row["id"], MatchKind.FUZZY, row["kind"], row["name"], best[-1], best[0] == 2
            )
            ranked.append((best, match))
    return [match for _, match in sorted(ranked, key=lambda pair: pair[0])]
