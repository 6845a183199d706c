"""Translated reads run as auto-commit transactions, which the driver does not retry: the
executor retries them as it retries managed transactions (reads only: a failed auto-commit
write may have committed). The reads themselves run against the real graph everywhere
else; here the attempt fails on purpose, which no real server does on demand."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ClientError, ServiceUnavailable

from graph_service.graph.executor import _retried


async def test_a_retryable_failure_is_tried_again() -> None:
    attempts: list[int] = []

    async def attempt() -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise ServiceUnavailable("connection lost")
        return "rows"

    assert await _retried(attempt, retry_seconds=2.0) == "rows"
    assert len(attempts) == 3


async def test_other_failures_are_not_retried() -> None:
    attempts: list[int] = []

    async def attempt() -> str:
        attempts.append(1)
        raise ClientError("a syntax error")

    with pytest.raises(ClientError):
        await _retried(attempt, retry_seconds=2.0)
    assert len(attempts) == 1


async def test_retries_stop_after_the_retry_time() -> None:
    attempts: list[int] = []

    async def attempt() -> str:
        attempts.append(1)
        raise ServiceUnavailable("gone")

    with pytest.raises(ServiceUnavailable):
        await _retried(attempt, retry_seconds=0.05)
    assert 2 <= len(attempts) <= 5  # 20 ms, then 40 ms: past 50 ms after the first failure
