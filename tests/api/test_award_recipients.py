"""An award edition's recipients include its categories' recipients, each once.

Numbers counted by hand from seed/ (reference-awards.yaml, article-award.yaml): the Digital
Government Award 2024 has 27 recipients the graph knows, 24 linked to one of its six
categories and 3 (Kab. Madiun, Gresik, Kediri) to the edition itself; 10 of them to the
city category.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQLClient

RECIPIENTS = """
query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  node(id: $id) {
    ... on Award { recipients(first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
      edges { rank relationshipId node { id } } } }
    ... on AwardCategory { recipients(first: $first) { totalCount edges { node { id } } } }
  }
}
"""

KNOWN = '{ awardCounts(awardId: "dga-2024") { knownRecipients } }'


def _recipients(gql: GraphQLClient, id_: str, **page: Any) -> dict[str, Any]:
    data = gql.data(RECIPIENTS, {"id": id_, **page})
    connection: dict[str, Any] = data["node"]["recipients"]
    return connection


def _ids(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


def test_the_edition_lists_its_categories_recipients_each_once(gql: GraphQLClient) -> None:
    whole = _recipients(gql, "dga-2024", first=100)
    ids = _ids(whole)
    assert whole["totalCount"] == len(ids) == len(set(ids)) == 27
    assert whole["totalCount"] == gql.data(KNOWN)["awardCounts"]["knownRecipients"]
    assert ids.count("pemkot-cimahi") == 1  # linked once, to the city category
    assert {"pemkab-madiun", "pemkab-gresik", "pemkab-kediri"} <= set(ids)  # to the edition
    city = _ids(_recipients(gql, "dga-2024-cat-kota", first=100))
    assert len(city) == 10 and set(city) <= set(ids)
    via_category = [e for e in whole["edges"] if ">dga-2024-cat-" in e["relationshipId"]]
    assert len(via_category) == 24


@pytest.mark.parametrize("size", [1, 7, 10])
def test_pages_of_the_derived_list_walk_it_forwards_and_back(gql: GraphQLClient, size: int) -> None:
    expected = _ids(_recipients(gql, "dga-2024", first=100))
    seen: list[str] = []
    after = None
    while True:
        page = _recipients(gql, "dga-2024", first=size, after=after)
        assert page["totalCount"] == 27
        seen += _ids(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected
    back: list[str] = []
    before = None
    while True:
        page = _recipients(gql, "dga-2024", last=size, before=before)
        back = _ids(page) + back
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert back == expected


def test_filters_and_counts_apply_to_the_derived_list(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ node(id: "dga-2024") { ... on Award {
             top: recipients(filter: {rank: {equals: 1}}) { totalCount edges { node { id } } }
             cities: recipients(filter: {node: {level: {equals: CITY}}}) { totalCount } } } }"""
    )["node"]
    # Rank 1 in the regency, city, improvement and LPNK categories; the province category's
    # first is ranked 1 too (Jawa Tengah).
    top = {e["node"]["id"] for e in data["top"]["edges"]}
    assert data["top"]["totalCount"] == len(top)
    assert {"pemkab-banyuwangi", "pemkab-tuban", "lan"} <= top
    assert data["cities"]["totalCount"] == 10


def test_an_award_reached_by_search_lists_the_same_recipients(gql: GraphQLClient) -> None:
    """Entities reached another way page through the DataLoader; the answer is the same."""
    data = gql.data(
        """{ search(query: "Digital Government Award 2024", kinds: [Award], first: 1) {
             edges { node { id ... on Award { recipients(first: 100) {
               totalCount edges { node { id } } } } } } } }"""
    )
    entity = data["search"]["edges"][0]["node"]
    assert entity["id"] == "dga-2024"
    assert entity["recipients"]["totalCount"] == 27
    assert sorted(_ids(entity["recipients"])) == sorted(
        _ids(_recipients(gql, "dga-2024", first=100))
    )


def test_the_derived_list_costs_one_statement(gql: GraphQLClient) -> None:
    body = gql.post(
        "{ awards { edges { node { id recipients { totalCount edges { node { id } } } } } } }",
        trace=True,
    )
    assert "errors" not in body, body["errors"]
    assert body["extensions"]["graph"]["queryCount"] == 1
    counts = {
        e["node"]["id"]: e["node"]["recipients"]["totalCount"]
        for e in body["data"]["awards"]["edges"]
    }
    assert counts["dga-2024"] == 27
