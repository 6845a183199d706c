"""The landing page's examples: explorer views and GraphiQL queries (from the README's
examples, each run by tests/api/test_pages.py so the links stay true)."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

EXPLORER_VIEWS: tuple[tuple[str, str], ...] = (
    ("Pemerintah Kota Cimahi and its neighbours", "n=pemkot-cimahi&x=pemkot-cimahi"),
    ("How Joko Widodo is connected to Dicky Saromi", "path=joko-widodo~dicky-saromi~0"),
    ("Kementerian PANRB, a hub, a page at a time", "n=kementerian-panrb&x=kementerian-panrb"),
)

QUERIES: tuple[tuple[str, str], ...] = (
    ("Search", '{ search(query: "cimahi", first: 5) { edges { match node { id name kind } } } }'),
    (
        "An entity, its awards and index scores",
        """{
  node(id: "pemkot-cimahi") {
    ... on LocalGovernment {
      name
      awardsReceived { edges { rank year node { name } sources { url } } }
      indexScores { edges { year value predicate } }
    }
  }
}""",
    ),
    (
        "Who held an office on a day",
        """{
  node(id: "kementerian-panrb") {
    ... on Ministry {
      officials(asOf: "2024-05-27") { edges { role head validFrom validTo node { name } } }
    }
  }
}""",
    ),
    (
        "Neighbourhood, shortest path and timeline",
        """{
  neighborhood(id: "pemkot-cimahi", depth: 2, limit: 50) {
    truncated nodes { id name kind } edges { type from to }
  }
  shortestPath(from: "pemkot-cimahi", to: "joko-widodo") { length nodes { name } edges { type } }
  timeline(id: "abdullah-azwar-anas", first: 5) {
    edges { node { date precision description other { name } } }
  }
}""",
    ),
    (
        "A hub's neighbours, a page at a time",
        """{
  neighbors(id: "kementerian-panrb", first: 5) {
    totalCount countsByType { type direction count }
    pageInfo { hasNextPage endCursor }
    edges { direction node { name kind } relationship { type properties } }
  }
}""",
    ),
)


def _item(title: str, href: str) -> str:
    return f'<li><a href="{escape(href)}">{escape(title)}</a></li>'


def example_links() -> str:
    views = "".join(_item(title, f"/explore?{query}") for title, query in EXPLORER_VIEWS)
    queries = "".join(_item(title, "/graphql?" + urlencode({"q": text})) for title, text in QUERIES)
    return (
        '<section aria-labelledby="views"><h2 id="views">Explore</h2>'
        f"<ul>{views}</ul></section>"
        '<section aria-labelledby="queries"><h2 id="queries">Ask in GraphQL</h2>'
        f"<ul>{queries}</ul></section>"
    )
