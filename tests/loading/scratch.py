"""Helpers for tests that load data: a second, empty embedded graph, exports, the CLI.

The session graph (tests/conftest.py) is seeded and shared; a test that needs an EMPTY graph
(round trips, large imports) starts its own with `scratch_graph`, in a tmp dir on free ports.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_service.embedded import EmbeddedGraphProcess, read_password
from graph_service.embedded.ports import free_ports
from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.executor import Graph
from graph_service.graph.schema_setup import ensure_schema
from graph_service.loading import export_graph
from graph_service.settings import EMBEDDED_DATABASE, EMBEDDED_USERNAME, Settings, load_settings


@dataclass
class ScratchGraph:
    """A running embedded graph of its own, and a `Graph` talking to it."""

    settings: Settings
    process: EmbeddedGraphProcess
    graph: Graph


def scratch_settings(data_dir: Path, **environ: str) -> Settings:
    """Settings for an embedded graph in `data_dir` on free ports (plus `environ`)."""
    bolt, http = free_ports(2)
    return load_settings(
        {
            "GRAPH_SERVICE_DATA_DIR": str(data_dir),
            "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt),
            "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http),
            **environ,
        }
    )


@contextlib.asynccontextmanager
async def scratch_graph(data_dir: Path) -> AsyncIterator[ScratchGraph]:
    """Start an empty embedded graph in `data_dir`; stop it on exit."""
    settings = scratch_settings(data_dir)
    with EmbeddedGraphProcess(settings) as process:
        connection = connection_for(settings)
        driver = open_driver(connection)
        try:
            graph = Graph(driver, connection.database, settings.graph_timeout_seconds)
            await ensure_schema(graph)
            yield ScratchGraph(settings, process, graph)
        finally:
            await driver.close()


async def export_lines(graph: Graph) -> list[str]:
    """The whole graph in the JSON Lines export format, one string a record."""
    out = io.StringIO()
    await export_graph(graph, out)
    return out.getvalue().splitlines()


def cli_environment(settings: Settings) -> dict[str, str]:
    """The environment that points `graph-service` at the embedded graph of `settings`, as a
    remote Neo4j would be configured (NEO4J_*), so the CLI starts no graph of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_SERVICE_"))}
    env.update(
        NEO4J_URI=f"bolt://127.0.0.1:{settings.embedded_bolt_port}",
        NEO4J_USERNAME=EMBEDDED_USERNAME,
        NEO4J_PASSWORD=read_password(settings.data_dir),
        NEO4J_DATABASE=EMBEDDED_DATABASE,
    )
    return env


def graph_service_command() -> list[str]:
    """The installed `graph-service` script beside this interpreter, or `python -m`."""
    script = Path(sys.executable).parent / "graph-service"
    return [str(script)] if script.exists() else [sys.executable, "-m", "graph_service"]


def run_cli(
    args: Sequence[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*graph_service_command(), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
