"""Which documents the fast path takes on, decided from the document alone (no graph)."""

from __future__ import annotations

import pytest
from graphql import parse

from benchmarks.workloads import (
    CREATE,
    DEEP_PAGE,
    FILTER,
    NEIGHBOURHOOD,
    NESTED_LIST,
    POINT_LOOKUP,
    SEARCH,
    SHORTEST_PATH,
)
from graph_service.api.fast_reads.eligible import served_operation
from graph_service.api.schema import build_schema


def _served(document: str, operation: str | None = None) -> bool:
    schema = build_schema()._schema
    return served_operation(schema, parse(document), operation) is not None


@pytest.mark.parametrize(
    "document", [POINT_LOOKUP, NESTED_LIST, FILTER, DEEP_PAGE, NEIGHBOURHOOD, SHORTEST_PATH]
)
def test_the_benchmark_reads_are_served(document: str) -> None:
    assert _served(document)


@pytest.mark.parametrize("document", [SEARCH, CREATE])
def test_other_benchmark_requests_are_left_to_execution(document: str) -> None:
    assert not _served(document)


@pytest.mark.parametrize(
    "document",
    [
        '{ node(id: "x") { id @deprecated } }',  # a directive other than skip/include
        '{ node(id: "x") { ... @defer { id } } }',
        '{ node(id: "x") { id } __schema { types { name } } }',
        '{ node(id: "x") { ... on Award { acceptedBy { edges { onBehalfOf { id } } } } } }',
        '{ neighborhood(id: "x") { edges { sources { id } } } }',
        '{ shortestPath(from: "x", to: "y") { edges { ... on AcceptedAwardRelationship {'
        " onBehalfOf { id } } } } }",
        '{ paths(from: "x", to: "y") { length } }',
        "subscription { graphChanged { mutation } }",
    ],
)
def test_anything_else_is_left_to_execution(document: str) -> None:
    assert not _served(document)


def test_the_operation_named_is_the_one_judged() -> None:
    document = 'query A { node(id: "x") { id } } query B { search(query: "x") { totalCount } }'
    assert _served(document, "A")
    assert not _served(document, "B")


def test_fragments_are_followed() -> None:
    served = """query { localGovernments(first: 2) { ...Page } }
      fragment Page on LocalGovernmentConnection { totalCount edges { cursor node { ...G } } }
      fragment G on LocalGovernment { name level awardsReceived { edges { rank ...A } } }
      fragment A on ReceivedAwardEdge { year node { id } }"""
    assert _served(served)
    linked = served.replace(
        "node { id } }",
        "node { id ... on Official { awardsAccepted { edges { onBehalfOf { id } } } } } }",
    )
    assert not _served(linked)  # an entity link, even under a fragment that may not apply
