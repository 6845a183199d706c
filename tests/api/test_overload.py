"""Overload is shed at once with 503 and Retry-After, and the service recovers when it drops.

The in-flight bound is checked around a stand-in app whose requests the test holds open
(nothing of the graph is involved there); the pool bound with the real graph: an open
transaction holds the only connection, and the next query is refused after the short wait.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from graph_service.api.app import create_app
from graph_service.api.middleware import InFlightLimitMiddleware
from graph_service.graph.executor import Graph
from graph_service.settings import Settings


class HeldApp:
    """Answers 200 once the test lets it; counts how many requests reached it."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.reached = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.reached += 1
        await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


async def test_requests_beyond_the_bound_get_503_at_once_and_it_recovers() -> None:
    held = HeldApp()
    app = InFlightLimitMiddleware(held, limit=2)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        first = asyncio.create_task(client.post("/graphql", json={}))
        second = asyncio.create_task(client.post("/graphql", json={}))
        while app.in_flight < 2:
            await asyncio.sleep(0.01)
        started = time.monotonic()
        refused = await client.post("/graphql", json={})
        assert time.monotonic() - started < 0.5
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "1"
        assert refused.json()["errors"][0]["extensions"]["code"] == "OVERLOADED"
        assert held.reached == 2  # the refused one never reached the app
        probe = asyncio.create_task(client.get("/readyz"))  # probes are never refused
        while held.reached < 3:
            await asyncio.sleep(0.01)
        held.release.set()
        assert [r.status_code for r in await asyncio.gather(first, second, probe)] == [200] * 3
        assert (await client.post("/graphql", json={})).status_code == 200
        assert app.in_flight == 0


@pytest.fixture(scope="module")
def one_connection(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    tight = settings.model_copy(update={"pool_size": 1, "pool_acquire_timeout_seconds": 0.2})
    with TestClient(create_app(tight)) as client:
        yield client


def test_a_query_that_finds_no_free_connection_gets_503_soon(one_connection: TestClient) -> None:
    graph: Graph = one_connection.app.state.graph  # type: ignore[attr-defined]
    portal = one_connection.portal
    assert portal is not None

    async def hold_the_only_connection() -> tuple[Any, Any]:
        session = graph.driver.session(database=graph.database)
        return session, await session.begin_transaction()

    session, transaction = portal.call(hold_the_only_connection)
    try:
        started = time.monotonic()
        response = one_connection.post("/graphql", json={"query": "{ stats { totalEntities } }"})
        waited = time.monotonic() - started
    finally:
        portal.call(transaction.close)
        portal.call(session.close)
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"]
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPH_BUSY"
    assert waited < 5.0  # the pool's short wait, not the graph timeout
    after = one_connection.post("/graphql", json={"query": "{ stats { totalEntities } }"})
    assert after.status_code == 200
