"""Shared fixtures: one real embedded Bolt server for the whole run, seeded once.

Nothing here mocks the database. Tests that write use their own keys and leave the seeded
graph as they found it, so tests can run in any order against the one server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.embedded import EmbeddedGraphProcess
from graph_service.embedded.ports import free_ports
from graph_service.graph.executor import Graph
from graph_service.graph.session import open_graph
from graph_service.loading import load_dataset, packaged_seed_files, read_seed_files
from graph_service.settings import Settings, load_settings


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    bolt, http = free_ports(2)
    return load_settings(
        {
            "GRAPH_SERVICE_DATA_DIR": str(tmp_path_factory.mktemp("graph")),
            "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt),
            "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http),
            # The whole suite shares one client; the rate limit has its own tests.
            "GRAPH_SERVICE_RATE_LIMIT": "0",
        }
    )


@pytest.fixture(scope="session")
def embedded_graph(settings: Settings) -> Iterator[EmbeddedGraphProcess]:
    with EmbeddedGraphProcess(settings) as process:
        yield process


@pytest.fixture(scope="session")
async def graph(embedded_graph: EmbeddedGraphProcess, settings: Settings) -> AsyncIterator[Graph]:
    """A graph seeded from seed/, for tests that talk Cypher through the service's executor."""
    async with open_graph(settings) as graph:  # the embedded graph is already running
        # Setup, not the subject of a test: a busy machine must not time it out.
        await load_dataset(graph, read_seed_files(packaged_seed_files()), timeout_seconds=120)
        yield graph


@pytest.fixture(scope="session")
def client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The whole app over HTTP (lifespan included), against the seeded graph."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


class GraphQLClient:
    def __init__(self, http: TestClient) -> None:
        self.http = http

    def post(
        self, query: str, variables: dict[str, Any] | None = None, *, trace: bool = False
    ) -> dict[str, Any]:
        headers = {"X-Graph-Trace": "1"} if trace else {}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        body["status"] = response.status_code
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a query that must succeed."""
        body = self.post(query, variables)
        assert "errors" not in body, body.get("errors")
        data: dict[str, Any] = body["data"]
        return data

    def error(self, query: str, variables: dict[str, Any] | None = None) -> str:
        """The first error message of a query that must fail."""
        body = self.post(query, variables)
        assert body.get("errors"), f"expected an error, got {body}"
        return str(body["errors"][0]["message"])


@pytest.fixture(scope="session")
def gql(client: TestClient) -> GraphQLClient:
    return GraphQLClient(client)


@pytest.fixture
def seed_dir() -> Path:
    return Path(str(packaged_seed_files()[0].parent))
