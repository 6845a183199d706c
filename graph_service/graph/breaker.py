"""A circuit breaker in front of the graph: while it is gone, fail at once, not after a timeout.

Closed: queries go to the graph. Open: they fail at once with `GraphUnavailable` carrying
the reason (and the HTTP layer answers 503 with `Retry-After`). The breaker opens when a
query loses its connection or times out and a probe then confirms that the graph is dead
or frozen rather than busy, or when the watcher's probe (every `interval` s) fails
`failures_to_trip` times in a row (one slow handshake on a loaded machine is no outage).
Once a probe answers again it half-opens: one real query (`confirm`) decides between
closed and open again, while requests still fail fast. A slow but living graph never
opens it: its queries get `GraphTimeout`.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable
from enum import Enum

from graph_service.graph.errors import GraphUnavailable

logger = logging.getLogger(__name__)

Problem = str | None  # None: all is well; else what is wrong, in words
Check = Callable[[], Awaitable[Problem]]


class BreakerState(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        check: Check,
        confirm: Check,
        *,
        interval: float = 1.0,
        failures_to_trip: int = 2,
        on_change: Callable[[BreakerState], None] | None = None,
    ) -> None:
        self.failures_to_trip = failures_to_trip
        self._failures = 0
        self._check = check
        self._confirm = confirm
        self.interval = interval
        self._on_change = on_change
        self.state = BreakerState.CLOSED
        self.reason: str | None = None
        self._opened_at = 0.0

    @property
    def retry_after(self) -> int:
        """Seconds a refused client should wait: about one probe period."""
        return max(1, math.ceil(self.interval))

    def admit(self) -> None:
        """Raise GraphUnavailable at once unless the breaker is closed."""
        if self.state is not BreakerState.CLOSED:
            raise GraphUnavailable(
                f"the graph is unavailable: {self.reason}", retry_after=self.retry_after
            )

    def trip(self, reason: str) -> None:
        """Open (or keep open) with `reason`; logged once per outage."""
        self.reason = reason
        if self.state is BreakerState.CLOSED:
            self._opened_at = time.monotonic()
            logger.error("graph circuit opened: %s", reason)
        self._set(BreakerState.OPEN)

    async def diagnose(self) -> Problem:
        """Probe now: after a query timed out or lost its connection, is the graph there
        (None: busy, or a connection dropped) or gone (why)? Gone opens the breaker."""
        problem = await self._check()
        if problem is not None:
            self.trip(problem)
        return problem

    async def watch(self) -> None:
        """Probe every `interval` s for ever (a task of the app's lifespan)."""
        while True:
            await asyncio.sleep(self.interval)  # the lifespan has just seen the graph answer
            try:
                await self.probe_once()
            except Exception:  # a bug in a probe must not end the watch
                logger.exception("graph probe failed")

    async def probe_once(self) -> None:
        problem = await self._check()
        if problem is not None:
            self._failures += 1
            if self._failures >= self.failures_to_trip or self.state is not BreakerState.CLOSED:
                self.trip(problem)
            return
        self._failures = 0
        if self.state is BreakerState.CLOSED:
            return
        self._set(BreakerState.HALF_OPEN)
        problem = await self._confirm()
        if problem is not None:
            self.trip(problem)
            return
        logger.warning(
            "graph circuit closed: the graph answers again after %.1f s",
            time.monotonic() - self._opened_at,
        )
        self.reason = None
        self._set(BreakerState.CLOSED)

    def _set(self, state: BreakerState) -> None:
        changed = state is not self.state
        self.state = state
        if changed and self._on_change is not None:
            self._on_change(state)
