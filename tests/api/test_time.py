"""`asOf` and `year` on relationship fields: answers change at the dates they should.

A position attested "as of 2024" holds from 2024-01-01 to 2024-12-31; "2019-03" the month.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQLClient

PANRB_OFFICIALS = """
query($asOf: Date) {
  node(id: "kementerian-panrb") {
    ... on Ministry {
      officials(asOf: $asOf) { totalCount edges { role head validFrom validTo node { id } } }
    }
  }
}
"""

TEAM_MEMBERS = """
query($asOf: Date) {
  node(id: "tim-koordinasi-spbe-nasional") {
    ... on CoordinationTeam { members(asOf: $asOf) { edges { asOf node { id } } } }
  }
}
"""

CIMAHI_SCORES = """
query($year: Int) {
  node(id: "pemkot-cimahi") {
    ... on LocalGovernment {
      indexScores(year: $year) { totalCount edges { year value predicate node { id } } }
    }
  }
}
"""


def _officials(gql: GraphQLClient, as_of: str | None) -> list[dict[str, Any]]:
    data = gql.data(PANRB_OFFICIALS, {"asOf": as_of})
    return list(data["node"]["officials"]["edges"])


def _heads(gql: GraphQLClient, as_of: str | None) -> list[str]:
    return sorted(e["node"]["id"] for e in _officials(gql, as_of) if e["head"])


def _members(gql: GraphQLClient, as_of: str | None) -> set[str]:
    data = gql.data(TEAM_MEMBERS, {"asOf": as_of})
    return {e["node"]["id"] for e in data["node"]["members"]["edges"]}


@pytest.mark.parametrize(
    ("day", "heads"),
    [
        ("2024-05-27", ["abdullah-azwar-anas"]),
        ("2019-03-15", ["syafruddin"]),
        ("2019-03-01", ["syafruddin"]),
        ("2019-03-31", ["syafruddin"]),
        ("2019-04-01", []),
        ("2023-12-31", []),
        ("2024-01-01", ["abdullah-azwar-anas"]),
        ("2024-12-31", ["abdullah-azwar-anas"]),
        ("2025-01-01", []),
    ],
)
def test_who_headed_kementerian_panrb_on_a_day(
    gql: GraphQLClient, day: str, heads: list[str]
) -> None:
    assert _heads(gql, day) == heads


def test_without_as_of_every_position_is_listed(gql: GraphQLClient) -> None:
    assert _heads(gql, None) == ["abdullah-azwar-anas", "syafruddin"]
    assert len(_officials(gql, None)) > len(_officials(gql, "2024-05-27"))


def test_positions_carry_their_dates(gql: GraphQLClient) -> None:
    anas = next(
        e for e in _officials(gql, "2024-05-27") if e["node"]["id"] == "abdullah-azwar-anas"
    )
    assert (anas["role"], anas["validFrom"], anas["validTo"]) == (
        "Menteri PANRB",
        "2024-01-01",
        "2024-12-31",
    )
    deputies = [e for e in _officials(gql, "2024-05-27") if e["head"] is False]
    assert [e["node"]["id"] for e in deputies] == ["nanik-murwati"]


def test_the_coordination_team_changes_members_between_2019_and_2024(gql: GraphQLClient) -> None:
    in_2019 = _members(gql, "2019-03-15")
    in_2024 = _members(gql, "2024-06-01")
    assert "bppt" in in_2019 and "brin" not in in_2019
    assert "brin" in in_2024 and "bppt" not in in_2024
    assert {"kemenkominfo", "kemenkeu", "kemendagri", "bssn"} <= in_2019 & in_2024
    assert _members(gql, None) >= in_2019 | in_2024
    assert _members(gql, "2021-06-01") == set()


@pytest.mark.parametrize(
    ("year", "value", "predicate"),
    [(2022, 3.09, "BAIK"), (2023, 4.02, "SANGAT_BAIK"), (2024, 4.15, "SANGAT_BAIK")],
)
def test_year_keeps_the_scores_of_that_year(
    gql: GraphQLClient, year: int, value: float, predicate: str
) -> None:
    scores = gql.data(CIMAHI_SCORES, {"year": year})["node"]["indexScores"]
    assert scores["totalCount"] == 1
    edge = scores["edges"][0]
    assert (edge["year"], edge["value"], edge["predicate"]) == (year, value, predicate)


def test_without_year_every_score_is_listed(gql: GraphQLClient) -> None:
    scores = gql.data(CIMAHI_SCORES, {"year": None})["node"]["indexScores"]
    assert {e["year"] for e in scores["edges"]} >= {2022, 2023, 2024}
    assert gql.data(CIMAHI_SCORES, {"year": 1999})["node"]["indexScores"]["totalCount"] == 0


def test_year_and_as_of_together_on_awards(gql: GraphQLClient) -> None:
    data = gql.data(
        '{ node(id: "dga-2024-cat-kota") { ... on AwardCategory { '
        "y2024: recipients(year: 2024) { totalCount } "
        "y2023: recipients(year: 2023) { totalCount } } } }"
    )
    assert data["node"]["y2024"]["totalCount"] >= 5
    assert data["node"]["y2023"]["totalCount"] == 0


def test_a_malformed_date_is_refused(gql: GraphQLClient) -> None:
    message = gql.error(PANRB_OFFICIALS, {"asOf": "2024-13-01"})
    assert "asOf" in message or "Date" in message
