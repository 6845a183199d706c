"""A graph for command-line work: the configured Neo4j, or the embedded one, started if needed."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from neo4j.exceptions import DriverError, Neo4jError

from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.executor import Graph
from graph_service.graph.schema_setup import ensure_schema
from graph_service.loading.bulk import wait_until_bulk_idle
from graph_service.loading.staging import discard_abandoned_loads
from graph_service.settings import Settings


async def _answers(settings: Settings) -> bool:
    driver = open_driver(connection_for(settings))
    try:
        await driver.verify_connectivity()
        return True
    except (DriverError, Neo4jError, OSError):
        return False
    finally:
        await driver.close()


@contextlib.asynccontextmanager
async def open_graph(settings: Settings) -> AsyncIterator[Graph]:
    """Yield a ready graph with its schema set up; an embedded graph that is not already
    running (e.g. under `graph-service serve`) is started for the duration and stopped after."""
    process = None
    if settings.embedded and not await _answers(settings):
        from graph_service.embedded import EmbeddedGraphProcess

        process = EmbeddedGraphProcess(settings)
        await asyncio.to_thread(process.start)
    try:
        connection = connection_for(settings)
        driver = open_driver(connection)
        try:
            await driver.verify_connectivity()
            graph = Graph(driver, connection.database, settings.graph_timeout_seconds)
            await ensure_schema(graph)
            # A staged import killed before it could take itself back (loading.staging);
            # the embedded graph first stops writing a bulk load whose importer is gone.
            await wait_until_bulk_idle(settings.data_dir if settings.embedded else None)
            await discard_abandoned_loads(graph)
            yield graph
        finally:
            await driver.close()
    finally:
        if process is not None:
            await asyncio.to_thread(process.stop)
