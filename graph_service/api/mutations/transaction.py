"""One write transaction per mutation: its reads, checks, writes and audit entry together.

A mutation reads the state it checks inside the transaction that writes, so nothing can
slip in between the check and the write; raising `Abort` rolls everything back and
answers the client with the result it carries.

Transient conflicts (a deadlock, an optimistic commit that lost) are retried by the driver.
A unique key taken meanwhile, or an entity deleted meanwhile, is not transient to the
driver, but running the mutation again reads the graph with the other write in it and
answers what it then finds (a `Conflict`, a `NotFound`), so it is retried here too.

A commit whose answer was lost with the graph's connection may have happened: the
mutation then waits for the graph to answer again and looks for the audit entry it wrote
(`count_audit_entry`); found, it answers what it would have answered.

What the mutation noted as written (`subscriptions.touched`) is published to live
subscribers once the transaction has committed, never before and never for a rolled-back
or retried attempt.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graph_service.api.context import Context
from graph_service.api.subscriptions import changes
from graph_service.graph.errors import GraphCommitUnknown, GraphConflict, GraphError
from graph_service.graph.executor import Transaction
from graph_service.queries import query

T = TypeVar("T")

ATTEMPTS = 3
# How long a write whose commit lost its answer waits for the graph to tell what happened.
COMMIT_CHECK_SECONDS = 30.0


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

    written: list[T] = []

    async def noted(tx: Transaction) -> T:
        notes.clear()  # a retried attempt starts over
        written[:] = [await work(tx)]
        return written[0]

    token = changes.recording(notes)
    try:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                result = await context.graph.transact(noted, write=True)
                break
            except Abort as abort:
                aborted: T = abort.result
                return aborted
            except GraphCommitUnknown:
                if not written or not await _committed_after_all(context, notes):
                    raise
                result = written[0]
                break
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


async def _committed_after_all(context: Context, notes: changes.Notes) -> bool:
    """Whether the attempt whose commit lost its answer is in the graph, by its audit entry,
    asked until the graph answers (it may be restarting) or `COMMIT_CHECK_SECONDS` pass."""
    if not notes.audits:
        return False
    entry = notes.audits[0]
    deadline = time.monotonic() + COMMIT_CHECK_SECONDS
    while True:
        try:
            rows = await context.graph.read(query("count_audit_entry"), id=entry.id, at=entry.at)
        except GraphError:
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.5)
            continue
        return bool(rows) and rows[0]["entries"] > 0
