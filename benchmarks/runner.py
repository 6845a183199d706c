"""Timed rounds: concurrent clients issue requests until a deadline; latencies and rates.

The two sides alternate round by round (service, raw, service, raw, ...), so noise on a
shared machine falls on both.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Call = Callable[[int], Awaitable[object]]


@dataclass
class SideStats:
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[q - 1]

    def summary(self) -> dict[str, float]:
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "per_second": round(self.per_second, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p95_ms": round(self.percentile(95), 2),
            "p99_ms": round(self.percentile(99), 2),
        }


async def timed_round(
    call: Call, numbers: itertools.count[int], concurrency: int, seconds: float, stats: SideStats
) -> None:
    """`concurrency` clients call until `seconds` have passed (each finishes its request)."""
    started = time.perf_counter()
    deadline = started + seconds

    async def client() -> None:
        while time.perf_counter() < deadline:
            begun = time.perf_counter()
            await call(next(numbers))
            stats.latencies_ms.append((time.perf_counter() - begun) * 1000)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    stats.seconds += time.perf_counter() - started


async def alternate(
    service: Call, raw: Call, concurrency: int, rounds: int, seconds: float
) -> tuple[SideStats, SideStats]:
    service_stats, raw_stats = SideStats(), SideStats()
    numbers = itertools.count()
    for _ in range(rounds):
        await timed_round(service, numbers, concurrency, seconds, service_stats)
        await timed_round(raw, numbers, concurrency, seconds, raw_stats)
    return service_stats, raw_stats
