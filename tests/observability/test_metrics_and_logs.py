"""`/metrics` in Prometheus' format, and log lines an operator can use.

Counters are process-wide and other tests add to them, so each check compares a value
before and after the requests it makes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.graph.executor import Graph
from graph_service.observability.logs import RequestIdFilter, formatter
from graph_service.observability.metrics import MAX_OPERATION_NAMES, operation_label
from graph_service.settings import Settings

NAMED = "query MetricsProbe { localGovernments(first: 3) { edges { node { name } } } }"


def sample(client: TestClient, name: str, **labels: str) -> float:
    """The value of one sample of /metrics (0 when absent)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    for family in text_string_to_metric_families(response.text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


def test_requests_latency_and_graph_work_are_counted_per_operation(client: TestClient) -> None:
    requests = ("graph_service_requests_total", {"operation": "MetricsProbe", "status": "200"})
    before = sample(client, requests[0], **requests[1])
    statements_before = sample(
        client, "graph_service_cypher_statements_total", operation="MetricsProbe"
    )
    for _ in range(2):
        assert client.post("/graphql", json={"query": NAMED}).status_code == 200
    assert sample(client, requests[0], **requests[1]) == before + 2
    assert (
        sample(client, "graph_service_cypher_statements_total", operation="MetricsProbe")
        == statements_before + 2
    )
    assert sample(client, "graph_service_graph_seconds_total", operation="MetricsProbe") > 0
    assert (
        sample(
            client,
            "graph_service_request_duration_seconds_count",
            operation="MetricsProbe",
        )
        >= 2
    )
    assert sample(client, "graph_service_graph_up") == 1.0
    assert sample(client, "graph_service_graph_pool_size") >= 1


def test_refusals_are_counted_by_reason_and_code(client: TestClient, settings: Settings) -> None:
    costly = """{ localGovernments(first: 100) { edges { node {
      awardsReceived(first: 100) { edges { node { ... on AwardCategory {
        recipients(first: 100) { edges { node { id name } } } } } } } } } } }"""
    before = sample(client, "graph_service_refusals_total", reason="query_limit")
    response = client.post("/graphql", json={"query": costly})
    assert response.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED", response.text
    assert sample(client, "graph_service_refusals_total", reason="query_limit") == before + 1
    assert (
        sample(
            client,
            "graph_service_requests_total",
            operation="anonymous",
            code="LIMIT_EXCEEDED",
        )
        >= 1
    )
    limited = settings.model_copy(update={"rate_limit": 1})
    with TestClient(create_app(limited)) as strict:
        before = sample(strict, "graph_service_refusals_total", reason="rate_limit")
        strict.post("/graphql", json={"query": "{ __typename }"})
        assert strict.post("/graphql", json={"query": "{ __typename }"}).status_code == 429
        assert sample(strict, "graph_service_refusals_total", reason="rate_limit") == before + 1


def test_operation_names_from_clients_are_bounded() -> None:
    assert operation_label(None) == "anonymous"
    assert operation_label("x" * 80) == "other"
    assert operation_label("robert'); DROP") == "other"
    for n in range(MAX_OPERATION_NAMES + 5):
        operation_label(f"Op{n}")
    assert operation_label("NeverSeenBefore") == "other"
    assert operation_label("Op0") == "Op0"


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog


def test_the_access_line_names_request_operation_status_code_and_duration(
    client: TestClient, records: pytest.LogCaptureFixture
) -> None:
    client.post("/graphql", json={"query": NAMED}, headers={"X-Request-ID": "req-42"})
    (line,) = [
        r
        for r in records.records
        if r.name == "graph_service.access" and getattr(r, "request_id", None) == "req-42"
    ]
    assert line.levelno == logging.INFO
    assert (line.operation, line.status, line.code) == ("MetricsProbe", 200, None)  # type: ignore[attr-defined]
    assert line.duration_ms > 0 and line.cypher_statements == 1  # type: ignore[attr-defined]
    as_json = json.loads(formatter("json").format(line))
    assert as_json["request_id"] == "req-42" and as_json["level"] == "INFO"
    assert as_json["operation"] == "MetricsProbe" and as_json["status"] == 200
    assert "duration_ms" in as_json and "code" in as_json
    assert formatter("text").format(line).split(" ", 3)[2] == "INFO"


def test_every_line_of_a_request_carries_the_id_in_its_response_header(
    client: TestClient, records: pytest.LogCaptureFixture
) -> None:
    records.handler.addFilter(RequestIdFilter())  # as `configure_logging` sets it up
    response = client.post("/graphql", json={"query": "{ nope }"})  # no id given: a fresh one
    request_id = response.headers["x-request-id"]
    lines = [r for r in records.records if getattr(r, "request_id", None) == request_id]
    assert {r.name for r in lines} >= {"graph_service.access", "graph_service.errors"}
    assert [r for r in records.records if r.name == "graph_service.access"] == [
        r for r in lines if r.name == "graph_service.access"
    ]


@pytest.mark.parametrize(
    "document",
    [
        "{ nope }",  # validation
        "{ node(id: ",  # syntax
        "{ localGovernments(first: -1) { totalCount } }",  # bad argument
    ],
)
def test_client_mistakes_are_not_logged_as_server_errors(
    client: TestClient, records: pytest.LogCaptureFixture, document: str
) -> None:
    response = client.post("/graphql", json={"query": document})
    assert response.json()["errors"]
    assert [r for r in records.records if r.levelno >= logging.ERROR] == []
    assert not any(r.exc_info for r in records.records)


def test_a_graph_outage_is_a_warning_with_503_in_the_access_log(
    graph: Graph, settings: Settings, records: pytest.LogCaptureFixture
) -> None:
    patient = settings.model_copy(update={"graph_probe_interval_seconds": 600})  # no re-probe
    with TestClient(create_app(patient)) as fresh:
        fresh.app.state.graph.breaker.trip("the graph at test refuses connections")  # type: ignore[attr-defined]
        response = fresh.post("/graphql", json={"query": NAMED})
    assert response.status_code == 503
    (line,) = [
        r
        for r in records.records
        if r.name == "graph_service.access" and getattr(r, "path", "") == "/graphql"
    ]
    assert line.levelno == logging.WARNING
    assert (line.status, line.code) == (503, "GRAPH_UNAVAILABLE")  # type: ignore[attr-defined]
    # An outage is logged once, by the breaker (the trip above), not per request.
    assert [r.getMessage()[:80] for r in records.records if r.exc_info] == []
