"""OpenTelemetry traces when GRAPH_SERVICE_OTEL is on (runs where the packages install)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.graph.executor import Graph
from graph_service.settings import Settings

sdk_trace = pytest.importorskip("opentelemetry.sdk.trace")
pytest.importorskip("opentelemetry.instrumentation.starlette")


def test_a_request_makes_an_http_span_around_the_graphql_operation(
    graph: Graph, settings: Settings
) -> None:
    from opentelemetry import trace
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = sdk_trace.TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    traced = settings.model_copy(update={"otel": True})
    with TestClient(create_app(traced)) as client:
        query = "query Traced { localGovernments(first: 1) { totalCount } }"
        assert client.post("/graphql", json={"query": query}).status_code == 200
    spans = {span.name: span for span in exporter.get_finished_spans()}
    assert "GraphQL Query: Traced" in spans
    http = next(s for name, s in spans.items() if name.startswith("POST /graphql"))
    operation = spans["GraphQL Query: Traced"]
    assert operation.context.trace_id == http.context.trace_id
    assert "GraphQL Query: Traced" not in {
        s.name for s in exporter.get_finished_spans() if s.context.trace_id != http.context.trace_id
    }


def test_tracing_is_off_by_default(settings: Settings) -> None:
    assert settings.otel is False
