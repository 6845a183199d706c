"""Typed settings, read once from the environment.

`NEO4J_*` name the graph; everything else the service reads is prefixed `GRAPH_SERVICE_`.
A bad value fails at start with a message that names the variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_USERNAME = "root"  # ArcadeDB's administrator; its password is generated per data dir
EMBEDDED_DATABASE = "spbe"


class ConfigurationError(Exception):
    """A setting is missing or malformed; the message names the environment variable."""


def _env(name: str, default: object, description: str, **kwargs: object) -> object:
    return Field(
        default,
        validation_alias=AliasChoices(name),
        description=description,
        **kwargs,  # type: ignore[arg-type]
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=False, frozen=True)

    neo4j_uri: str | None = _env(
        "NEO4J_URI", None, "Bolt URI of a Neo4j server; unset starts the embedded graph."
    )  # type: ignore[assignment]
    neo4j_username: str = _env("NEO4J_USERNAME", "neo4j", "User for NEO4J_URI.")  # type: ignore[assignment]
    neo4j_password: SecretStr | None = _env(
        "NEO4J_PASSWORD", None, "Password for NEO4J_URI."
    )  # type: ignore[assignment]
    neo4j_database: str | None = _env(
        "NEO4J_DATABASE", None, "Database name; the server's default when unset."
    )  # type: ignore[assignment]
    host: str = _env("GRAPH_SERVICE_HOST", "127.0.0.1", "Address the HTTP server listens on.")  # type: ignore[assignment]
    port: int = _env("GRAPH_SERVICE_PORT", 8000, "Port the HTTP server listens on.", ge=1, le=65535)  # type: ignore[assignment]
    data_dir: Path = _env(
        "GRAPH_SERVICE_DATA_DIR", Path(".data/graph"), "Where the embedded graph keeps its data."
    )  # type: ignore[assignment]
    embedded_bolt_port: int = _env(
        "GRAPH_SERVICE_EMBEDDED_BOLT_PORT", 7687, "Bolt port of the embedded graph.", ge=1, le=65535
    )  # type: ignore[assignment]
    embedded_http_port: int = _env(
        "GRAPH_SERVICE_EMBEDDED_HTTP_PORT",
        2480,
        "HTTP port of the embedded graph (loopback only).",
        ge=1,
        le=65535,
    )  # type: ignore[assignment]
    max_page_size: int = _env(
        "GRAPH_SERVICE_MAX_PAGE_SIZE", 100, "Largest `first`/`last` a client may ask for.", ge=1
    )  # type: ignore[assignment]
    graph_timeout_seconds: float = _env(
        "GRAPH_SERVICE_GRAPH_TIMEOUT", 10.0, "Longest a graph transaction may run.", gt=0
    )  # type: ignore[assignment]
    trace_queries: bool = _env(
        "GRAPH_SERVICE_TRACE", False, "Report Cypher queries in every response's extensions."
    )  # type: ignore[assignment]
    mode: Literal["development", "production"] = _env(
        "GRAPH_SERVICE_MODE", "development", "`production` masks internal errors."
    )  # type: ignore[assignment]

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
    if info is not None and isinstance(info.validation_alias, AliasChoices):
        return str(info.validation_alias.choices[0])
    return field_or_alias
