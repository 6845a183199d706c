"""Helpers for tests that inject faults: a supervised graph of their own, and patience.

Such tests never touch the session's shared graph (tests/conftest.py): each runs its own
embedded graph in its own data dir, on its own ports.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from neo4j import GraphDatabase

from graph_service.embedded import EmbeddedGraphProcess
from graph_service.embedded.supervisor import Backoff, GraphSupervisor
from graph_service.settings import Settings
from tests.loading.scratch import scratch_settings

T = TypeVar("T")

# Probes often, restarts soon: faults show within a fraction of a second.
FAST_PROBES = {"GRAPH_SERVICE_GRAPH_PROBE_INTERVAL": "0.2", "GRAPH_SERVICE_RATE_LIMIT": "0"}
# How long a test waits for what a fault must lead to. Idle, it comes within seconds; the
# deadline is generous because CI machines are loaded, and waiting costs nothing when
# it comes sooner (`wait_until` returns at once).
PATIENCE = 60.0


def wait_until(
    probe: Callable[[], T], accept: Callable[[T], bool], timeout: float, what: str
) -> tuple[T, float]:
    """Call `probe` until `accept` likes its value; that value and the seconds it took."""
    started = time.monotonic()
    while True:
        value = probe()
        if accept(value):
            return value, time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what} not seen within {timeout} s; last: {value!r}")
        time.sleep(0.05)


def fault_settings(tmp_path: Path, **environ: str) -> Settings:
    return scratch_settings(tmp_path / "graph", **{**FAST_PROBES, **environ})


@contextlib.contextmanager
def supervised_graph(settings: Settings, *, first_wait: float = 0.2) -> Iterator[GraphSupervisor]:
    supervisor = GraphSupervisor(EmbeddedGraphProcess(settings), Backoff(initial=first_wait))
    supervisor.start()
    try:
        yield supervisor
    finally:
        supervisor.stop()


def run_cypher(process: EmbeddedGraphProcess, text: str, **params: object) -> list[dict]:
    with GraphDatabase.driver(process.bolt_uri, auth=process.auth) as driver:
        records, _, _ = driver.execute_query(text, params, database_=process.database)
    return [record.data() for record in records]


def reaped(pid: int) -> bool:
    """True once `pid` is gone; a dead child nobody has waited for stays as a zombie."""
    return not Path(f"/proc/{pid}").exists()
