"""Liveness and readiness: /healthz says the process is alive, /readyz whether the graph answers."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.health import READY_TIMEOUT_SECONDS
from graph_service.embedded import EmbeddedGraphProcess
from tests.loading.scratch import scratch_settings


def test_healthz_is_200(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_readyz_is_200_while_the_graph_answers(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_readyz_is_503_once_the_graph_stops_answering(tmp_path: Path) -> None:
    """An app whose graph goes away (killed: its Bolt port closes); the app stays alive.

    Killed rather than stopped: a clean stop waits for the app's open Bolt connections.
    """
    settings = scratch_settings(tmp_path / "graph")
    process = EmbeddedGraphProcess(settings)
    process.start()
    try:
        with TestClient(create_app(settings)) as app_client:
            ready = app_client.get("/readyz")
            assert ready.status_code == 200, ready.text
            assert process.pid is not None
            os.kill(process.pid, signal.SIGKILL)
            process.stop()
            started = time.monotonic()
            response = app_client.get("/readyz")
            waited = time.monotonic() - started
            assert response.status_code == 503
            assert response.json()["status"] == "unavailable"
            assert "graph" in response.json()["reason"]
            assert app_client.get("/healthz").status_code == 200
            # A probe's patience, not the (10 s) graph timeout with the driver's retries.
            assert waited < READY_TIMEOUT_SECONDS + 2
    finally:
        process.stop()
