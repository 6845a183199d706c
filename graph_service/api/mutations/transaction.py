"""One write transaction per mutation: its reads, checks, writes and audit entry together.

A mutation reads the state it checks inside the transaction that writes, so nothing can
slip in between the check and the write; raising `Abort` rolls everything back and
answers the client with the result it carries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graph_service.graph.executor import Graph, Transaction

T = TypeVar("T")


class Abort(Exception):
    """Roll the transaction back and answer with `result`."""

    def __init__(self, result: Any) -> None:
        super().__init__("mutation aborted")
        self.result = result


async def in_write_transaction(graph: Graph, work: Callable[[Transaction], Awaitable[T]]) -> T:
    """`work`'s result, committed; or the result of the `Abort` it raised, rolled back."""
    try:
        return await graph.transact(work, write=True)
    except Abort as abort:
        result: T = abort.result
        return result
