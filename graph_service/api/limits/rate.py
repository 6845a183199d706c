"""Per-client request rate limit: a token bucket per client key.

The state lives in this process, so with N workers a client may send up to N times the
configured rate; put a shared limiter (proxy or gateway) in front when that matters. The
table of clients is bounded: the least recently seen clients are forgotten first.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_CLIENTS = 100_000


class RateLimiter:
    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def acquire(self, key: str) -> int | None:
        """None when `key` may make a request now; else the seconds to wait (Retry-After)."""
        if self.capacity <= 0:
            return None
        now = self._clock()
        tokens, seen = self._buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - seen) * self.refill_per_second)
        retry_after = None
        if tokens >= 1:
            tokens -= 1
        else:
            retry_after = max(1, math.ceil((1 - tokens) / self.refill_per_second))
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return retry_after
