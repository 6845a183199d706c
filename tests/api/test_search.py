"""Search over HTTP: ranking, kinds, paging, the spellings people type, and bad queries."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQLClient

SEARCH = """query($q: String!, $first: Int, $after: String, $kinds: [EntityKindName!]) {
  search(query: $q, first: $first, after: $after, kinds: $kinds) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor match node { id name kind aliases } }
  }
}"""


def _search(gql: GraphQLClient, q: str, **args: Any) -> dict[str, Any]:
    result: dict[str, Any] = gql.data(SEARCH, {"q": q, **args})["search"]
    return result


def _first(gql: GraphQLClient, q: str, **args: Any) -> dict[str, Any]:
    edges = _search(gql, q, **args)["edges"]
    assert edges, f"nothing found for {q!r}"
    edge: dict[str, Any] = edges[0]
    return edge


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cimahi", "pemkot-cimahi"),
        ("Pemkot Cimahi", "pemkot-cimahi"),
        ("PANRB", "kementerian-panrb"),
        ("kemenpan rb", "kementerian-panrb"),
        ("Kemenpan-RB", "kementerian-panrb"),
        ("KemenPANRB", "kementerian-panrb"),
        ("Kominfo", "kemenkominfo"),
        ("Komdigi", "kementerian-komdigi"),
        ("Jatim", "pemprov-jawa-timur"),
        ("Cimáhi", "pemkot-cimahi"),
        ("CIMAHI", "pemkot-cimahi"),
        ("  pemkot   cimahi ", "pemkot-cimahi"),
    ],
)
def test_the_obvious_entity_comes_first(gql: GraphQLClient, q: str, expected: str) -> None:
    assert _first(gql, q)["node"]["id"] == expected


def test_ranking_exact_name_then_alias_then_prefix_then_contains(gql: GraphQLClient) -> None:
    found = _search(gql, "Kota Cimahi", first=50)
    matches = [e["match"] for e in found["edges"]]
    order = ["EXACT_NAME", "EXACT_ALIAS", "PREFIX", "CONTAINS"]
    assert matches == sorted(matches, key=order.index)
    top = [(e["node"]["id"], e["match"]) for e in found["edges"][:2]]
    assert top == [("kota-cimahi", "EXACT_NAME"), ("pemkot-cimahi", "EXACT_ALIAS")]
    assert "CONTAINS" in matches  # e.g. Dinas Komunikasi dan Informatika Kota Cimahi
    exact = _first(gql, "Pemerintah Kota Cimahi")
    assert (exact["node"]["id"], exact["match"]) == ("pemkot-cimahi", "EXACT_NAME")
    prefix = _first(gql, "Pemerintah Kota Cim")
    assert (prefix["node"]["id"], prefix["match"]) == ("pemkot-cimahi", "PREFIX")
    contains = _search(gql, "Kota Cimah", first=50)["edges"]
    assert {"PREFIX", "CONTAINS"} >= {e["match"] for e in contains}
    assert "diskominfo-kota-cimahi" in {e["node"]["id"] for e in contains}


def test_an_exact_name_beats_an_exact_alias(gql: GraphQLClient) -> None:
    """ "Provinsi Jawa Timur" is the region's name and the provincial government's alias."""
    edges = _search(gql, "Provinsi Jawa Timur")["edges"]
    assert [e["node"]["id"] for e in edges[:2]] == ["provinsi-jawa-timur", "pemprov-jawa-timur"]
    assert [e["match"] for e in edges[:2]] == ["EXACT_NAME", "EXACT_ALIAS"]


def test_kind_filter(gql: GraphQLClient) -> None:
    everything = _search(gql, "cimahi", first=50)
    kinds = {e["node"]["kind"] for e in everything["edges"]}
    assert len(kinds) > 1
    only = _search(gql, "cimahi", first=50, kinds=["Region"])
    assert only["edges"] and {e["node"]["kind"] for e in only["edges"]} == {"Region"}
    assert only["totalCount"] < everything["totalCount"]
    two = _search(gql, "jawa timur", first=50, kinds=["Region", "LocalGovernment"])
    assert {e["node"]["kind"] for e in two["edges"]} == {"Region", "LocalGovernment"}


def test_search_pages_with_cursors(gql: GraphQLClient) -> None:
    whole = _search(gql, "kota", first=100)
    assert whole["totalCount"] == len(whole["edges"]) > 6
    seen: list[str] = []
    after = None
    while True:
        page = _search(gql, "kota", first=4, after=after)
        assert page["totalCount"] == whole["totalCount"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["pageInfo"]["hasNextPage"] and len(page["edges"]) == 4
        after = page["pageInfo"]["endCursor"]
    assert seen == [e["node"]["id"] for e in whole["edges"]]


def test_nothing_found_is_an_empty_page(gql: GraphQLClient) -> None:
    found = _search(gql, "zzqx nothing like this")
    assert found["totalCount"] == 0 and found["edges"] == []
    assert found["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize("q", ["", "   ", "-- !!", "x" * 201])
def test_empty_or_too_long_queries_are_refused(gql: GraphQLClient, q: str) -> None:
    message = gql.error(SEARCH, {"q": q})
    assert "`query` must hold at least one letter or digit and at most 200" in message


def test_search_page_size_is_capped(gql: GraphQLClient) -> None:
    assert "`first` must be between 0 and 100" in gql.error(SEARCH, {"q": "kota", "first": 101})


def test_search_is_an_index_query_then_one_batch_of_entities(gql: GraphQLClient) -> None:
    body = gql.post(SEARCH, {"q": "cimahi"}, trace=True)
    queries = [q["name"] for q in body["extensions"]["graph"]["queries"]]
    assert queries == ["search_entities", "translate:entities"]


def test_a_query_that_is_nobodys_name_also_seeks_near_matches(gql: GraphQLClient) -> None:
    """ "Cimahi" is an alias, so "cimahi" is not a typo; "Cimahy" may be one."""
    body = gql.post(SEARCH, {"q": "Cimahy"}, trace=True)
    queries = [q["name"] for q in body["extensions"]["graph"]["queries"]]
    assert queries == ["search_entities", "search_near_terms", "translate:entities"]
