"""Runs the service's Cypher in managed transactions and records each round trip.

Transaction functions consume their results and return plain dicts, so nothing lazy
escapes a transaction. Each `Graph` view may carry a `QueryLog`: the GraphQL layer gives
every request its own, which is how tests and the `extensions` report count round trips.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph_service.graph.breaker import CircuitBreaker
from graph_service.graph.connection import INITIAL_RETRY_DELAY_SECONDS
from graph_service.graph.errors import (
    GraphBusy,
    GraphCommitUnknown,
    GraphConflict,
    GraphDriverError,
    GraphError,
    GraphTimeout,
    GraphUnavailable,
)
from graph_service.observability.metrics import GRAPH_SESSIONS
from graph_service.operations_settings import OperationsSettings
from graph_service.queries import CypherQuery

Row = dict[str, Any]
T = TypeVar("T")

_DEADLINE_SLACK_SECONDS = 1.0
DEFAULT_RETRY_SECONDS: float = OperationsSettings.model_fields["graph_retry_seconds"].default
# Neo4j's codes (ArcadeDB's Bolt server sends the first for a duplicated unique key too).
_CONFLICT_CODES = (
    "Neo.ClientError.Schema.ConstraintValidationFailed",
    "Neo.ClientError.Statement.EntityNotFound",
    # A lost race the driver's own retries did not get past (concurrent creates into one
    # ArcadeDB page collide often): the mutation layer runs the whole write again.
    "Neo.TransientError.Transaction.DeadlockDetected",
)


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


async def _values(result: neo4j.AsyncResult) -> list[Row]:
    keys = result.keys()
    return [dict(zip(keys, record.values(), strict=True)) async for record in result]


async def _retried(attempt: Callable[[], Awaitable[T]], retry_seconds: float) -> T:
    """`attempt()`, run again after a retryable failure as the driver's managed
    transactions are (delays from INITIAL_RETRY_DELAY_SECONDS, doubling, with jitter),
    until `retry_seconds` have passed since the first failure. Only for reads: an
    auto-commit write that failed may have committed."""
    delay = INITIAL_RETRY_DELAY_SECONDS
    first_failure: float | None = None
    while True:
        try:
            return await attempt()
        except (DriverError, Neo4jError) as error:
            if not error.is_retryable():
                raise
            now = time.monotonic()
            first_failure = now if first_failure is None else first_failure
            if now - first_failure > retry_seconds:
                raise
        await asyncio.sleep(delay * random.uniform(0.8, 1.2))
        delay *= 2


def _check_written(query: CypherQuery, params: dict[str, Any], rows: list[Row]) -> None:
    """A batch that reports `written` must have written every row; otherwise abort.

    Raised inside the transaction function, so the whole transaction rolls back: e.g. a
    relationship whose endpoint vanished after validation (deleted by a concurrent commit)
    fails the load instead of being silently skipped.
    """
    if rows and "written" in rows[0]:
        expected = len(params.get("rows", ()))
        if rows[0]["written"] != expected:
            raise GraphConflict(
                f"{query.name} wrote {rows[0]['written']} of {expected} rows "
                "(an endpoint is missing); nothing was written"
            )


class Transaction:
    """An open transaction: what runs in it commits or rolls back together.

    Each statement is one round trip, recorded in the request's log.
    """

    def __init__(self, tx: AsyncManagedTransaction, log: QueryLog | None) -> None:
        self._tx = tx
        self._log = log

    async def run(self, query: CypherQuery, **params: Any) -> list[Row]:
        started = time.perf_counter()
        try:
            result = await self._tx.run(query.text, params)
            rows = [record.data() async for record in result]
        except Neo4jError as error:
            error.add_note(f"in the query {query.name}")  # for the log, never the client
            raise
        _check_written(query, params, rows)
        if self._log is not None:
            elapsed = round((time.perf_counter() - started) * 1000, 3)
            self._log.records.append(QueryRecord(query.name, elapsed, len(rows)))
        return rows

    async def run_all(self, statements: Sequence[tuple[CypherQuery, dict[str, Any]]]) -> None:
        for query, params in statements:
            await self.run(query, **params)


class Graph:
    """The shared driver, one database, a timeout, and optionally a request's query log and
    the circuit breaker that fails queries fast while the graph is gone."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str | None,
        timeout_seconds: float,
        log: QueryLog | None = None,
        breaker: CircuitBreaker | None = None,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_seconds = timeout_seconds
        self.log = log
        self.breaker = breaker
        self.retry_seconds = retry_seconds

    def for_request(self, log: QueryLog) -> Graph:
        return Graph(
            self.driver, self.database, self.timeout_seconds, log, self.breaker, self.retry_seconds
        )

    async def read(self, query: CypherQuery, **params: Any) -> list[Row]:
        return await self.transact(lambda tx: tx.run(query, **params), write=False)

    async def read_values(self, query: CypherQuery, params: dict[str, Any]) -> list[Row]:
        """One read statement that returns only values (maps, lists, scalars; no nodes,
        relationships or paths), run as an auto-commit transaction of a read session: RUN
        and PULL travel in one send and the server commits on its own, where a managed
        transaction adds BEGIN and a COMMIT round trip (a third of the driver's CPU of a
        point lookup). A read is safe to send again, so a retryable failure (a lost
        connection, a transient error) is retried as the driver retries managed
        transactions, within `retry_seconds`. Rows are taken as the driver hands them
        over, without `Record.data()`'s recursive copy (a quarter of a 100-row nested
        list's CPU)."""
        timeout = self.timeout_seconds
        log = self.log
        statement = neo4j.Query(query.text, timeout=timeout)

        async def attempt() -> list[Row]:
            async with self.driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS,
                bookmark_manager=None,
            ) as session:
                return await _values(await session.run(statement, params))

        async def call() -> list[Row]:
            started = time.perf_counter()
            try:
                rows = await _retried(attempt, self.retry_seconds)
            except Neo4jError as error:
                error.add_note(f"in the query {query.name}")  # for the log, never the client
                raise
            if log is not None:
                elapsed = round((time.perf_counter() - started) * 1000, 3)
                log.records.append(QueryRecord(query.name, elapsed, len(rows)))
            return rows

        return await self._guarded(call, timeout)

    async def write(self, query: CypherQuery, **params: Any) -> list[Row]:
        return await self.transact(lambda tx: tx.run(query, **params), write=True)

    async def write_all(
        self,
        statements: Sequence[tuple[CypherQuery, dict[str, Any]]],
        on_statement: Callable[[int], object] | None = None,
        timeout_seconds: float | None = None,
    ) -> None:
        """Run several statements in one write transaction: all of them happen, or none.

        `on_statement` hears the row count of each statement as it completes (progress bars).
        """

        async def work(tx: Transaction) -> None:
            for query, params in statements:
                await tx.run(query, **params)
                if on_statement is not None:
                    on_statement(len(params.get("rows", ())))

        await self.transact(work, write=True, timeout_seconds=timeout_seconds)

    async def transact(
        self,
        work: Callable[[Transaction], Awaitable[T]],
        *,
        write: bool,
        timeout_seconds: float | None = None,
    ) -> T:
        """`work`'s result, run in one managed transaction (read or write) and committed;
        anything `work` raises rolls the transaction back and propagates."""

        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(Transaction(tx, self.log))

        return await self._transact(unit, write=write, timeout_seconds=timeout_seconds)

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

        async def call() -> T:
            async with self.driver.session(database=self.database) as session:
                execute = session.execute_write if write else session.execute_read
                return await execute(timed_work)

        return await self._guarded(call, timeout)

    async def _guarded(self, call: Callable[[], Awaitable[T]], timeout: float) -> T:
        """`call()` under the breaker, within the deadline, with driver errors mapped to
        the service's own."""
        deadline = timeout + min(_DEADLINE_SLACK_SECONDS, timeout / 10)
        breaker = self.breaker
        if breaker is not None:
            breaker.admit()
        try:
            with GRAPH_SESSIONS.track_inprogress():
                async with asyncio.timeout(deadline):
                    return await call()
        except TimeoutError:
            # Slow, or gone? A frozen server looks slow from here; a probe tells them apart.
            if breaker is not None and (problem := await breaker.diagnose()) is not None:
                raise GraphUnavailable(
                    f"the graph is unavailable: {problem}", retry_after=breaker.retry_after
                ) from None
            raise GraphTimeout(_timeout_message(timeout)) from None
        except ConnectionAcquisitionTimeoutError as error:
            raise GraphBusy(f"no graph connection was free in time: {error}") from error
        except IncompleteCommit as error:
            raise GraphCommitUnknown(
                f"the graph went away while a write committed: {error}"
            ) from error
        except (ServiceUnavailable, SessionExpired) as error:
            # After the driver's own retries. Open the breaker only if a probe agrees: a
            # connection dropped under load is not an outage.
            retry_after = 1
            if breaker is not None and await breaker.diagnose() is not None:
                retry_after = breaker.retry_after
            raise GraphUnavailable(
                f"the graph is unavailable: {error}", retry_after=retry_after
            ) from error
        except Neo4jError as error:
            if error.code in _CONFLICT_CODES:
                raise GraphConflict(f"a concurrent write conflicted: {error.message}") from error
            if "Timeout" in (error.code or "") or "timeout" in (error.message or "").lower():
                raise GraphTimeout(_timeout_message(timeout)) from error
            raise GraphError(f"the graph rejected a query: {error.message}") from error
        except DriverError as error:
            raise GraphDriverError(f"graph driver error: {error}") from error
