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
    assert kinds["LocalGovernment"] == 51 and kinds["Award"] == 3 and kinds["Policy"] == 13
    assert types["RECEIVED_AWARD"] == 39 and types["HAS_SPBE_INDEX"] == 72
    counts = [k["count"] for k in data["entitiesByKind"]]
    assert counts == sorted(counts, reverse=True)


def test_award_counts_separate_stated_from_known(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ awardCounts(awardId: "dga-2024") { award { id } statedRecipients knownRecipients
             total byCategory { statedRecipients knownRecipients category { id } }
             byYear { year count } } }"""
    )["awardCounts"]
    assert data["award"] == {"id": "dga-2024"}
    by_category = [
        ((c["category"] or {}).get("id"), c["statedRecipients"], c["knownRecipients"])
        for c in data["byCategory"]
    ]
    assert by_category == [
        ("dga-2024-cat-kota", 10, 10),  # uzone.id: ten cities, all named
        ("dga-2024-cat-provinsi", 10, 7),  # suararantau: Sumbar "with 9 other provinces"; Bali Post
        ("dga-2024-cat-kabupaten", 10, 4),  # lingkar.news: Trenggalek in the top 10
        ("dga-2024-cat-peningkatan", None, 2),
        ("dga-2024-cat-lpnk-lns", None, 1),
        ("dga-2024-cat-kementerian", None, 0),  # no source names a ministry recipient
        (None, None, 3),  # Kab. Madiun, Gresik, Kediri: category not named by any source
    ]
    # 65 stated by the sources; 27 distinct recipients known, each linked once.
    assert data["statedRecipients"] == 65 and data["knownRecipients"] == 27
    assert data["total"] == 27
    assert sum(c["knownRecipients"] for c in data["byCategory"]) == data["knownRecipients"]
    assert data["byYear"] == [{"year": 2024, "count": 27}]


def test_no_recipient_is_linked_to_an_edition_and_its_category(gql: GraphQLClient) -> None:
    for award in ("dga-2024", "dga-2023", "penghargaan-evaluasi-spbe-2018"):
        data = gql.data(
            "query($a: ID) { awardCounts(awardId: $a) { knownRecipients total } }", {"a": award}
        )["awardCounts"]
        assert data["knownRecipients"] == data["total"], award


def test_award_counts_of_every_award(gql: GraphQLClient) -> None:
    data = gql.data(
        "{ awardCounts { award { id } statedRecipients knownRecipients total "
        "byYear { year count } } }"
    )["awardCounts"]
    assert data["award"] is None and data["statedRecipients"] is None
    assert data["total"] == 39  # every RECEIVED_AWARD
    # Banyuwangi and Surabaya (2023, 2024) and Sumedang (2023 and earlier rounds) counted once.
    assert data["knownRecipients"] == 37
    assert sum(y["count"] for y in data["byYear"]) == 39


def test_average_2023_score_of_the_city_recipients(gql: GraphQLClient) -> None:
    body = gql.post(
        """query($f: ScoredEntityFilter) { indexScoreStats(filter: $f, year: 2023) {
             count entities min max average } }""",
        {"f": CITY},
        trace=True,
    )
    assert "errors" not in body, body.get("errors")
    stats = body["data"]["indexScoreStats"]
    # Of the ten city recipients, nine have a 2023 score in the sources: Surabaya (4.49),
    # Madiun (4.45), Jambi (4.27), Mojokerto (4.26), Cimahi (4.02), Banjarmasin (4.0),
    # Bandung (3.98), Malang (3.82), Denpasar (3.80); Semarang's is not found.
    scores = [4.49, 4.45, 4.27, 4.26, 4.02, 4.0, 3.98, 3.82, 3.80]
    assert stats["count"] == 9 and stats["entities"] == 9
    assert stats["min"] == pytest.approx(3.80) and stats["max"] == pytest.approx(4.49)
    assert stats["average"] == pytest.approx(sum(scores) / 9)
    assert body["extensions"]["graph"]["queryCount"] == 1


def test_index_score_stats_by_kind_and_year(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ all: indexScoreStats { count }
             ministries: indexScoreStats(kinds: [Ministry]) { count min max }
             cities2021: indexScoreStats(year: 2021, filter: {level: {equals: CITY}}) {
               count average }
             none: indexScoreStats(year: 1990) { count min max average } }"""
    )
    assert data["all"]["count"] == 72
    assert data["ministries"] == {"count": 4, "min": 3.58, "max": 4.88}  # + Kemendikbud 3.86
    assert data["cities2021"]["count"] == 2  # Tangerang 3.40, Mojokerto 2.92
    assert data["cities2021"]["average"] == pytest.approx((3.4 + 2.92) / 2)
    assert data["none"] == {"count": 0, "min": None, "max": None, "average": None}
