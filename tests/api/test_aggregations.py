"""Aggregates over HTTP: graph stats, award counts, index score statistics.

Expected numbers are counted by hand from seed/ (reference-awards.yaml, article-award.yaml,
reference-evaluations.yaml, article-evaluation.yaml, article-cimahi.yaml).
"""

from __future__ import annotations

import pytest

from tests.conftest import GraphQLClient

CITY = {"awardsReceived": {"some": {"node": {"id": {"equals": "dga-2024-cat-kota"}}}}}


def test_stats_counts_kinds_and_types(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ stats { totalEntities totalRelationships entitiesByKind { kind count }
             relationshipsByType { type count } } }"""
    )["stats"]
    kinds = {k["kind"]: k["count"] for k in data["entitiesByKind"]}
    types = {t["type"]: t["count"] for t in data["relationshipsByType"]}
    assert data["totalEntities"] == sum(kinds.values())
    assert data["totalRelationships"] == sum(types.values())
    assert kinds["LocalGovernment"] == 27 and kinds["Award"] == 3 and kinds["Policy"] == 12
    assert types["RECEIVED_AWARD"] == 38 and types["HAS_SPBE_INDEX"] == 30
    counts = [k["count"] for k in data["entitiesByKind"]]
    assert counts == sorted(counts, reverse=True)


def test_award_counts_by_category_and_year(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ awardCounts(awardId: "dga-2024") { award { id } total recipients
             byCategory { count category { id } } byYear { year count } } }"""
    )["awardCounts"]
    assert data["award"] == {"id": "dga-2024"}
    by_category = {(c["category"] or {}).get("id"): c["count"] for c in data["byCategory"]}
    assert by_category == {
        "dga-2024-cat-kota": 10,
        "dga-2024-cat-provinsi": 6,
        "dga-2024-cat-kabupaten": 3,
        "dga-2024-cat-peningkatan": 2,
        "dga-2024-cat-lpnk-lns": 1,
        None: 5,  # received for the edition as a whole
    }
    assert data["total"] == 27 and data["recipients"] == 26  # Cimahi: edition and category
    assert data["byYear"] == [{"year": 2024, "count": 27}]


def test_award_counts_of_every_award(gql: GraphQLClient) -> None:
    data = gql.data("{ awardCounts { award { id } total byYear { year count } } }")["awardCounts"]
    assert data["award"] is None
    assert data["total"] == 38  # every RECEIVED_AWARD
    assert sum(y["count"] for y in data["byYear"]) == 38


def test_average_2023_score_of_the_city_recipients(gql: GraphQLClient) -> None:
    body = gql.post(
        """query($f: ScoredEntityFilter) { indexScoreStats(filter: $f, year: 2023) {
             count entities min max average } }""",
        {"f": CITY},
        trace=True,
    )
    assert "errors" not in body, body.get("errors")
    stats = body["data"]["indexScoreStats"]
    # Of the ten city recipients, Surabaya (4.49), Madiun (4.45), Cimahi (4.02) were scored.
    assert stats["count"] == 3 and stats["entities"] == 3
    assert stats["min"] == pytest.approx(4.02) and stats["max"] == pytest.approx(4.49)
    assert stats["average"] == pytest.approx((4.49 + 4.45 + 4.02) / 3)
    assert body["extensions"]["graph"]["queryCount"] == 1


def test_index_score_stats_by_kind_and_year(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ all: indexScoreStats { count }
             ministries: indexScoreStats(kinds: [Ministry]) { count min max }
             cities2021: indexScoreStats(year: 2021, filter: {level: {equals: CITY}}) {
               count average }
             none: indexScoreStats(year: 1990) { count min max average } }"""
    )
    assert data["all"]["count"] == 30
    assert data["ministries"] == {"count": 3, "min": 3.58, "max": 4.88}
    assert data["cities2021"]["count"] == 1  # Tangerang, 3.40
    assert data["cities2021"]["average"] == pytest.approx(3.4)
    assert data["none"] == {"count": 0, "min": None, "max": None, "average": None}
