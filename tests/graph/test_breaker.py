"""The circuit breaker's states and the Bolt probe, on real sockets; and against an external
server (NEO4J_URI, no supervisor): the driver reconnects and readiness says what happened."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.embedded import EmbeddedGraphProcess
from graph_service.embedded.ports import free_ports
from graph_service.graph.breaker import BreakerState, CircuitBreaker, Problem
from graph_service.graph.errors import GraphUnavailable
from graph_service.graph.probe import BoltAddress, bolt_problem
from graph_service.settings import load_settings
from tests.faults import FAST_PROBES, PATIENCE, fault_settings, run_cypher, wait_until
from tests.loading.scratch import cli_environment


class Answers:
    """A probe whose answer the test sets."""

    def __init__(self) -> None:
        self.problem: Problem = None
        self.calls = 0

    async def __call__(self) -> Problem:
        self.calls += 1
        return self.problem


async def test_the_breaker_opens_fails_fast_half_opens_and_closes() -> None:
    check, confirm = Answers(), Answers()
    breaker = CircuitBreaker(check, confirm, interval=1.0)
    breaker.admit()  # closed: no error
    check.problem = "the graph at x:1 refuses connections: is it running?"
    await breaker.probe_once()
    assert breaker.state is BreakerState.CLOSED  # once may be a hiccup of a loaded machine
    await breaker.probe_once()
    assert breaker.state is BreakerState.OPEN
    with pytest.raises(GraphUnavailable, match="refuses connections") as refused:
        breaker.admit()
    assert refused.value.retry_after == 1
    check.problem = None
    confirm.problem = "the graph is unavailable: still starting"
    await breaker.probe_once()  # the handshake answers: half-open, and the real query fails
    assert breaker.state is BreakerState.OPEN
    assert breaker.reason == "the graph is unavailable: still starting"
    confirm.problem = None
    await breaker.probe_once()
    assert breaker.state is BreakerState.CLOSED
    breaker.admit()
    assert confirm.calls == 2  # a closed breaker does not confirm again
    await breaker.probe_once()
    assert confirm.calls == 2


async def test_the_probe_tells_refused_from_frozen_from_alive() -> None:
    (port,) = free_ports(1)
    refused = await bolt_problem(BoltAddress("127.0.0.1", port, None), 0.5)
    assert refused is not None and "refuses connections" in refused
    with socket.socket() as mute:  # accepts (the kernel does) but never answers: frozen
        mute.bind(("127.0.0.1", 0))
        mute.listen()
        address = BoltAddress("127.0.0.1", mute.getsockname()[1], None)
        started = time.monotonic()
        frozen = await bolt_problem(address, 0.3)
        assert frozen is not None and "did not answer the Bolt handshake within 0.3 s" in frozen
        assert time.monotonic() - started < 3.0  # its own timeout ended it, not a hang


def test_bolt_addresses_come_from_the_uri() -> None:
    assert str(BoltAddress.from_uri("neo4j+s://abc.databases.neo4j.io")) == (
        "abc.databases.neo4j.io:7687"
    )
    assert BoltAddress.from_uri("neo4j+s://abc.databases.neo4j.io").tls is not None
    assert BoltAddress.from_uri("bolt://127.0.0.1:7681").tls is None


def test_against_an_external_server_the_driver_reconnects(tmp_path: Path) -> None:
    """No supervisor: the server goes away and comes back by someone else's hand."""
    graph_settings = fault_settings(tmp_path)
    process = EmbeddedGraphProcess(graph_settings)
    process.start()
    try:
        run_cypher(process, "RETURN 1")  # a fresh server's first query is slow
        env = cli_environment(graph_settings)
        settings = load_settings({**env, **FAST_PROBES})
        with TestClient(create_app(settings)) as client:
            wait_until(
                lambda: client.get("/readyz").status_code, lambda s: s == 200, PATIENCE, "ready"
            )
            process.stop()
            # Not ready, saying why: the probe's words, or the driver's when a query found the
            # server gone first (a first 503 may say "busy" when a ping timed out meanwhile).
            wait_until(
                lambda: (lambda r: (r.status_code, r.json()))(client.get("/readyz")),
                lambda r: (
                    r[0] == 503
                    and any(
                        w in r[1]["reason"] for w in ("refuses connections", "Couldn't connect")
                    )
                ),
                PATIENCE,
                "not ready, saying the server is gone",
            )
            refused = client.post("/graphql", json={"query": "{ stats { totalEntities } }"})
            assert refused.status_code == 503
            assert refused.headers["Retry-After"] == "1"
            process.start()
            wait_until(
                lambda: client.get("/readyz").status_code, lambda s: s == 200, PATIENCE, "ready"
            )
            answer = client.post("/graphql", json={"query": "{ stats { totalEntities } }"})
            assert answer.status_code == 200, answer.text
    finally:
        process.stop()


async def test_a_query_failure_opens_the_breaker_only_when_a_probe_agrees() -> None:
    """A slow graph (tests/api/test_timeouts.py) or a dropped connection under load: the
    probe finds the server there, so the query's own error stands and the breaker stays
    closed; a failing probe opens it at once."""
    check = Answers()
    breaker = CircuitBreaker(check, Answers())
    assert await breaker.diagnose() is None
    assert breaker.state is BreakerState.CLOSED
    check.problem = "the graph at x:1 refuses connections: is it running?"
    assert await breaker.diagnose() == check.problem
    assert breaker.state is BreakerState.OPEN
