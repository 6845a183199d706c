"""One write transaction per mutation: its reads, checks, writes and audit entry together.

A mutation reads the state it checks inside the transaction that writes, so nothing can
slip in between the check and the write; raising `Abort` rolls everything back and
answers the client with the result it carries.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from graph_service.graph.executor import Graph, QueryLog, QueryRecord
from graph_service.queries import CypherQuery

Row = dict[str, Any]
T = TypeVar("T")


class Abort(Exception):
    """Roll the transaction back and answer with `result`."""

    def __init__(self, result: Any) -> None:
        super().__init__("mutation aborted")
        self.result = result


class WriteTransaction:
    """Runs statements inside one open transaction and logs each round trip."""

    def __init__(self, tx: AsyncManagedTransaction, log: QueryLog | None) -> None:
        self._tx = tx
        self._log = log

    async def run(self, query: CypherQuery, **params: Any) -> list[Row]:
        started = time.perf_counter()
        result = await self._tx.run(query.text, params)
        rows = [record.data() async for record in result]
        if self._log is not None:
            elapsed = round((time.perf_counter() - started) * 1000, 3)
            self._log.records.append(QueryRecord(query.name, elapsed, len(rows)))
        return rows


async def in_write_transaction(graph: Graph, work: Callable[[WriteTransaction], Awaitable[T]]) -> T:
    """`work`'s result, committed; or the result of the `Abort` it raised, rolled back."""

    async def unit(tx: AsyncManagedTransaction) -> T:
        return await work(WriteTransaction(tx, graph.log))

    try:
        # The executor's transaction runner, so driver errors map to the service's own kinds.
        return await graph._transact(unit, write=True)
    except Abort as abort:
        result: T = abort.result
        return result
