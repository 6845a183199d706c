"""Per-client request rate limit, counted in this worker or shared through Redis.

The counting is `limits`' (the library behind Flask-Limiter and SlowAPI), with its sliding
window counter: two counters per client (this minute's and the last one's, weighted by how
much of it still falls in the last 60 s), so the state is small and the same in memory and
in Redis, where one Lua script counts atomically for every worker that shares it. A client
that spent its budget waits until enough of its past minute has slid by (`Retry-After`
says how long); clients' counters expire after two windows.

`memory://` (the default) counts in this process: with N workers a client may send up to N
times the limit. `redis://host:port` (or `rediss://`, `redis+sentinel://`,
`redis+cluster://`) shares the count between every worker and instance pointed at it.
Should Redis fail, requests are admitted (a rate limit is no reason for an outage) and
counted as such; the failure is logged once, Redis is asked again a second later (not by
every request meanwhile), and the limit applies again once it answers.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from graph_service.observability.metrics import RATE_LIMIT_STORAGE_ERRORS

logger = logging.getLogger(__name__)

MEMORY = "memory://"
NAMESPACE = "graph_service"
# A Redis that does not answer must not hold requests up for long.
REDIS_TIMEOUTS = {"connect_timeout": 0.5, "stream_timeout": 0.5}
STORAGE_RETRY_SECONDS = 1.0


class RateLimiter:
    def __init__(
        self, per_minute: int, storage: str = MEMORY, *, item: RateLimitItem | None = None
    ) -> None:
        """`item` replaces "`per_minute` per minute" (tests use short windows)."""
        self.item = item or RateLimitItemPerMinute(max(per_minute, 1), namespace=NAMESPACE)
        self.enabled = item is not None or per_minute > 0
        self._storage: Storage = _open_storage(storage)
        self._limiter = SlidingWindowCounterRateLimiter(self._storage)
        self._storage_failing = False
        self._storage_retry_at = 0.0

    async def acquire(self, key: str) -> int | None:
        """None when `key` may make a request now; else the seconds to wait (Retry-After)."""
        if not self.enabled:
            return None
        if self._storage_failing and time.monotonic() < self._storage_retry_at:
            RATE_LIMIT_STORAGE_ERRORS.inc()
            return None
        try:
            if await self._limiter.hit(self.item, key):
                self._storage_answered()
                return None
            stats = await self._limiter.get_window_stats(self.item, key)
        except StorageError as error:
            self._storage_failed(error)
            return None
        self._storage_answered()
        return max(1, math.ceil(stats.reset_time - time.time()))

    def _storage_failed(self, error: StorageError) -> None:
        RATE_LIMIT_STORAGE_ERRORS.inc()
        self._storage_retry_at = time.monotonic() + STORAGE_RETRY_SECONDS
        if not self._storage_failing:
            self._storage_failing = True
            logger.warning(
                "the rate limit's storage failed, requests are admitted unlimited until it "
                "answers: %s",
                error.storage_error,
            )

    def _storage_answered(self) -> None:
        if self._storage_failing:
            self._storage_failing = False
            logger.info("the rate limit's storage answers again")


def _open_storage(uri: str) -> Storage:
    """`limits`' async storage for a URI as settings take it (`redis://`, not `async+redis://`)."""
    options = {} if uri.startswith(MEMORY) else REDIS_TIMEOUTS
    storage = storage_from_string("async+" + uri, wrap_exceptions=True, **options)
    assert isinstance(storage, Storage)  # an async+ scheme gives an async storage
    return storage
