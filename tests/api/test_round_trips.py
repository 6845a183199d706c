"""Round trips: a root field costs one Cypher statement, however deep its selection."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQLClient

AWARDS = """{{
  {root}(first: 100) {{
    totalCount
    edges {{ node {{
      id name {sources}
      awardsReceived(first: 10) {{ totalCount edges {{
        rank year {sources}
        node {{
          id name {sources}
          ... on AwardCategory {{
            award(first: 1) {{ edges {{ node {{ id name {leaf_sources} }} }} }}
          }}
        }}
      }} }}
    }} }}
  }}
}}"""

SOURCES = "sources { id url }"


def _count(body: dict[str, Any]) -> int:
    assert "errors" not in body, body["errors"]
    count: int = body["extensions"]["graph"]["queryCount"]
    return count


def _awards(root: str, *, sources: bool, leaf_sources: bool = False) -> str:
    return AWARDS.format(
        root=root,
        sources=SOURCES if sources else "",
        leaf_sources=SOURCES if leaf_sources else "",
    )


@pytest.mark.parametrize("root", ["localGovernments", "agencies", "ministries"])
def test_bodies_with_awards_categories_and_their_award_cost_one_statement(
    gql: GraphQLClient, root: str
) -> None:
    body = gql.post(_awards(root, sources=False), trace=True)
    assert _count(body) == 1
    edges = body["data"][root]["edges"]
    if root == "localGovernments":
        assert len(edges) == body["data"][root]["totalCount"] >= 20
        cimahi = next(e["node"] for e in edges if e["node"]["id"] == "pemkot-cimahi")
        award_edges = cimahi["awardsReceived"]["edges"]
        category = next(e for e in award_edges if e["node"]["id"] == "dga-2024-cat-kota")
        assert category["rank"] == 5
        assert category["node"]["award"]["edges"][0]["node"]["id"] == "dga-2024"


@pytest.mark.parametrize("root", ["localGovernments", "agencies"])
def test_sources_at_every_level_add_no_round_trip(gql: GraphQLClient, root: str) -> None:
    """Sources of the bodies, of their award edges and of the award categories are part of
    the same statement."""
    body = gql.post(_awards(root, sources=True), trace=True)
    assert _count(body) == 1
    if root == "localGovernments":
        cimahi = next(
            e["node"] for e in body["data"][root]["edges"] if e["node"]["id"] == "pemkot-cimahi"
        )
        assert "src-indoart" in {s["id"] for s in cimahi["sources"]}
        award = next(
            e for e in cimahi["awardsReceived"]["edges"] if e["node"]["id"] == "dga-2024-cat-kota"
        )
        assert award["sources"] and award["node"]["sources"]


def test_sources_of_the_deepest_entities_are_in_the_same_statement(gql: GraphQLClient) -> None:
    text = _awards("localGovernments", sources=True, leaf_sources=True)
    body = gql.post(text, trace=True)
    assert _count(body) == 1
    cimahi = next(
        e["node"]
        for e in body["data"]["localGovernments"]["edges"]
        if e["node"]["id"] == "pemkot-cimahi"
    )
    category = next(
        e["node"]
        for e in cimahi["awardsReceived"]["edges"]
        if e["node"]["id"] == "dga-2024-cat-kota"
    )
    award = category["award"]["edges"][0]["node"]
    assert award["sources"] and all(s["url"] for s in award["sources"])


def test_one_statement_per_root_field(gql: GraphQLClient) -> None:
    """A point lookup with its relationship page is one round trip; aliases add one each."""
    text = """{
      a: node(id: "pemkot-cimahi") { ... on LocalGovernment {
        name awardsReceived(first: 5) { edges { rank node { name } } } } }
      b: localGovernments(first: 3) { edges { node { name } } }
      c: nodes(ids: ["dga-2024", "bssn"]) { id }
    }"""
    body = gql.post(text, trace=True)
    assert _count(body) == 3
    assert body["data"]["a"]["awardsReceived"]["edges"]


def test_the_trace_lists_each_query_with_its_time(gql: GraphQLClient) -> None:
    body = gql.post(_awards("localGovernments", sources=True, leaf_sources=True), trace=True)
    graph = body["extensions"]["graph"]
    assert graph["queryCount"] == len(graph["queries"])
    assert graph["milliseconds"] >= 0
    assert all(q["name"] and q["milliseconds"] >= 0 for q in graph["queries"])


# Entities reached another way, with what the selection reads of them: sources, a
# relationship page, and the page's own entities with their sources.
DEEP = """id name sources { id url } ... on LocalGovernment {
  awardsReceived(first: 3) { totalCount edges { rank sources { id } node { id name
    ... on AwardCategory { award(first: 1) { edges { node { name sources { url } } } } } } } } }"""


def _names(body: dict[str, Any]) -> list[str]:
    assert "errors" not in body, body["errors"]
    return [q["name"] for q in body["extensions"]["graph"]["queries"]]


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_neighbourhood_is_one_statement_however_deep_its_selection(
    gql: GraphQLClient, depth: int
) -> None:
    text = f"""query($depth: Int!) {{ neighborhood(id: "pemkot-cimahi", depth: $depth) {{
        nodes {{ {DEEP} }} edges {{ type }} }} }}"""
    body = gql.post(text, {"depth": depth}, trace=True)
    assert _names(body) == [f"translate:neighbourhood_{depth}"]
    nodes = body["data"]["neighborhood"]["nodes"]
    cimahi = next(n for n in nodes if n["id"] == "pemkot-cimahi")
    assert cimahi["awardsReceived"]["edges"] and cimahi["sources"]


def test_search_is_the_index_query_then_one_statement_for_the_page(gql: GraphQLClient) -> None:
    text = f"""{{ search(query: "kota", first: 20) {{ edges {{ node {{ {DEEP} }} }} }} }}"""
    body = gql.post(text, trace=True)
    # "kota" is nobody's name or alias, but its exact matches fill the page and more follow,
    # so near matches (one typo, ranked after them) could change neither.
    assert _names(body) == ["search_entities", "translate:entities"]
    nodes = [e["node"] for e in body["data"]["search"]["edges"]]
    assert len(nodes) == 20 and any(n.get("awardsReceived", {}).get("edges") for n in nodes)


def test_search_looks_for_near_matches_when_they_count(gql: GraphQLClient) -> None:
    counted = """{ search(query: "kota", first: 20) { ... on SearchConnection { totalCount }
        edges { node { id } } } }"""
    body = gql.post(counted, trace=True)
    assert _names(body) == ["search_entities", "search_near_terms", "translate:entities"]
    uncounted = gql.post("""{ search(query: "kota", first: 20) {
        pageInfo { hasNextPage } edges { node { id } } } }""")["data"]["search"]
    assert uncounted["edges"] == body["data"]["search"]["edges"]
    assert uncounted["pageInfo"]["hasNextPage"]
    # A query with fewer exact matches than the page holds: the near ones may follow.
    few = """{ search(query: "cimahy", first: 20) { edges { node { id } } } }"""
    body = gql.post(few, trace=True)
    assert _names(body) == ["search_entities", "search_near_terms", "translate:entities"]
    assert "kota-cimahi" in [e["node"]["id"] for e in body["data"]["search"]["edges"]]


def test_paths_are_a_statement_per_length_then_one_for_their_entities(
    gql: GraphQLClient,
) -> None:
    text = f"""{{ paths(from: "kementerian-panrb", to: "pemkot-cimahi", maxHops: 4, first: 20) {{
        nodes {{ {DEEP} }} edges {{ type sources {{ id }} }} }} }}"""
    body = gql.post(text, trace=True)
    names = _names(body)
    assert names[:4] == [f"translate:paths_{n}" for n in range(1, 5)]
    # The relationships' sources: one batch for every edge of every path.
    assert names[4:] == ["translate:entities", "translate:entities"]


def test_timeline_and_support_read_their_entities_in_one_statement(gql: GraphQLClient) -> None:
    timeline = """{ timeline(id: "pemkot-cimahi", first: 50) { edges { node { other {
        id sources { id } ... on AwardCategory { award(first: 1) { edges { node { name } } } }
    } } } } }"""
    body = gql.post(timeline, trace=True)
    assert _names(body) == ["list_timeline_facts", "translate:entities"]
    others = [e["node"]["other"] for e in body["data"]["timeline"]["edges"]]
    assert any(o.get("award", {}).get("edges") for o in others)
    support = f"""{{ supportedBy(sourceId: "src-indoart", first: 100) {{
        source {{ id url }} entities {{ {DEEP} }} }} }}"""
    names = _names(gql.post(support, trace=True))
    assert names == ["list_supported_by", "get_supported_facts", "translate:entities"]


def test_the_trace_is_absent_without_the_header(gql: GraphQLClient) -> None:
    body = gql.post(_awards("localGovernments", sources=False))
    assert "errors" not in body
    assert "graph" not in (body.get("extensions") or {})
