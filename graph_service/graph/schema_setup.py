"""Idempotent schema setup: the uniqueness constraint and indexes every lookup relies on.

Run by every `graph-service` command that opens the graph (`graph.session.open_graph`) and
by `serve` before it takes requests (`ensure_schema_at_start`): a graph imported by older
code, or written around the service, gets the indexes its reads need. When everything
exists it costs a few hundred milliseconds; an index that is missing is built over the
nodes already in the graph, on ArcadeDB before the statement returns (seconds per 100,000
nodes, logged as it goes), on Neo4j in the background.
"""

from __future__ import annotations

import asyncio
import logging
import time

from neo4j.exceptions import DriverError, Neo4jError

from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.errors import GraphError
from graph_service.graph.executor import Graph
from graph_service.ontology import ENTITY_KINDS, INDEXES, IndexDeclaration
from graph_service.queries import CypherQuery, query, render, render_index
from graph_service.settings import Settings

logger = logging.getLogger(__name__)

# On ArcadeDB an index over a million nodes takes seconds to build, all of them minutes:
# setup has an import's patience, not a request's timeout.
SETUP_TIMEOUT_SECONDS = 3600.0
SLOW_STATEMENT_SECONDS = 2.0  # a statement that took longer (it built something) is logged
PROGRESS_INTERVAL_SECONDS = 15.0

SETUP_QUERIES = (
    "setup_entity_id_constraint",
    "setup_entity_name_index",
    "setup_audit_entry_at_index",
    # Lookup nodes (ontology.SEARCH_TERM_LABEL, CITATION_LABEL): search by term prefix,
    # `supportedBy` by source, and their upkeep by the entity or relationship they describe;
    # near matches by a term's length and two of its three parts (text_search.near_keys).
    "setup_search_term_index",
    "setup_search_term_entity_index",
    "setup_search_term_near_12_index",
    "setup_search_term_near_13_index",
    "setup_search_term_near_23_index",
    "setup_citation_source_index",
    "setup_citation_key_index",
    "setup_citation_lock_constraint",  # api.mutations.citation_locks
)


async def ensure_schema_at_start(settings: Settings) -> None:
    """Schema setup before `serve` takes requests. A refusal (e.g. a Neo4j user without
    the right to create indexes) is logged and the graph served as it is; a graph that
    does not answer is left to the app's start, which reports it."""
    connection = connection_for(settings)
    driver = open_driver(connection)
    started = time.monotonic()
    try:
        await driver.verify_connectivity()
        await ensure_schema(Graph(driver, connection.database, SETUP_TIMEOUT_SECONDS))
    except (GraphError, DriverError, Neo4jError, OSError) as error:
        logger.error(
            "schema setup failed (reads may not be served by their indexes until it runs): %s",
            error,
        )
        return
    finally:
        await driver.close()
    logger.info("schema set up in %.2f s", time.monotonic() - started)


async def ensure_schema(graph: Graph) -> None:
    for name in SETUP_QUERIES:
        await _write(graph, query(name))
    arcadedb = await _is_arcadedb(graph)
    if arcadedb:
        for kind in ENTITY_KINDS:
            await _write(graph, render("setup_kind_type", kind=kind))
    for index in INDEXES:  # declared in the ontology: what the read path filters and sorts
        if not index.then_id:
            await _write(graph, render_index("setup_kind_property_index", index))
            continue
        await _write(graph, render_index("setup_kind_ordered_index", index))
        if arcadedb:
            await _order_on_arcadedb(graph, index)
        else:  # Neo4j uses a composite index only with a predicate on each of its keys
            await _write(
                graph,
                render_index(
                    "setup_kind_property_index", index, index_name=index.superseded_name()
                ),
            )


async def _write(graph: Graph, statement: CypherQuery) -> None:
    """Run one setup statement; one that builds an index over a big graph says so while
    it runs and when it is done."""
    started = time.monotonic()
    work = asyncio.ensure_future(graph.write(statement))
    try:
        while not (await asyncio.wait({work}, timeout=PROGRESS_INTERVAL_SECONDS))[0]:
            logger.info(
                "schema setup: %s still running after %.0f s (building it over the nodes "
                "already in the graph)",
                statement.name,
                time.monotonic() - started,
            )
    finally:
        work.cancel()  # a no-op once done; else setup itself was cancelled
    work.result()
    elapsed = time.monotonic() - started
    if elapsed > SLOW_STATEMENT_SECONDS:
        logger.info("schema setup: %s took %.1f s", statement.name, elapsed)


async def _order_on_arcadedb(graph: Graph, index: IndexDeclaration) -> None:
    """ArcadeDB reads a (name, id) index in order, and stops at a page's LIMIT, only when
    its schema declares the keys' types and no single-property index on the name competes
    (its planner would take that one and sort); Neo4j needs neither, and its Community
    Edition refuses property type constraints."""
    superseded = index.superseded_name()
    assert superseded is not None
    await _write(graph, render_index("drop_superseded_index", index, index_name=superseded))
    for prop in index.key_properties():  # agency_name_type, agency_name_id_type
        named = f"{superseded if prop == index.property else index.index_name()}_type"
        await _write(
            graph, render_index("setup_kind_string_type", index, index_name=named, property_=prop)
        )


async def _is_arcadedb(graph: Graph) -> bool:
    info = await graph.driver.get_server_info()
    return "arcadedb" in (info.agent or "").lower()
