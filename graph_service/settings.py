"""Typed settings, read once from the environment.

`NEO4J_*` name the graph; everything else the service reads is prefixed `GRAPH_SERVICE_`.
A bad value fails at start with a message that names the variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_USERNAME = "root"  # ArcadeDB's administrator; its password is generated per data dir
EMBEDDED_DATABASE = "spbe"


class ConfigurationError(Exception):
    """A setting is missing or malformed; the message names the environment variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    neo4j_uri: str | None = Field(
        None,
        validation_alias="NEO4J_URI",
        description="Bolt URI of a Neo4j server; unset starts the embedded graph.",
    )
    neo4j_username: str = Field(
        "neo4j", validation_alias="NEO4J_USERNAME", description="User for NEO4J_URI."
    )
    neo4j_password: SecretStr | None = Field(
        None, validation_alias="NEO4J_PASSWORD", description="Password for NEO4J_URI."
    )
    neo4j_database: str | None = Field(
        None,
        validation_alias="NEO4J_DATABASE",
        description="Database name; the server's default when unset.",
    )
    host: str = Field(
        "127.0.0.1",
        validation_alias="GRAPH_SERVICE_HOST",
        description="Address the HTTP server listens on.",
    )
    port: int = Field(
        8000,
        ge=1,
        le=65535,
        validation_alias="GRAPH_SERVICE_PORT",
        description="Port the HTTP server listens on.",
    )
    data_dir: Path = Field(
        Path(".data/graph"),
        validation_alias="GRAPH_SERVICE_DATA_DIR",
        description="Where the embedded graph keeps its data.",
    )
    embedded_bolt_port: int = Field(
        7687,
        ge=1,
        le=65535,
        validation_alias="GRAPH_SERVICE_EMBEDDED_BOLT_PORT",
        description="Bolt port of the embedded graph (loopback only).",
    )
    embedded_http_port: int = Field(
        2480,
        ge=1,
        le=65535,
        validation_alias="GRAPH_SERVICE_EMBEDDED_HTTP_PORT",
        description="HTTP port of the embedded graph (loopback only).",
    )
    max_page_size: int = Field(
        100,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_PAGE_SIZE",
        description="Largest `first`/`last` a client may ask for.",
    )
    graph_timeout_seconds: float = Field(
        10.0,
        gt=0,
        validation_alias="GRAPH_SERVICE_GRAPH_TIMEOUT",
        description="Longest a graph read may run, in seconds.",
    )
    trace_queries: bool = Field(
        False,
        validation_alias="GRAPH_SERVICE_TRACE",
        description="Report the Cypher run in every response's extensions.",
    )
    mode: Literal["development", "production"] = Field(
        "development",
        validation_alias="GRAPH_SERVICE_MODE",
        description="`production` masks internal errors.",
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _bolt_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        schemes = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
        if not value.startswith(schemes):
            raise ValueError(f"must start with one of {', '.join(schemes)}")
        return value

    @property
    def embedded(self) -> bool:
        """True when no NEO4J_URI is set and the service runs its own graph."""
        return self.neo4j_uri is None

    @property
    def database(self) -> str | None:
        return EMBEDDED_DATABASE if self.embedded else self.neo4j_database


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from `environ` (the process environment by default)."""
    try:
        if environ is None:
            return Settings()
        return Settings.model_validate(
            {k: v for k, v in environ.items() if k.startswith(("NEO4J_", "GRAPH_SERVICE_"))}
        )
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            name = _variable_name(str(problem["loc"][0]) if problem["loc"] else "?")
            problems.append(f"{name}: {problem['msg']} (got {problem.get('input')!r})")
        raise ConfigurationError("invalid configuration: " + "; ".join(problems)) from None


def _variable_name(field_or_alias: str) -> str:
    info = Settings.model_fields.get(field_or_alias)
    if info is not None and isinstance(info.validation_alias, str):
        return info.validation_alias
    return field_or_alias
