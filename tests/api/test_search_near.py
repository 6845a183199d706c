"""Search that forgives a typo: near matches (one edit), ranked last, and results that say
why they matched and rank where they do."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQLClient

SEARCH = """query($q: String!, $first: Int, $after: String, $kinds: [EntityKindName!]) {
  search(query: $q, first: $first, after: $after, kinds: $kinds) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { match matched reason node { id kind } }
  }
}"""


def _search(gql: GraphQLClient, q: str, **args: Any) -> dict[str, Any]:
    result: dict[str, Any] = gql.data(SEARCH, {"q": q, **args})["search"]
    return result


def _found(gql: GraphQLClient, q: str, **args: Any) -> list[tuple[str, str]]:
    return [(e["node"]["id"], e["match"]) for e in _search(gql, q, first=50, **args)["edges"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Cimahy", "pemkot-cimahi"),  # a letter replaced: "Cimahi" is the government's alias
        ("Cimhai", "pemkot-cimahi"),  # two neighbours swapped
        ("Cimahii", "pemkot-cimahi"),  # a letter added
        ("Cmahi", "pemkot-cimahi"),  # a letter dropped
        ("Kemenpanrv", "kementerian-panrb"),
        ("Kemnpanrb", "kementerian-panrb"),
        ("Kemenpan-BR", "kementerian-panrb"),
        ("Pemerintah Kota Cimahy", "pemkot-cimahi"),
    ],
)
def test_one_typo_still_finds_the_entity(gql: GraphQLClient, q: str, expected: str) -> None:
    found = _found(gql, q)
    assert found[0] == (expected, "FUZZY"), found[:5]
    assert {match for _, match in found} == {"FUZZY"}


def test_near_matches_of_a_typo_rank_by_what_they_are_near(gql: GraphQLClient) -> None:
    found = _search(gql, "Kota Cimahy", first=50)
    ids = [e["node"]["id"] for e in found["edges"]]
    # The region's name and the government's alias are both "Kota Cimahi"; then the
    # agencies whose names end with the words.
    assert ids[:2] == ["kota-cimahi", "pemkot-cimahi"]
    assert "diskominfo-kota-cimahi" in ids
    assert found["totalCount"] == len(ids)
    assert [e["matched"] for e in found["edges"][:2]] == ["Kota Cimahi", "Kota Cimahi"]
    assert "one letter off the name “Kota Cimahi” of this region" in found["edges"][0]["reason"]


def test_two_typos_or_three_letters_are_not_forgiven(gql: GraphQLClient) -> None:
    assert "pemkot-cimahi" not in dict(_found(gql, "Cimahyy"))
    assert "pemkot-cimahi" not in dict(_found(gql, "Cmahy"))
    assert _found(gql, "PANB") == [("kementerian-panrb", "FUZZY")]  # four letters: forgiven
    assert "kementerian-panrb" not in dict(_found(gql, "PNB"))  # three: not


def test_numbers_are_not_typos(gql: GraphQLClient) -> None:
    """ "2023" is one edit from "2024", but a different year."""
    found = _found(gql, "Digital Government Award 2025")
    assert found == []


def test_exact_matches_come_first_and_no_entity_twice(gql: GraphQLClient) -> None:
    found = _found(gql, "cimahi")
    assert "FUZZY" not in {match for _, match in found}
    ids = [entity for entity, _ in found]
    assert len(ids) == len(set(ids))


def test_near_matches_respect_kinds(gql: GraphQLClient) -> None:
    assert _found(gql, "Kota Cimahy", kinds=["Region"]) == [("kota-cimahi", "FUZZY")]


def test_pages_run_through_near_matches(gql: GraphQLClient) -> None:
    whole = _search(gql, "Kota Cimahy", first=50)
    seen: list[str] = []
    after = None
    while True:
        page = _search(gql, "Kota Cimahy", first=2, after=after)
        assert page["totalCount"] == whole["totalCount"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [e["node"]["id"] for e in whole["edges"]]


def test_a_region_and_a_government_of_one_name_say_which_is_which(gql: GraphQLClient) -> None:
    edges = _search(gql, "Kota Cimahi")["edges"]
    region, government = edges[0], edges[1]
    assert (region["node"]["id"], region["node"]["kind"]) == ("kota-cimahi", "Region")
    assert region["reason"] == (
        "The query is the name of this region, “Kota Cimahi”. It comes before the local "
        "government “Pemerintah Kota Cimahi”, for which “Kota Cimahi” is an alias: results "
        "rank by how they match: the name, an alias, a prefix, a word inside, a near match."
    )
    assert government["node"]["id"] == "pemkot-cimahi"
    assert government["reason"].startswith(
        "The query is “Kota Cimahi”, an alias of this local government named “Pemerintah Kota "
        "Cimahi”. It comes after the region “Kota Cimahi”, for which “Kota Cimahi” is the name"
    )
    prefix = _search(gql, "Pemerintah Kota Cim")["edges"][0]
    assert prefix["reason"] == (
        "The name “Pemerintah Kota Cimahi” of this local government starts with the query."
    )
