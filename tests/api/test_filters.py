"""Typed filters and ordering on root and relationship connections, over HTTP.

Expected sets are read off the seed files by hand (seed/reference-awards.yaml,
seed/reference-evaluations.yaml, seed/reference-policies.yaml, seed/article-*.yaml).
"""

from __future__ import annotations

from typing import Any

import pytest

from graph_service.api.filters import MAX_ATOMS, fold
from graph_service.api.filters.compile import compile_filter
from graph_service.api.filters.inputs import KIND_FILTERS
from graph_service.api.filters.operators import IntFilter
from tests.conftest import GraphQLClient

CITY_TOP_FIVE = {
    "pemkot-surabaya",
    "pemkot-madiun",
    "pemkot-jambi",
    "pemkot-mojokerto",
    "pemkot-cimahi",
}
ABOVE_FOUR_IN_2023 = {
    "pemkab-banyuwangi",  # 4.50
    "pemkot-surabaya",  # 4.49
    "pemkot-madiun",  # 4.45
    "pemkab-karawang",  # 4.38
    "pemkab-sukoharjo",  # 4.35
    "pemkot-jambi",  # 4.27
    "pemprov-jawa-tengah",  # 4.26
    "pemkot-mojokerto",  # 4.26
    "pemprov-diy",  # 4.22
    "pemprov-jawa-barat",  # 4.14
    "pemprov-bali",  # 4.07
    "pemkot-cimahi",  # 4.02 (Banjarmasin's 4.0 is not above 4.0)
}


def _ids(
    gql: GraphQLClient, field: str, args: str, variables: dict[str, Any] | None = None
) -> list[str]:
    data = gql.data(
        f"query($f: {args}) {{ {field}(filter: $f, first: 100) "
        "{ totalCount edges { node { id } } } }",
        variables,
    )
    connection = data[field]
    ids = [e["node"]["id"] for e in connection["edges"]]
    assert connection["totalCount"] == len(ids)
    return ids


def _governments(gql: GraphQLClient, f: dict[str, Any]) -> set[str]:
    return set(_ids(gql, "localGovernments", "LocalGovernmentFilter", {"f": f}))


def test_relationship_condition_rank_in_category(gql: GraphQLClient) -> None:
    f = {
        "awardsReceived": {
            "some": {"rank": {"lte": 5}, "node": {"id": {"equals": "dga-2024-cat-kota"}}}
        }
    }
    assert _governments(gql, f) == CITY_TOP_FIVE


def test_relationship_condition_on_scores(gql: GraphQLClient) -> None:
    f = {"indexScores": {"some": {"year": {"equals": 2023}, "value": {"gt": 4.0}}}}
    assert _governments(gql, f) == ABOVE_FOUR_IN_2023


def test_none_and_all_quantifiers(gql: GraphQLClient) -> None:
    scored = {"indexScores": {"some": {}}}
    low = {"indexScores": {"some": {"value": {"lt": 3.5}}}}
    never_low = _governments(
        gql, {"and": [scored, {"indexScores": {"none": {"value": {"lt": 3.5}}}}]}
    )
    all_high = _governments(
        gql, {"and": [scored, {"indexScores": {"all": {"value": {"gte": 3.5}}}}]}
    )
    assert never_low == all_high
    assert never_low == _governments(gql, scored) - _governments(gql, low)
    assert "pemkab-tuban" not in never_low  # 2.32 in 2022
    assert "pemkot-surabaya" in never_low


def test_text_is_case_and_accent_insensitive(gql: GraphQLClient) -> None:
    for text in ("cimahi", "CIMAHI", "Cimàhi", "címahí"):
        assert _governments(gql, {"name": {"contains": text}}) == {"pemkot-cimahi"}
    assert _governments(gql, {"name": {"equals": "pemerintah  kota CIMAHI"}}) == {"pemkot-cimahi"}
    starts = _governments(gql, {"name": {"startsWith": "Pemerintah Provinsi"}})
    assert starts and all(i.startswith("pemprov-") for i in starts)
    # Other text: folded on both sides, and lists match when any element does.
    assert _governments(gql, {"aliases": {"equals": "PEMKOT CIMAHI"}}) == {"pemkot-cimahi"}
    topics = _ids(gql, "events", "EventFilter", {"f": {"name": {"contains": "SUMMIT"}}})
    assert set(topics) == {"spbe-summit-2023", "spbe-summit-2024"}


def test_fold_matches_the_cypher_table() -> None:
    assert fold("Cimàhi ÉTÉ") == "cimahi ete"
    assert fold("Cimahi") == "cimahi"


def test_numbers_dates_and_enums(gql: GraphQLClient) -> None:
    years = {"year": {"gte": 2020, "lt": 2023}}
    assert set(_ids(gql, "policies", "PolicyFilter", {"f": years})) == {
        "permenpanrb-59-2020",
        "permenppn-16-2020",
        "kepmenpanrb-1503-2021",
        "kepmenpanrb-965-2021",
        "perpres-132-2022",
    }
    kinds = {"policyType": {"in": ["PRESIDENTIAL_REGULATION"]}, "year": {"gt": 2019}}
    assert set(_ids(gql, "policies", "PolicyFilter", {"f": kinds})) == {
        "perpres-132-2022",
        "perpres-82-2023",
    }
    dates = {"date": {"gte": "2024-01-01", "lte": "2024-06-30"}}
    assert set(_ids(gql, "events", "EventFilter", {"f": dates})) == {
        "rapat-terbatas-2024-03-25",
        "spbe-summit-2024",
    }
    provinces = _governments(gql, {"level": {"equals": "PROVINCE"}})
    assert provinces and all(i.startswith("pemprov-") for i in provinces)


def test_and_or_not(gql: GraphQLClient) -> None:
    top = {
        "awardsReceived": {
            "some": {"rank": {"lte": 5}, "node": {"id": {"equals": "dga-2024-cat-kota"}}}
        }
    }
    high = {"indexScores": {"some": {"year": {"equals": 2023}, "value": {"gt": 4.0}}}}
    assert _governments(gql, {"and": [top, high]}) == CITY_TOP_FIVE & ABOVE_FOUR_IN_2023
    assert _governments(gql, {"or": [top, high]}) == CITY_TOP_FIVE | ABOVE_FOUR_IN_2023
    assert _governments(gql, {**top, "not": high}) == CITY_TOP_FIVE - ABOVE_FOUR_IN_2023
    everyone = _governments(gql, {})
    assert (
        _governments(gql, {"not": {"or": [top, high]}})
        == everyone - CITY_TOP_FIVE - ABOVE_FOUR_IN_2023
    )


def test_ordering_with_ties_pages_stably(gql: GraphQLClient) -> None:
    query = """query($after: String) { policies(first: 5, after: $after,
        orderBy: [{field: YEAR, direction: DESC}]) {
        edges { cursor node { id year } } pageInfo { hasNextPage endCursor } } }"""
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        page = gql.data(query, {"after": after})["policies"]
        seen += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    years = [p["year"] for p in seen]
    assert len(seen) == 13 and years == sorted(years, reverse=True)
    # Ties (two policies a year) are broken by key, ascending.
    for a, b in zip(seen, seen[1:], strict=False):
        if a["year"] == b["year"]:
            assert a["id"] < b["id"]
    mixed = gql.data(
        "{ policies(orderBy: [{field: POLICY_TYPE, direction: DESC}, {field: YEAR}]) "
        "{ edges { node { id policyType year } } } }"
    )["policies"]["edges"]
    keys = [(e["node"]["policyType"], e["node"]["year"]) for e in mixed]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
    assert keys[0] == ("PRESIDENTIAL_REGULATION", 2018)


def test_missing_values_sort_last(gql: GraphQLClient) -> None:
    for direction in ("ASC", "DESC"):
        edges = gql.data(
            f"{{ policies(orderBy: [{{field: DATE, direction: {direction}}}]) "
            "{ edges { node { id date } } } }"
        )["policies"]["edges"]
        assert edges[0]["node"]["id"] == "kepmenpanrb-13-2024"  # the only one with a date
        assert all(e["node"]["date"] is None for e in edges[1:])


def test_relationship_connection_filter_and_order(gql: GraphQLClient) -> None:
    query = """query($after: String) { node(id: "dga-2024-cat-kota") { ... on AwardCategory {
        recipients(first: 2, after: $after, filter: {rank: {lte: 5}},
                   orderBy: [{field: RANK, direction: DESC}]) {
          totalCount edges { rank node { id } } pageInfo { hasNextPage endCursor } } } } }"""
    ranks: list[int] = []
    after = None
    while True:
        page = gql.data(query, {"after": after})["node"]["recipients"]
        assert page["totalCount"] == 5
        ranks += [e["rank"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert ranks == [5, 4, 3, 2, 1]
    by_name = gql.data(
        """{ node(id: "dga-2024-cat-kota") { ... on AwardCategory {
        recipients(filter: {node: {name: {contains: "ma"}}}, orderBy: [{field: NODE_NAME}]) {
          edges { node { name } } } } } }"""
    )["node"]["recipients"]["edges"]
    names = [e["node"]["name"] for e in by_name]
    assert names == sorted(names) and names
    assert all("ma" in n.lower() for n in names)


def test_nested_filtered_query_is_one_statement(gql: GraphQLClient) -> None:
    body = gql.post(
        """{ localGovernments(first: 50, filter: {indexScores: {some: {year: {equals: 2023}}}}) {
          edges { node { id
            awardsReceived(first: 10, filter: {year: {equals: 2024}}, orderBy: [{field: RANK}]) {
              edges { rank node { id name } } }
            indexScores(first: 10, filter: {value: {gt: 4.0}}) { edges { value year } } } } } }""",
        trace=True,
    )
    assert "errors" not in body, body.get("errors")
    edges = body["data"]["localGovernments"]["edges"]
    assert len(edges) == 41  # the local governments scored in 2023
    cimahi = next(e["node"] for e in edges if e["node"]["id"] == "pemkot-cimahi")
    assert sorted(s["value"] for s in cimahi["indexScores"]["edges"]) == [4.02, 4.15]
    awards = cimahi["awardsReceived"]["edges"]
    assert [(a["node"]["id"], a["rank"]) for a in awards] == [("dga-2024-cat-kota", 5)]
    assert body["extensions"]["graph"]["queryCount"] == 1


def test_filter_size_is_bounded(gql: GraphQLClient) -> None:
    branches = [{"name": {"equals": f"x{i}"}} for i in range(MAX_ATOMS + 1)]
    message = gql.error(
        "query($f: LocalGovernmentFilter) { localGovernments(filter: $f) { totalCount } }",
        {"f": {"or": branches}},
    )
    assert "too large" in message
    # NOT over ORs of ANDs multiplies out: bounded before it grows.
    wide = {
        "not": {
            "or": [
                {"and": [{"name": {"equals": f"a{i}"}}, {"name": {"equals": f"b{i}"}}]}
                for i in range(10)
            ]
        }
    }
    assert "too large" in gql.error(
        "query($f: LocalGovernmentFilter) { localGovernments(filter: $f) { totalCount } }",
        {"f": wide},
    )


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        ({"or": []}, "`or` needs at least one filter"),
        ({"awardsReceived": {}}, "needs `some`, `none` or `all`"),
        ({"name": {"contains": "  !! "}}, "`contains` needs a letter or digit"),
    ],
)
def test_bad_filters_say_what_is_wrong(
    gql: GraphQLClient, f: dict[str, Any], expected: str
) -> None:
    message = gql.error(
        "query($f: LocalGovernmentFilter) { localGovernments(filter: $f) { totalCount } }",
        {"f": f},
    )
    assert expected in message


def test_unknown_fields_and_too_many_sort_keys_are_rejected(gql: GraphQLClient) -> None:
    assert "nope" in gql.error('{ localGovernments(filter: {nope: {equals: "x"}}) { totalCount } }')
    message = gql.error(
        "{ policies(orderBy: [{field: YEAR}, {field: NAME}, {field: ID}, {field: DATE}]) "
        "{ totalCount } }"
    )
    assert "at most 3 keys" in message


def test_compiled_filter_is_plain_data() -> None:
    """The pure compile step: DNF of atoms, property names from the ontology."""
    cls = KIND_FILTERS["Policy"]
    assert compile_filter(None) is None
    assert compile_filter(cls()) == [[]]  # no condition: everything
    assert compile_filter(cls(f_not=cls())) == []  # not(everything): nothing
    (group,) = compile_filter(cls(f_year=IntFilter(gte=2020, lt=2023)))  # type: ignore[misc]
    assert [(a["source"], a["prop"], a["op"], a["value"]) for a in group] == [
        ("prop", "year", "gte", 2020),
        ("prop", "year", "lt", 2023),
    ]


def test_a_root_list_orders_by_its_relationships_best_value_in_a_year(
    gql: GraphQLClient,
) -> None:
    data = gql.data(
        """{ localGovernments(first: 5, orderBy: [
               {field: INDEX_SCORES_VALUE, direction: DESC, year: 2023}]) {
             edges { node { id indexScores(year: 2023) { edges { value } } } } } }"""
    )
    edges = data["localGovernments"]["edges"]
    assert [e["node"]["id"] for e in edges] == [
        "pemkab-banyuwangi",
        "pemkot-surabaya",
        "pemkot-madiun",
        "pemkab-karawang",
        "pemkab-sukoharjo",
    ]
    values = [e["node"]["indexScores"]["edges"][0]["value"] for e in edges]
    assert values == sorted(values, reverse=True)


def test_entities_without_a_ranked_award_sort_last_either_way(gql: GraphQLClient) -> None:
    query = """query ($direction: SortDirection!) { localGovernments(first: 100, orderBy: [
        {field: AWARDS_RECEIVED_RANK, direction: $direction}]) {
        edges { node { id awardsReceived { edges { rank } } } } } }"""
    for direction in ("ASC", "DESC"):
        edges = gql.data(query, {"direction": direction})["localGovernments"]["edges"]
        best = [
            [a["rank"] for a in e["node"]["awardsReceived"]["edges"] if a["rank"] is not None]
            for e in edges
        ]
        keys = [(min(r) if direction == "ASC" else max(r)) if r else None for r in best]
        ranked = [k for k in keys if k is not None]
        assert keys == ranked + [None] * (len(keys) - len(ranked))
        assert ranked == sorted(ranked, reverse=direction == "DESC")


def test_year_goes_only_with_a_relationship_sort_field(gql: GraphQLClient) -> None:
    message = gql.error("{ localGovernments(orderBy: [{field: NAME, year: 2023}]) { totalCount } }")
    assert "`year` only goes with a relationship's property" in message
