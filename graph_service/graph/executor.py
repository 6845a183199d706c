"""Runs the service's Cypher in managed transactions and records each round trip.

Transaction functions consume their results and return plain dicts, so nothing lazy
escapes a transaction. Each `Graph` view may carry a `QueryLog`: the GraphQL layer gives
every request its own, which is how tests and the `extensions` report count round trips.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph_service.graph.errors import GraphError, GraphTimeout, GraphUnavailable
from graph_service.queries import CypherQuery

Row = dict[str, Any]
T = TypeVar("T")

_DEADLINE_SLACK_SECONDS = 1.0


def _timeout_message(timeout: float) -> str:
    return (
        f"the graph did not answer within {timeout:g} s (GRAPH_SERVICE_GRAPH_TIMEOUT): "
        "ask for less, e.g. fewer hops, smaller pages or a narrower search"
    )


@dataclass
class QueryRecord:
    name: str
    milliseconds: float
    rows: int


@dataclass
class QueryLog:
    """The Cypher round trips of one request."""

    records: list[QueryRecord] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def milliseconds(self) -> float:
        return sum(r.milliseconds for r in self.records)


def _check_written(query: CypherQuery, params: dict[str, Any], records: list[Any]) -> None:
    """A batch that reports `written` must have written every row; otherwise abort.

    Raised inside the transaction function, so the whole transaction rolls back: e.g. a
    relationship whose endpoint vanished after validation fails the load instead of being
    silently skipped.
    """
    if records and "written" in records[0].keys():  # noqa: SIM118 - a Record is a tuple
        expected = len(params.get("rows", ()))
        if records[0]["written"] != expected:
            raise GraphError(
                f"{query.name} wrote {records[0]['written']} of {expected} rows "
                "(an endpoint is missing); nothing was written"
            )


class Graph:
    """The shared driver, one database, a timeout, and optionally a request's query log."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str | None,
        timeout_seconds: float,
        log: QueryLog | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_seconds = timeout_seconds
        self.log = log

    def for_request(self, log: QueryLog) -> Graph:
        return Graph(self.driver, self.database, self.timeout_seconds, log)

    async def read(self, query: CypherQuery, **params: Any) -> list[Row]:
        return await self._run(query, params, write=False)

    async def write(self, query: CypherQuery, **params: Any) -> list[Row]:
        return await self._run(query, params, write=True)

    async def write_all(
        self,
        statements: Sequence[tuple[CypherQuery, dict[str, Any]]],
        on_statement: Callable[[int], object] | None = None,
        timeout_seconds: float | None = None,
    ) -> None:
        """Run several statements in one write transaction: all of them happen, or none.

        `on_statement` hears the row count of each statement as it completes (progress bars).
        """

        async def work(tx: AsyncManagedTransaction) -> None:
            for query, params in statements:
                result = await tx.run(query.text, params)
                records = [record async for record in result]
                _check_written(query, params, records)
                if on_statement is not None:
                    on_statement(len(params.get("rows", ())))

        started = time.perf_counter()
        await self._transact(work, write=True, timeout_seconds=timeout_seconds)
        self._record("+".join(sorted({q.name for q, _ in statements})) or "empty", started, 0)

    async def _run(self, query: CypherQuery, params: dict[str, Any], *, write: bool) -> list[Row]:
        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            result = await tx.run(query.text, params)
            return [record.data() async for record in result]

        started = time.perf_counter()
        rows = await self._transact(work, write=write)
        self._record(query.name, started, len(rows))
        return rows

    async def _transact(
        self,
        work: Callable[[AsyncManagedTransaction], Awaitable[T]],
        *,
        write: bool,
        timeout_seconds: float | None = None,
    ) -> T:
        timeout = timeout_seconds or self.timeout_seconds
        timed_work = neo4j.unit_of_work(timeout=timeout)(work)
        # The server's own timeout (Neo4j) should fire first and end the transaction
        # cleanly; the client-side deadline, a little later, covers servers that ignore
        # it (ArcadeDB) and retries of transient errors, without making the client wait
        # much past the configured timeout however small it is.
        deadline = timeout + min(_DEADLINE_SLACK_SECONDS, timeout / 10)
        try:
            async with self.driver.session(database=self.database) as session:
                execute = session.execute_write if write else session.execute_read
                return await asyncio.wait_for(execute(timed_work), timeout=deadline)
        except TimeoutError:
            raise GraphTimeout(_timeout_message(timeout)) from None
        except (ServiceUnavailable, SessionExpired) as error:
            raise GraphUnavailable(f"the graph is unavailable: {error}") from error
        except Neo4jError as error:
            if "Timeout" in (error.code or "") or "timeout" in (error.message or "").lower():
                raise GraphTimeout(_timeout_message(timeout)) from error
            raise GraphError(f"the graph rejected a query: {error.message}") from error
        except DriverError as error:
            raise GraphError(f"graph driver error: {error}") from error

    def _record(self, name: str, started: float, rows: int) -> None:
        if self.log is not None:
            elapsed = (time.perf_counter() - started) * 1000
            self.log.records.append(QueryRecord(name, round(elapsed, 3), rows))
