"""The direct entry: a document the fast path served before skips `schema.execute`, and
answers exactly as the normal way does (body, status, headers, round trips, access log).

Each case is sent twice to the app with the fast path: the first request goes through the
extensions (which admit the document), the second through the direct entry; both must
answer as the app without the fast path does.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.fast_reads.program import Fallback
from graph_service.api.fast_reads.shape import Shaper
from graph_service.api.graphql_view import GraphQLView
from tests.api.fast_reads.conftest import Runs
from tests.api.fast_reads.corpus import FAST, SLOW, Case
from tests.api.fast_reads.test_equivalence import _without_timings
from tests.conftest import GraphQLClient

_VARYING_HEADERS = {"x-request-id", "date", "content-length"}  # the last: timings


def _answer(http: TestClient, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = http.post(
        "/graphql",
        json={"query": document, "variables": variables},
        headers={"X-Graph-Trace": "1", "Origin": "http://localhost:5173"},
    )
    headers = {k: v for k, v in response.headers.items() if k not in _VARYING_HEADERS}
    return {
        "status": response.status_code,
        "headers": headers,
        "body": _without_timings(response.json()),
    }


@pytest.mark.parametrize("case", FAST, ids=lambda c: c[0])
def test_the_direct_entry_answers_as_the_normal_way(
    gql: GraphQLClient, slow: GraphQLClient, runs: Runs, case: Case
) -> None:
    _, document, variables = case
    first = _answer(gql.http, document, variables)
    second = _answer(gql.http, document, variables)
    assert runs.entries[-1] == "direct"
    assert runs.answered == [True] * len(runs.answered)
    assert len(runs.entries) <= 2  # the fast path ran once per request, never twice
    assert first == second == _answer(slow.http, document, variables)


@pytest.mark.parametrize("case", SLOW, ids=lambda c: c[0])
def test_other_documents_are_never_answered_by_the_direct_entry(
    gql: GraphQLClient, slow: GraphQLClient, runs: Runs, case: Case
) -> None:
    _, document, variables = case
    for _ in range(2):
        assert _answer(gql.http, document, variables) == _answer(slow.http, document, variables)
    assert True not in runs.answered
    assert len(runs.entries) <= 2  # a bad variable: the fast path declines, once per request


PAGE = """query Page($n: Int) { localGovernments(first: $n) { edges { node {
  ... on LocalGovernment { awardsReceived(first: 100) { edges { node {
    ... on AwardCategory { award(first: 100) { edges { node { name } } } } } } } } } } } }"""


def test_the_cost_of_these_variables_is_checked_first(gql: GraphQLClient, runs: Runs) -> None:
    assert "errors" not in gql.post(PAGE, {"n": 1})
    body = gql.post(PAGE, {"n": 100})
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert runs.entries == ["extension"]  # nothing reached the graph for the second


def test_bad_variable_strings_are_refused_as_the_normal_way_does(
    gql: GraphQLClient, slow: GraphQLClient, runs: Runs
) -> None:
    document = "query BadStrings($id: ID!) { node(id: $id) { id } }"
    assert gql.data(document, {"id": "pemkot-cimahi"})["node"] == {"id": "pemkot-cimahi"}
    deep: Any = "x"
    for _ in range(70):
        deep = [deep]
    for bad in ("x" * 100_000, deep):
        body = gql.post(document, {"id": bad})
        assert body == slow.post(document, {"id": bad})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert runs.entries == ["extension"]


def test_rows_it_cannot_shape_run_the_statement_once_more_not_twice(
    gql: GraphQLClient, slow: GraphQLClient, runs: Runs, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = 'query Unshaped { node(id: "dga-2024") { id ... on Entity { name } } }'
    gql.post(document)  # admitted

    def refuse(*args: Any) -> Any:
        raise Fallback("as if a non-null field had no value")

    monkeypatch.setattr(Shaper, "entity", refuse)
    body = gql.post(document, trace=True)
    assert runs.entries == ["extension", "direct"] and runs.answered == [True, False]
    assert body["data"] == slow.data(document)
    assert body["extensions"]["graph"]["queryCount"] == 2  # the fast path's, execution's


def test_a_direct_answer_has_its_access_line(
    gql: GraphQLClient, runs: Runs, caplog: pytest.LogCaptureFixture
) -> None:
    document = 'query Probe { node(id: "pemkot-cimahi") { id } }'
    gql.post(document)
    caplog.set_level(logging.INFO, "graph_service.access")
    gql.http.post("/graphql", json={"query": document}, headers={"X-Request-ID": "direct-1"})
    assert runs.entries == ["extension", "direct"]
    (line,) = [r for r in caplog.records if getattr(r, "request_id", None) == "direct-1"]
    assert (line.operation, line.status, line.cypher_statements) == ("Probe", 200, 1)  # type: ignore[attr-defined]


def test_a_get_takes_the_direct_entry_with_its_caching_headers(
    gql: GraphQLClient, runs: Runs
) -> None:
    query = {"query": 'query Cached { node(id: "pemkot-cimahi") { id } }'}
    first, second = (gql.http.get("/graphql", params=query) for _ in range(2))
    assert runs.entries == ["extension", "direct"]
    assert second.status_code == first.status_code == 200
    assert second.json() == first.json()
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == first.headers["cache-control"]
    again = gql.http.get("/graphql", params=query, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_a_plain_post_skips_strawberrys_request_handling(
    gql: GraphQLClient, runs: Runs, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = 'query Lean { node(id: "pemkot-cimahi") { id } }'
    parsed: list[object] = []
    parse = GraphQLView.parse_http_body

    async def counting(self: GraphQLView, request: Any) -> Any:
        parsed.append(request)
        return await parse(self, request)

    monkeypatch.setattr(GraphQLView, "parse_http_body", counting)
    assert gql.data(document) == gql.data(document)
    assert runs.entries == ["extension", "direct"] and len(parsed) == 1


@pytest.mark.parametrize("name", [{"a": 1}, ["a"], 7])
def test_a_bad_operation_name_is_refused_as_the_normal_way_does(
    gql: GraphQLClient, slow: GraphQLClient, name: object
) -> None:
    document = 'query Named { node(id: "pemkot-cimahi") { id } }'
    gql.data(document)  # admitted
    body = {"query": document, "operationName": name}
    headers = {"Accept": "application/graphql-response+json"}
    fast, normal = (c.http.post("/graphql", json=body, headers=headers) for c in (gql, slow))
    assert (fast.status_code, fast.json()) == (normal.status_code, normal.json())
    assert fast.status_code == 400
