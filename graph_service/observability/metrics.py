"""The service's Prometheus metrics, and the `/metrics` endpoint that exposes them.

Metrics live in prometheus-client's default registry, per process. With several workers set
`PROMETHEUS_MULTIPROC_DIR` (an empty directory, the same for all of them) and `/metrics`
aggregates every worker's values (prometheus-client's multiprocess mode).

Operation names come from clients, so they are bounded: a sane name is kept until
`MAX_OPERATION_NAMES` distinct ones were seen, then the rest count as "other".
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response

MAX_OPERATION_NAMES = 200
_SANE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_seen_operations: set[str] = set()

REQUESTS = Counter(
    "graph_service_requests",
    "HTTP requests by GraphQL operation, status and error code ('' when none)",
    ["operation", "status", "code"],
)
REQUEST_SECONDS = Histogram(
    "graph_service_request_duration_seconds",
    "Time to answer a request, by GraphQL operation",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
IN_FLIGHT = Gauge(
    "graph_service_requests_in_flight", "GraphQL requests being answered", multiprocess_mode="sum"
)
CYPHER_STATEMENTS = Counter(
    "graph_service_cypher_statements", "Cypher statements run, by GraphQL operation", ["operation"]
)
GRAPH_SECONDS = Counter(
    "graph_service_graph_seconds", "Seconds spent in the graph, by GraphQL operation", ["operation"]
)
GRAPH_SESSIONS = Gauge(
    "graph_service_graph_sessions_in_use",
    "Driver sessions open, each holding a pooled connection",
    multiprocess_mode="sum",
)
POOL_SIZE = Gauge(
    "graph_service_graph_pool_size", "Most connections the driver pools", multiprocess_mode="max"
)
REFUSALS = Counter(
    "graph_service_refusals",
    "Requests refused before or instead of doing the work, by reason",
    ["reason"],
)
RATE_LIMIT_STORAGE_ERRORS = Counter(
    "graph_service_rate_limit_storage_errors",
    "Requests admitted without a rate limit because its shared storage (Redis) failed",
)
GRAPH_UP = Gauge(
    "graph_service_graph_up",
    "1 while the graph answers (circuit breaker closed), else 0",
    multiprocess_mode="min",
)
GRAPH_RESTARTS = Counter(
    "graph_service_embedded_graph_restarts", "Restarts of the embedded graph by its supervisor"
)

# What each refusal is called, by error code (or HTTP status when there is no code).
REFUSAL_REASONS = {
    "RATE_LIMITED": "rate_limit",
    "LIMIT_EXCEEDED": "query_limit",
    "OVERLOADED": "overload",
    "GRAPH_BUSY": "pool_exhausted",
    "GRAPH_UNAVAILABLE": "graph_unavailable",
    "429": "rate_limit",
    "413": "body_size",
}


def operation_label(name: str | None) -> str:
    """A bounded label for a client's operation name."""
    if not name:
        return "anonymous"
    if name in _seen_operations:
        return name
    if not _SANE_NAME.fullmatch(name) or len(_seen_operations) >= MAX_OPERATION_NAMES:
        return "other"
    _seen_operations.add(name)
    return name


def record_request(
    operation: str, status: int, code: str, seconds: float, statements: int, graph_seconds: float
) -> None:
    requests, duration, cypher, graph = _children(operation, status, code)
    requests.inc()
    duration.observe(seconds)
    if statements:
        cypher.inc(statements)
        graph.inc(graph_seconds)
    reason = REFUSAL_REASONS.get(code) or REFUSAL_REASONS.get(str(status))
    if reason is not None:
        REFUSALS.labels(reason).inc()


@lru_cache(maxsize=4096)  # operations are bounded (MAX_OPERATION_NAMES), so are codes
def _children(operation: str, status: int, code: str) -> tuple[Any, Any, Any, Any]:
    """The labelled metrics of one kind of request, looked up once (`labels()` takes a
    lock and checks its labels on every call: four of them an access line)."""
    return (
        REQUESTS.labels(operation, str(status), code),
        REQUEST_SECONDS.labels(operation),
        CYPHER_STATEMENTS.labels(operation),
        GRAPH_SECONDS.labels(operation),
    )


async def metrics_endpoint(request: Request) -> Response:
    """Every metric in Prometheus' text format (all workers' in multiprocess mode)."""
    breaker = getattr(request.app.state, "breaker", None)
    if breaker is not None:  # this worker's own view, whatever another app set last
        GRAPH_UP.set(1 if breaker.state.name == "CLOSED" else 0)
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
