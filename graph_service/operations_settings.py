"""Settings for running the service: fault handling, load shedding, workers, logs, traces.

A mixin of `Settings`, kept apart so that the settings of the API and those of operating it
each read as one page.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings

RATE_LIMIT_STORAGE_SCHEMES = (
    "memory",
    "redis",
    "rediss",
    "redis+unix",
    "redis+sentinel",
    "redis+cluster",
)


class OperationsSettings(BaseSettings):
    graph_probe_interval_seconds: float = Field(
        1.0,
        gt=0,
        validation_alias="GRAPH_SERVICE_GRAPH_PROBE_INTERVAL",
        description="Seconds between probes of the graph (the circuit breaker's watch).",
    )
    graph_retry_seconds: float = Field(
        2.0,
        ge=0,
        validation_alias="GRAPH_SERVICE_GRAPH_RETRY_TIME",
        description="Longest the driver retries a transaction on a lost connection.",
    )
    pool_size: int = Field(
        50,
        ge=1,
        validation_alias="GRAPH_SERVICE_POOL_SIZE",
        description="Most Bolt connections per worker.",
    )
    pool_acquire_timeout_seconds: float = Field(
        2.0,
        gt=0,
        validation_alias="GRAPH_SERVICE_POOL_ACQUIRE_TIMEOUT",
        description="Longest a query waits for a free connection before a 503.",
    )
    max_in_flight: int = Field(
        32,
        ge=0,
        validation_alias="GRAPH_SERVICE_MAX_IN_FLIGHT",
        description="GraphQL requests one worker runs at once; more get 503 at once; 0: no bound.",
    )
    workers: int = Field(
        1, ge=1, validation_alias="GRAPH_SERVICE_WORKERS", description="Uvicorn worker processes."
    )
    rate_limit_storage: str = Field(
        "memory://",
        validation_alias="GRAPH_SERVICE_RATE_LIMIT_STORAGE",
        description="Where clients' requests are counted: memory:// (each worker on its own) or "
        "redis://host:port (shared by every worker using it; also rediss://, redis+unix://, "
        "redis+sentinel://, redis+cluster://).",
    )
    shutdown_grace_seconds: float = Field(
        10.0,
        ge=0,
        validation_alias="GRAPH_SERVICE_SHUTDOWN_GRACE",
        description="On SIGTERM, how long in-flight requests may finish before the graph stops.",
    )
    log_format: Literal["json", "text"] = Field(
        "json",
        validation_alias="GRAPH_SERVICE_LOG_FORMAT",
        description="`json` lines for machines, `text` for a developer's terminal.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", validation_alias="GRAPH_SERVICE_LOG_LEVEL", description="Least level logged."
    )
    otel: bool = Field(
        False,
        validation_alias="GRAPH_SERVICE_OTEL",
        description="Emit OpenTelemetry traces (needs the `otel` extra; OTEL_* configure export).",
    )

    @field_validator("rate_limit_storage")
    @classmethod
    def _rate_limit_storage(cls, value: str) -> str:
        if urlsplit(value).scheme not in RATE_LIMIT_STORAGE_SCHEMES:
            schemes = ", ".join(f"{s}://" for s in RATE_LIMIT_STORAGE_SCHEMES)
            raise ValueError(f"must start with one of {schemes}")
        return value
