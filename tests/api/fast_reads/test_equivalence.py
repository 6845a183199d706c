"""The fast path answers exactly as GraphQL execution does, and is taken where it should be.

Every query of the corpus goes to two apps on the same seeded graph, one with the fast path
(the default) and one without (GRAPH_SERVICE_FAST_READS=false), and the JSON bodies must be
equal: data, errors (messages, locations, paths, codes), status and round trips.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph_service.api.fast_reads.program import Fallback
from graph_service.api.fast_reads.shape import Shaper
from tests.api.fast_reads.corpus import FAST, SLOW, Case
from tests.conftest import GraphQLClient


def _without_timings(body: dict[str, Any]) -> dict[str, Any]:
    graph = (body.get("extensions") or {}).get("graph")
    if graph is not None:
        graph["milliseconds"] = None
        for query in graph["queries"]:
            query["milliseconds"] = None
        # Root fields run concurrently on both paths: they finish in either order.
        graph["queries"].sort(key=lambda q: (q["name"], q["rows"]))
    return body


@pytest.mark.parametrize("case", FAST, ids=lambda c: c[0])
def test_the_fast_path_answers_as_graphql_execution_does(
    gql: GraphQLClient, slow: GraphQLClient, served: list[bool], case: Case
) -> None:
    _, document, variables = case
    fast_body = _without_timings(gql.post(document, variables, trace=True))
    assert served == [True]
    slow_body = _without_timings(slow.post(document, variables, trace=True))
    assert served == [True]  # the other app never tried
    assert fast_body == slow_body
    assert fast_body["extensions"]["graph"]["queryCount"] >= 1 or "errors" in fast_body


@pytest.mark.parametrize("case", SLOW, ids=lambda c: c[0])
def test_other_documents_are_left_to_graphql_execution(
    gql: GraphQLClient, slow: GraphQLClient, served: list[bool], case: Case
) -> None:
    _, document, variables = case
    fast_body = _without_timings(gql.post(document, variables, trace=True))
    assert True not in served
    assert fast_body == _without_timings(slow.post(document, variables, trace=True))


def test_a_cost_refusal_comes_before_the_fast_path(gql: GraphQLClient, served: list[bool]) -> None:
    body = gql.post(
        """{ localGovernments(first: 100) { edges { node {
             awardsReceived(first: 100) { edges { node { ... on AwardCategory {
               award(first: 100) { edges { node { name } } } } } } } } } } }"""
    )
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert served == []


def test_rows_the_fast_path_cannot_shape_are_answered_by_execution(
    gql: GraphQLClient, slow: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> Any:
        raise Fallback("as if a non-null field had no value")

    monkeypatch.setattr(Shaper, "entity", refuse)
    document = '{ node(id: "pemkot-cimahi") { id ... on Entity { name } } }'
    body = gql.post(document, trace=True)
    assert body["data"] == slow.data(document)
    # The fast path's statement, then execution's own: the price of falling back.
    assert body["extensions"]["graph"]["queryCount"] == 2
