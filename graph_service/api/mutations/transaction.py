"""One write transaction per mutation: its reads, checks, writes and audit entry together.

A mutation reads the state it checks inside the transaction that writes, so nothing can
slip in between the check and the write; raising `Abort` rolls everything back and
answers the client with the result it carries.

Transient conflicts (a deadlock, an optimistic commit that lost) are retried by the driver.
A unique key taken meanwhile, or an entity deleted meanwhile, is not transient to the
driver, but running the mutation again reads the graph with the other write in it and
answers what it then finds (a `Conflict`, a `NotFound`), so it is retried here too.

What the mutation noted as written (`subscriptions.touched`) is published to live
subscribers once the transaction has committed, never before and never for a rolled-back
or retried attempt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graph_service.api.context import Context
from graph_service.api.subscriptions import changes
from graph_service.graph.errors import GraphConflict
from graph_service.graph.executor import Transaction

T = TypeVar("T")

ATTEMPTS = 3


class Abort(Exception):
    """Roll the transaction back and answer with `result`."""

    def __init__(self, result: Any) -> None:
        super().__init__("mutation aborted")
        self.result = result


async def in_write_transaction(
    context: Context, mutation: str, work: Callable[[Transaction], Awaitable[T]]
) -> T:
    """`work`'s result, committed; or the result of the `Abort` it raised, rolled back."""
    notes = changes.Notes()

    async def noted(tx: Transaction) -> T:
        notes.clear()  # a retried attempt starts over
        return await work(tx)

    token = changes.recording(notes)
    try:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                result = await context.graph.transact(noted, write=True)
                break
            except Abort as abort:
                aborted: T = abort.result
                return aborted
            except GraphConflict:
                if attempt == ATTEMPTS:
                    raise
        else:
            raise AssertionError("unreachable")
    finally:
        changes.stop_recording(token)
    if notes and context.changes is not None:
        context.changes.publish(
            changes.GraphChange(
                mutation=mutation,
                at=dt.datetime.now(dt.UTC),
                entities=tuple(notes.entities),
                relationships=tuple(notes.relationships),
            )
        )
    return result
