"""The graph as the web service holds it: driver, circuit breaker, and the breaker's watch.

Opened in the app's lifespan, one per worker. The breaker's probe asks the supervisor
first when this process runs the embedded graph (it knows whether the child died, is
frozen or restarting, and says so), then the server itself with a Bolt handshake.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable
from typing import TYPE_CHECKING

from graph_service.graph.breaker import BreakerState, CircuitBreaker, Problem
from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.errors import GraphError, GraphTimeout
from graph_service.graph.executor import Graph
from graph_service.graph.probe import BoltAddress, bolt_problem
from graph_service.observability.metrics import GRAPH_UP, POOL_SIZE
from graph_service.queries import query
from graph_service.settings import Settings

if TYPE_CHECKING:
    from graph_service.embedded.supervisor import GraphSupervisor

logger = logging.getLogger(__name__)

HANDSHAKE_TIMEOUT_SECONDS = 2.0
CONFIRM_TIMEOUT_SECONDS = 2.0
# Closing must not hold the shutdown up: requests have drained by then, and the process
# ends anyway. (A close was seen to hang for a minute after heavy write contention.)
CLOSE_TIMEOUT_SECONDS = 5.0


@contextlib.asynccontextmanager
async def open_service_graph(
    settings: Settings, supervisor: GraphSupervisor | None = None
) -> AsyncIterator[Graph]:
    connection = connection_for(settings)
    driver = open_driver(connection, settings)
    address = BoltAddress.from_uri(connection.uri)

    async def check() -> Problem:
        if supervisor is not None and not supervisor.status.up:
            return supervisor.status.reason
        return await bolt_problem(address, HANDSHAKE_TIMEOUT_SECONDS)

    async def confirm() -> Problem:
        try:
            await Graph(driver, connection.database, CONFIRM_TIMEOUT_SECONDS).read(query("ping"))
        except GraphTimeout:  # its own message would tell a client to ask for less
            return (
                f"the graph at {address} answers the Bolt handshake but not a ping within "
                f"{CONFIRM_TIMEOUT_SECONDS:g} s: it is still starting or overwhelmed"
            )
        except GraphError as error:
            return str(error)
        return None

    def on_change(state: BreakerState) -> None:
        GRAPH_UP.set(1 if state is BreakerState.CLOSED else 0)

    breaker = CircuitBreaker(
        check, confirm, interval=settings.graph_probe_interval_seconds, on_change=on_change
    )
    watch: asyncio.Task[None] | None = None
    try:
        await driver.verify_connectivity()
        # A fresh server's first query is slow (ArcadeDB readies its Cypher engine): pay for
        # it here, within the graph timeout, rather than in the first readiness probe.
        with contextlib.suppress(GraphTimeout):
            await Graph(driver, connection.database, settings.graph_timeout_seconds).read(
                query("ping")
            )
        GRAPH_UP.set(1)
        POOL_SIZE.set(settings.pool_size)
        watch = asyncio.create_task(breaker.watch(), name="graph-breaker-watch")
        yield Graph(
            driver,
            connection.database,
            settings.graph_timeout_seconds,
            breaker=breaker,
            retry_seconds=settings.graph_retry_seconds,
        )
    finally:
        if watch is not None:
            watch.cancel()
            await _within(watch, CLOSE_TIMEOUT_SECONDS, "the circuit breaker's watch")
        await _within(driver.close(), CLOSE_TIMEOUT_SECONDS, "closing the graph driver")


async def _within(work: Awaitable[object], seconds: float, what: str) -> None:
    """Await `work` for at most `seconds`, then leave it (logged): unlike `wait_for`, this
    does not wait for a cancelled task that will not end."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if not done:
        logger.warning("%s did not end within %g s; left behind", what, seconds)
        return
    with contextlib.suppress(asyncio.CancelledError):
        task.result()
