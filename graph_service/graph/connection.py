"""Where the graph is and how to log in: a real Neo4j from NEO4J_*, or the embedded one."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncGraphDatabase

from graph_service.settings import EMBEDDED_USERNAME, Settings


@dataclass(frozen=True)
class GraphConnection:
    uri: str
    auth: tuple[str, str] | None
    database: str | None


def connection_for(settings: Settings) -> GraphConnection:
    if settings.neo4j_uri is not None:
        password = settings.neo4j_password
        auth = (settings.neo4j_username, password.get_secret_value()) if password else None
        return GraphConnection(settings.neo4j_uri, auth, settings.database)
    from graph_service.embedded.credentials import read_or_create_password

    return GraphConnection(
        f"bolt://127.0.0.1:{settings.embedded_bolt_port}",
        (EMBEDDED_USERNAME, read_or_create_password(settings.data_dir)),
        settings.database,
    )


# Managed transactions retry transient errors (a deadlock on Neo4j, a commit that lost to a
# concurrent one on ArcadeDB's optimistic transactions). The driver waits 1 s before the
# first retry; a lost race between two small writes is over in milliseconds.
INITIAL_RETRY_DELAY_SECONDS = 0.02


def open_driver(connection: GraphConnection, settings: Settings | None = None) -> AsyncDriver:
    """The driver; the service's (with `settings`) waits briefly for a pooled connection and
    retries a lost one only briefly: its circuit breaker and clients' retries do the rest."""
    if settings is None:
        return AsyncGraphDatabase.driver(
            connection.uri,
            auth=connection.auth,
            max_connection_pool_size=50,
            connection_acquisition_timeout=10.0,
            initial_retry_delay=INITIAL_RETRY_DELAY_SECONDS,
        )
    return AsyncGraphDatabase.driver(
        connection.uri,
        auth=connection.auth,
        max_connection_pool_size=settings.pool_size,
        connection_acquisition_timeout=settings.pool_acquire_timeout_seconds,
        max_transaction_retry_time=settings.graph_retry_seconds,
        initial_retry_delay=INITIAL_RETRY_DELAY_SECONDS,
    )
