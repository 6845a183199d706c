"""One write transaction per mutation: its reads, checks, writes and audit entry together.

A mutation reads the state it checks inside the transaction that writes, so nothing can
slip in between the check and the write; raising `Abort` rolls everything back and
answers the client with the result it carries.

Transient conflicts (a deadlock, an optimistic commit that lost) are retried by the driver.
A unique key taken meanwhile, or an entity deleted meanwhile, is not transient to the
driver, but running the mutation again reads the graph with the other write in it and
answers what it then finds (a `Conflict`, a `NotFound`), so it is retried here too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graph_service.graph.errors import GraphConflict
from graph_service.graph.executor import Graph, Transaction

T = TypeVar("T")

ATTEMPTS = 3


class Abort(Exception):
    """Roll the transaction back and answer with `result`."""

    def __init__(self, result: Any) -> None:
        super().__init__("mutation aborted")
        self.result = result


async def in_write_transaction(graph: Graph, work: Callable[[Transaction], Awaitable[T]]) -> T:
    """`work`'s result, committed; or the result of the `Abort` it raised, rolled back."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await graph.transact(work, write=True)
        except Abort as abort:
            result: T = abort.result
            return result
        except GraphConflict:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")
