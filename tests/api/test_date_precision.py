"""Dates keep the precision the sources gave them, as Wikidata's time values do.

From seed/: Dicky Saromi was Pj Wali Kota of Cimahi "in 2024" (article-cimahi.yaml, `as_of:
'2024'`); BPPT was a member of the national coordination team in March 2019
(reference-coordination.yaml, `as_of: 2019-03`); Nanik Murwati's deputy position is attested
from March 2023 to April 2025 (reference-officials.yaml, `as_of: 2023-03; 2025-04`).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQLClient

CIMAHI_HEADS = """
query($asOf: Date) {
  node(id: "pemkot-cimahi") { ... on LocalGovernment {
    officials(asOf: $asOf) { edges {
      validFrom validFromPrecision validTo validToPrecision asOfPrecision node { id } } } } }
}
"""

TEAM = """
query($asOf: Date) {
  node(id: "tim-koordinasi-spbe-nasional") { ... on CoordinationTeam {
    members(asOf: $asOf) { edges {
      validFrom validFromPrecision validTo validToPrecision asOfPrecision node { id } } } } }
}
"""

PANRB = """
query($asOf: Date) {
  node(id: "kementerian-panrb") { ... on Ministry {
    officials(asOf: $asOf) { edges { asOfPrecision node { id } } } } }
}
"""

TIMELINE = """
query($id: ID!) { timeline(id: $id, first: 100) { edges { node {
  date precision endDate endPrecision other { id } relationship { type } } } } }
"""


def _edge(data: dict[str, Any], field: str, id_: str) -> dict[str, Any] | None:
    edges = data["node"][field]["edges"]
    return next((e for e in edges if e["node"]["id"] == id_), None)


def test_a_year_precise_position_is_stored_as_the_year(gql: GraphQLClient) -> None:
    edge = _edge(gql.data(CIMAHI_HEADS, {"asOf": None}), "officials", "dicky-saromi")
    assert edge == {
        "validFrom": "2024-01-01",
        "validFromPrecision": "YEAR",
        "validTo": "2024-12-31",
        "validToPrecision": "YEAR",
        "asOfPrecision": None,  # no asOf asked
        "node": {"id": "dicky-saromi"},
    }


@pytest.mark.parametrize("day", ["2024-01-01", "2024-05-27", "2024-12-31"])
def test_as_of_a_day_in_the_year_answers_known_only_to_the_year(
    gql: GraphQLClient, day: str
) -> None:
    edge = _edge(gql.data(CIMAHI_HEADS, {"asOf": day}), "officials", "dicky-saromi")
    assert edge is not None and edge["asOfPrecision"] == "YEAR"


def test_as_of_outside_the_year_leaves_the_position_out(gql: GraphQLClient) -> None:
    assert (
        _edge(gql.data(CIMAHI_HEADS, {"asOf": "2025-01-01"}), "officials", "dicky-saromi") is None
    )


def test_a_month_precise_membership(gql: GraphQLClient) -> None:
    edge = _edge(gql.data(TEAM, {"asOf": "2019-03-15"}), "members", "bppt")
    assert edge is not None
    assert (edge["validFrom"], edge["validFromPrecision"]) == ("2019-03-01", "MONTH")
    assert (edge["validTo"], edge["validToPrecision"]) == ("2019-03-31", "MONTH")
    assert edge["asOfPrecision"] == "MONTH"
    assert _edge(gql.data(TEAM, {"asOf": "2019-04-01"}), "members", "bppt") is None


def test_a_period_between_two_months_is_known_to_the_day_in_between(gql: GraphQLClient) -> None:
    """March 2023 to April 2025: inside either month only the month is known; between them,
    the deputy held the position on that very day."""
    for day, precision in [("2023-03-10", "MONTH"), ("2024-05-27", "DAY"), ("2025-04-30", "MONTH")]:
        edge = _edge(gql.data(PANRB, {"asOf": day}), "officials", "nanik-murwati")
        assert edge is not None and edge["asOfPrecision"] == precision, day


def test_the_loader_path_answers_the_same(gql: GraphQLClient) -> None:
    """An entity reached by search pages its relationships through the DataLoader."""
    data = gql.data(
        """{ search(query: "Dicky Saromi", kinds: [Official], first: 1) { edges { node {
             ... on Official { positions(asOf: "2024-05-27") { edges {
               validFromPrecision asOfPrecision node { id } } } } } } } }"""
    )
    edges = data["search"]["edges"][0]["node"]["positions"]["edges"]
    cimahi = next(e for e in edges if e["node"]["id"] == "pemkot-cimahi")
    assert (cimahi["validFromPrecision"], cimahi["asOfPrecision"]) == ("YEAR", "YEAR")


def test_the_timeline_writes_dates_at_their_precision(gql: GraphQLClient) -> None:
    items = [e["node"] for e in gql.data(TIMELINE, {"id": "dicky-saromi"})["timeline"]["edges"]]
    position = next(i for i in items if i["relationship"]["type"] == "HOLDS_POSITION")
    assert (position["date"], position["precision"], position["endDate"]) == ("2024", "YEAR", None)
    items = [e["node"] for e in gql.data(TIMELINE, {"id": "nanik-murwati"})["timeline"]["edges"]]
    deputy = next(i for i in items if i["relationship"]["type"] == "HOLDS_POSITION")
    assert (deputy["date"], deputy["precision"]) == ("2023-03", "MONTH")
    assert (deputy["endDate"], deputy["endPrecision"]) == ("2025-04", "MONTH")


def test_edges_filter_by_precision(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ node(id: "tim-koordinasi-spbe-nasional") { ... on CoordinationTeam {
             months: members(filter: {validFromPrecision: {equals: MONTH}}) { totalCount }
             years: members(filter: {validFromPrecision: {equals: YEAR}}) { totalCount }
             all: members { totalCount } } } }"""
    )["node"]
    assert data["months"]["totalCount"] >= 6 and data["years"]["totalCount"] >= 6
    assert data["months"]["totalCount"] + data["years"]["totalCount"] == data["all"]["totalCount"]
