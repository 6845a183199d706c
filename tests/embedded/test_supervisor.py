"""The embedded graph killed or frozen under a running service: noticed, reported, recovered.

One supervised graph of its own for the module (a start costs seconds); the tests run in
order: a freeze (SIGSTOP, then SIGCONT), then a kill (SIGKILL), each followed by recovery
without restarting the service.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.embedded.supervisor import GraphSupervisor
from graph_service.settings import Settings
from tests.faults import (
    PATIENCE,
    fault_settings,
    reaped,
    run_cypher,
    supervised_graph,
    wait_until,
)

STATS = {"query": "{ stats { totalEntities } }"}


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return fault_settings(tmp_path_factory.mktemp("supervised"))


@pytest.fixture(scope="module")
def service(settings: Settings) -> Iterator[tuple[TestClient, GraphSupervisor]]:
    # A first restart wait of 2 s keeps the graph down long enough for a probe to see why.
    with supervised_graph(settings, first_wait=2.0) as supervisor:
        run_cypher(supervisor.process, "CREATE (:Probe {id: 'kept'})")
        with TestClient(create_app(settings, supervisor)) as client:
            yield client, supervisor


def readiness(client: TestClient) -> tuple[int, str]:
    response = client.get("/readyz")
    return response.status_code, response.json().get("reason", "")


def assert_fails_fast_with_503(client: TestClient, settings: Settings) -> None:
    """GRAPH_UNAVAILABLE from the open breaker, not after waiting for the read timeout.

    Well under a second here when the machine is idle; the bound, a quarter of the read
    timeout the request must not wait for, leaves room for a machine loaded by other work.
    """
    started = time.monotonic()
    response = client.post("/graphql", json=STATS)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPH_UNAVAILABLE"
    assert elapsed < settings.graph_timeout_seconds / 4, elapsed


def assert_serves_with_data(client: TestClient, supervisor: GraphSupervisor) -> None:
    assert client.post("/graphql", json=STATS).status_code == 200
    assert run_cypher(supervisor.process, "MATCH (p:Probe) RETURN p.id AS id") == [{"id": "kept"}]


def test_a_frozen_graph_is_reported_and_serves_again_once_continued(
    service: tuple[TestClient, GraphSupervisor], settings: Settings
) -> None:
    client, supervisor = service
    assert readiness(client) == (200, "")
    pid = supervisor.process.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        (status, reason), took = wait_until(
            lambda: readiness(client), lambda r: r[0] == 503, PATIENCE, "not ready"
        )
        assert "stopped by a signal" in reason and str(pid) in reason
        assert "ask for less" not in reason
        assert client.get("/healthz").status_code == 200
        assert_fails_fast_with_503(client, settings)
    finally:
        os.kill(pid, signal.SIGCONT)
    wait_until(lambda: readiness(client), lambda r: r[0] == 200, PATIENCE, "ready again")
    assert supervisor.process.pid == pid  # continued, not replaced
    assert supervisor.restarts == 0
    assert_serves_with_data(client, supervisor)


def test_a_killed_graph_is_reaped_reported_and_restarted_with_its_data(
    service: tuple[TestClient, GraphSupervisor],
) -> None:
    client, supervisor = service
    pid = supervisor.process.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    # The first 503 may still carry an earlier probe's reason ("busy"); within seconds the
    # reason must say what happened.
    (status, reason), took = wait_until(
        lambda: readiness(client),
        lambda r: r[0] == 503 and ("killed by SIGKILL" in r[1] or "restarting" in r[1]),
        PATIENCE,
        "not ready, saying the graph was killed",
    )
    wait_until(lambda: reaped(pid), bool, PATIENCE, "the dead child reaped")
    assert client.get("/healthz").status_code == 200
    wait_until(lambda: readiness(client), lambda r: r[0] == 200, PATIENCE, "ready again")
    assert supervisor.process.pid != pid
    assert supervisor.restarts == 1
    assert_serves_with_data(client, supervisor)
    metrics = client.get("/metrics").text
    assert "graph_service_graph_up 1.0" in metrics


def test_a_graph_that_cannot_start_again_is_retried_with_growing_waits(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A crash loop: the port is taken by someone else, so each restart fails at once."""
    import socket

    caplog.set_level(logging.ERROR, logger="graph_service.embedded.supervisor")
    settings = fault_settings(tmp_path)
    with supervised_graph(settings) as supervisor:
        pid = supervisor.process.pid
        assert pid is not None
        with socket.socket() as squatter:
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            os.kill(pid, signal.SIGKILL)
            # The port is free the moment the child dies, long before its restart (after a
            # wait, and a Python start) could take it again: take it at once.
            taken = time.monotonic() + PATIENCE
            while not _bind(squatter, settings.embedded_bolt_port):
                assert time.monotonic() < taken, "the port was never free"
                time.sleep(0.001)
            squatter.listen()
            wait_until(lambda: reaped(pid), bool, PATIENCE, "the dead child reaped")
            status, _ = wait_until(
                lambda: supervisor.status,
                lambda s: s.restarts >= 3,
                PATIENCE,
                "three failed restarts",
            )
            assert not status.up
            assert "could not be restarted" in (status.reason or "")
            assert "GRAPH_SERVICE_EMBEDDED_BOLT_PORT" in (status.reason or "")
    waits = [
        float(m.group(1))
        for r in caplog.records
        if (m := re.search(r"; restart \d+ in ([0-9.]+) s", r.getMessage()))
    ]
    assert waits[:3] == [0.2, 0.4, 0.8]
    assert any("killed by SIGKILL" in r.getMessage() for r in caplog.records)


def _bind(sock: object, port: int) -> bool:
    import socket

    assert isinstance(sock, socket.socket)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        return False
    return True
