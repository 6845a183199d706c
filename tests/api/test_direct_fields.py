"""Simple computed fields bypass Strawberry's per-field wrapper and answer the same."""

from __future__ import annotations

from graph_service.api.schema import build_schema
from tests.conftest import GraphQLClient

STRAWBERRY_WRAPPER = "GraphQLCoreConverter.from_resolver"


def test_only_fields_of_their_object_alone_are_called_directly() -> None:
    fields = build_schema()._schema.type_map["LocalGovernment"].fields
    direct = {name for name, f in fields.items() if STRAWBERRY_WRAPPER not in str(f.resolve)}
    assert {"name", "aliases", "kind", "verified", "level"} <= direct
    # arguments, `info` or async: Strawberry's resolver stays
    assert not {"awardsReceived", "sources"} & direct


def test_direct_fields_answer_as_before(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ node(id: "pemkot-cimahi") { ... on LocalGovernment { name kind verified level
        awardsReceived(first: 1) { edges { rank year verified relationshipId } } } } }"""
    )["node"]
    assert (data["name"], data["kind"], data["verified"], data["level"]) == (
        "Pemerintah Kota Cimahi",
        "LocalGovernment",
        True,
        "CITY",
    )
    edge = data["awardsReceived"]["edges"][0]
    assert (edge["rank"], edge["year"]) == (5, 2024)
    assert edge["relationshipId"]
