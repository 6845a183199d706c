"""An in-process publish/subscribe broker for graph changes.

Each subscriber gets a bounded queue; a subscriber that falls `QUEUE_SIZE` changes behind
loses the oldest ones rather than slowing writers or growing memory without bound. One
broker serves one process: with several workers or replicas, see the README ("Live
updates") for how changes would travel between them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from graph_service.api.subscriptions.changes import GraphChange

QUEUE_SIZE = 256


class ChangeBroker:
    def __init__(self, queue_size: int = QUEUE_SIZE) -> None:
        self._queue_size = queue_size
        self._subscribers: set[asyncio.Queue[GraphChange]] = set()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(self, change: GraphChange) -> None:
        for queue in self._subscribers:
            if queue.full():
                queue.get_nowait()  # drop the oldest for a subscriber too slow to keep up
            queue.put_nowait(change)

    @contextlib.asynccontextmanager
    async def subscription(self) -> AsyncIterator[asyncio.Queue[GraphChange]]:
        queue: asyncio.Queue[GraphChange] = asyncio.Queue(self._queue_size)
        self._subscribers.add(queue)
        try:
            yield queue
        finally:
            self._subscribers.discard(queue)

    async def changes(self) -> AsyncIterator[GraphChange]:
        async with self.subscription() as queue:
            while True:
                yield await queue.get()
