"""Reads that run past GRAPH_SERVICE_GRAPH_TIMEOUT end promptly with a clear error.

ArcadeDB ignores the transaction timeout the driver sends (Neo4j enforces it), so these
tests exercise the client-side deadline, which holds on both servers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.graph.errors import GraphTimeout
from graph_service.graph.executor import Graph
from graph_service.queries import CypherQuery
from graph_service.settings import Settings
from tests.conftest import GraphQLClient

TINY = 0.001
# About a second of work on the embedded server, whatever the data.
SLOW = CypherQuery(
    "test_slow_read", "UNWIND range(1, 3000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n"
)
PATHS = """{ paths(from: "kementerian-panrb", to: "pemkot-cimahi", maxHops: 4, first: 20) {
  length } }"""


@pytest.fixture(scope="module")
def impatient(graph: Graph, settings: Settings) -> Iterator[GraphQLClient]:
    tiny = settings.model_copy(update={"graph_timeout_seconds": TINY})
    with TestClient(create_app(tiny)) as http:
        yield GraphQLClient(http)


async def test_a_slow_read_raises_a_timeout_soon_after_the_limit(graph: Graph) -> None:
    impatient = Graph(graph.driver, graph.database, 0.2)
    started = time.perf_counter()
    with pytest.raises(GraphTimeout, match=r"the graph did not answer within 0\.2 s"):
        await impatient.read(SLOW)
    assert time.perf_counter() - started < 1.0
    assert await impatient.read(CypherQuery("test_ping", "RETURN 1 AS one")) == [{"one": 1}]


def test_a_query_past_the_timeout_gets_a_clear_graphql_error_promptly(
    impatient: GraphQLClient,
) -> None:
    started = time.perf_counter()
    body = impatient.post(PATHS)
    elapsed = time.perf_counter() - started
    assert body["data"] is None or body["data"].get("paths") is None
    message = body["errors"][0]["message"]
    assert "the graph did not answer within 0.001 s" in message
    assert "GRAPH_SERVICE_GRAPH_TIMEOUT" in message
    assert body["errors"][0]["path"] == ["paths"]
    assert elapsed < 2.0


def test_the_same_query_answers_under_the_default_timeout(gql: GraphQLClient) -> None:
    assert len(gql.data(PATHS)["paths"]) == 20


def test_the_service_still_answers_after_a_timeout(impatient: GraphQLClient) -> None:
    impatient.post(PATHS)
    health = impatient.http.get("/healthz")
    assert health.status_code == 200


def test_a_timeout_is_not_masked_in_production_and_carries_a_code(
    graph: Graph, settings: Settings
) -> None:
    production = settings.model_copy(update={"graph_timeout_seconds": TINY, "mode": "production"})
    with TestClient(create_app(production)) as http:
        error = GraphQLClient(http).post(PATHS)["errors"][0]
    assert "the graph did not answer within 0.001 s" in error["message"]
    assert error["extensions"]["code"] == "GRAPH_TIMEOUT"
