"""Round trips: a request costs at most one Cypher query per nesting level (traced)."""

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
def test_bodies_with_awards_categories_and_their_award_cost_three_queries(
    gql: GraphQLClient, root: str
) -> None:
    body = gql.post(_awards(root, sources=False), trace=True)
    assert _count(body) <= 3
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
    """Sources of the bodies, of their award edges and of the award categories ride along
    with the next level's batch: the count does not move."""
    plain = _count(gql.post(_awards(root, sources=False), trace=True))
    body = gql.post(_awards(root, sources=True), trace=True)
    assert _count(body) == plain <= 3
    if root == "localGovernments":
        cimahi = next(
            e["node"] for e in body["data"][root]["edges"] if e["node"]["id"] == "pemkot-cimahi"
        )
        assert "src-indoart" in {s["id"] for s in cimahi["sources"]}
        award = next(
            e for e in cimahi["awardsReceived"]["edges"] if e["node"]["id"] == "dga-2024-cat-kota"
        )
        assert award["sources"] and award["node"]["sources"]


def test_sources_of_the_deepest_entities_are_one_more_level(gql: GraphQLClient) -> None:
    """The leaf's `sources` are Source entities one nesting level further down: one more
    batched query for all of them, however many leaves there are."""
    plain = _count(gql.post(_awards("localGovernments", sources=True), trace=True))
    text = _awards("localGovernments", sources=True, leaf_sources=True)
    assert _count(gql.post(text, trace=True)) == plain + 1 <= 4


def test_the_trace_lists_each_query_with_its_time(gql: GraphQLClient) -> None:
    body = gql.post(_awards("localGovernments", sources=True, leaf_sources=True), trace=True)
    graph = body["extensions"]["graph"]
    assert graph["queryCount"] == len(graph["queries"])
    assert graph["milliseconds"] >= 0
    assert all(q["name"] and q["milliseconds"] >= 0 for q in graph["queries"])


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_neighborhood_costs_at_most_depth_plus_one(gql: GraphQLClient, depth: int) -> None:
    text = """query($depth: Int!) { neighborhood(id: "pemkot-cimahi", depth: $depth) {
        nodes { id } edges { type } } }"""
    assert _count(gql.post(text, {"depth": depth}, trace=True)) <= depth + 1


def test_the_trace_is_absent_without_the_header(gql: GraphQLClient) -> None:
    body = gql.post(_awards("localGovernments", sources=False))
    assert "errors" not in body
    assert "graph" not in (body.get("extensions") or {})
