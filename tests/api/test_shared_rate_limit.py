"""The rate limit shared through Redis by several workers, against a real `redis-server`.

Two app instances stand for two uvicorn workers: each has its own limiter and its own
Redis connection, as a worker process does, and they count one client together. With the
default `memory://` each counts alone. The tests start Debian's `redis-server` on a free
port; without it they are skipped, except in CI (`.ci/run` installs it), where they fail.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.embedded.ports import free_ports
from graph_service.graph.executor import Graph
from graph_service.settings import Settings
from tests.observability.test_metrics_and_logs import sample

QUERY = {"query": "{ __typename }"}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail(
                "CI must run the shared rate-limit tests: redis-server is missing "
                "(.ci/run installs it)"
            )
        pytest.skip("no redis-server: `apt-get install redis-server` to test the shared limit")
    (port,) = free_ports(1)
    workdir: Path = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_pong(port, process)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def _wait_for_pong(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, "redis-server exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"redis-server did not answer within {timeout} s"
        time.sleep(0.05)


def workers(settings: Settings, storage: str, address: str) -> list[TestClient]:
    """Two app instances, as two workers, with a limit of 3 a minute; one client address."""
    limited = settings.model_copy(update={"rate_limit": 3, "rate_limit_storage": storage})
    return [TestClient(create_app(limited), client=(address, 50000)) for _ in range(2)]


def alternate(clients: list[TestClient], requests: int) -> list[int]:
    return [clients[n % 2].post("/graphql", json=QUERY).status_code for n in range(requests)]


def test_workers_sharing_redis_count_a_client_together(
    graph: Graph, settings: Settings, redis_url: str
) -> None:
    one, two = workers(settings, redis_url, "198.51.100.1")
    with one, two:
        before = sample(one, "graph_service_refusals_total", reason="rate_limit")
        assert alternate([one, two], 6) == [200, 200, 200, 429, 429, 429]
        refusal = two.post("/graphql", json=QUERY)
        assert refusal.status_code == 429
        assert 1 <= int(refusal.headers["Retry-After"]) <= 60
        assert refusal.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert sample(one, "graph_service_refusals_total", reason="rate_limit") == before + 4


def test_workers_counting_in_memory_each_allow_the_limit(graph: Graph, settings: Settings) -> None:
    one, two = workers(settings, "memory://", "198.51.100.3")
    with one, two:
        assert alternate([one, two], 8) == [200] * 6 + [429] * 2


def test_a_failing_redis_admits_requests_and_says_so(
    graph: Graph, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    (nobody,) = free_ports(1)  # nothing listens here: Redis is down
    one, _ = workers(settings, f"redis://127.0.0.1:{nobody}", "198.51.100.4")
    caplog.set_level(logging.WARNING, logger="graph_service.api.limits.rate")
    with one:
        before = sample(one, "graph_service_rate_limit_storage_errors_total")
        assert [one.post("/graphql", json=QUERY).status_code for _ in range(5)] == [200] * 5
        assert sample(one, "graph_service_rate_limit_storage_errors_total") == before + 5
    warnings = [r.getMessage() for r in caplog.records if "rate limit's storage" in r.getMessage()]
    assert len(warnings) == 1 and "admitted" in warnings[0], warnings
