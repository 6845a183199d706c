"""`neighbors`: an entity's neighbours a page at a time, with counts per relationship type."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

NEIGHBORS = """query($id: ID!, $types: [RelationshipTypeName!], $direction: Direction! = BOTH,
                     $asOf: Date, $first: Int, $after: String) {
  neighbors(id: $id, relationshipTypes: $types, direction: $direction, asOf: $asOf,
            first: $first, after: $after) {
    totalCount
    countsByType { type direction count }
    pageInfo { hasNextPage endCursor }
    edges {
      cursor direction
      node { id name kind }
      relationship { id type from to properties sources { id url } }
    }
  }
}"""


def _neighbors(gql: GraphQLClient, **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = gql.data(NEIGHBORS, variables)["neighbors"]
    return result


def test_a_page_of_cimahis_neighbours_with_edge_properties_and_sources(
    gql: GraphQLClient,
) -> None:
    page = _neighbors(gql, id="pemkot-cimahi", first=100)
    by_other = {e["node"]["id"]: e for e in page["edges"]}
    award = by_other["dga-2024-cat-kota"]  # linked once, to the city category
    assert award["direction"] == "OUT"
    assert award["relationship"]["type"] == "RECEIVED_AWARD"
    assert award["relationship"]["properties"]["rank"] == 5
    assert "src-indoart" in [s["id"] for s in award["relationship"]["sources"]]
    mayor = by_other["dicky-saromi"]
    assert mayor["direction"] == "IN"
    assert mayor["relationship"]["from"] == "dicky-saromi"
    assert page["totalCount"] == len(page["edges"])
    assert not page["pageInfo"]["hasNextPage"]


def test_counts_per_type_and_direction_add_up_to_the_total(gql: GraphQLClient) -> None:
    page = _neighbors(gql, id="pemkot-cimahi", first=1)
    counts = {(c["type"], c["direction"]): c["count"] for c in page["countsByType"]}
    assert counts[("RECEIVED_AWARD", "OUT")] == 1
    assert counts[("HOLDS_POSITION", "IN")] >= 1
    assert sum(counts.values()) == page["totalCount"] > 1
    out = _neighbors(gql, id="pemkot-cimahi", direction="OUT", types=["RECEIVED_AWARD"])
    assert out["totalCount"] == 1
    assert {e["node"]["id"] for e in out["edges"]} == {"dga-2024-cat-kota"}
    assert out["countsByType"] == page["countsByType"]  # filters leave the counts whole


def test_pages_follow_each_other_without_gaps_or_repeats(gql: GraphQLClient) -> None:
    whole = _neighbors(gql, id="kementerian-panrb", first=100)
    assert whole["totalCount"] > 6
    seen: list[str] = []
    after = None
    while True:
        page = _neighbors(gql, id="kementerian-panrb", first=3, after=after)
        assert page["totalCount"] == whole["totalCount"]
        seen += [e["relationship"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [e["relationship"]["id"] for e in whole["edges"]]


def test_as_of_drops_positions_not_yet_held(gql: GraphQLClient) -> None:
    before = _neighbors(gql, id="pemkot-cimahi", asOf="2023-12-31", first=100)
    during = _neighbors(gql, id="pemkot-cimahi", asOf="2024-06-01", first=100)
    assert "dicky-saromi" not in {e["node"]["id"] for e in before["edges"]}
    assert "dicky-saromi" in {e["node"]["id"] for e in during["edges"]}
    assert before["totalCount"] < during["totalCount"]


def test_unknown_entity_is_null_and_bad_page_sizes_are_named(gql: GraphQLClient) -> None:
    assert gql.data(NEIGHBORS, {"id": "no-such-entity"})["neighbors"] is None
    assert "`first` must be between 0 and" in gql.error(NEIGHBORS, {"id": "x", "first": 101})


def test_a_page_costs_one_round_trip(gql: GraphQLClient) -> None:
    body = gql.post(NEIGHBORS, {"id": "kementerian-panrb", "first": 20}, trace=True)
    assert "errors" not in body
    queries = body["extensions"]["graph"]["queries"]
    # the page and its counts in one query; the edges' sources in one batched load
    assert len(queries) == 2
