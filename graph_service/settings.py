"""Typed settings, read once from the environment.

`NEO4J_*` name the graph; everything else the service reads is prefixed `GRAPH_SERVICE_`.
A bad value fails at start with a message that names the variable.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import NoDecode, SettingsConfigDict

from graph_service.operations_settings import OperationsSettings

EMBEDDED_USERNAME = "root"  # ArcadeDB's administrator; its password is generated per data dir
EMBEDDED_DATABASE = "spbe"
DEFAULT_MAX_STRING_LENGTH = 10_000


class ConfigurationError(Exception):
    """A setting is missing or malformed; the message names the environment variable."""


Role = Literal["reader", "editor", "admin"]
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class ApiKeyGrant(BaseModel):
    """Who a static API key speaks for; configuration holds only the key's SHA-256."""

    model_config = {"frozen": True, "extra": "forbid"}

    subject: str = Field(min_length=1)
    roles: tuple[Role, ...] = ("reader",)


class Settings(OperationsSettings):
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
    nested_page_size: int = Field(
        20,
        ge=1,
        validation_alias="GRAPH_SERVICE_NESTED_PAGE_SIZE",
        description="Page size of a relationship connection inside an entity when the "
        "client gives no `first`/`last` (at most GRAPH_SERVICE_MAX_PAGE_SIZE).",
    )
    max_batch_size: int = Field(
        500,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_BATCH_SIZE",
        description="Most entities one batch mutation (`upsertEntities`) may write.",
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
    fast_reads: bool = Field(
        True,
        validation_alias="GRAPH_SERVICE_FAST_READS",
        description="Build the response of a translated read straight from its Cypher rows "
        "(see README, Request overhead); false runs every request through GraphQL execution.",
    )
    mode: Literal["development", "production"] = Field(
        "development",
        validation_alias="GRAPH_SERVICE_MODE",
        description="`production` masks internal errors.",
    )

    api_keys: Annotated[dict[str, ApiKeyGrant], NoDecode] = Field(
        default_factory=dict,
        validation_alias="GRAPH_SERVICE_API_KEYS",
        description='JSON map of sha256-hex of a key -> {"subject": ..., "roles": [...]}.',
    )
    jwt_secret: SecretStr | None = Field(
        None,
        validation_alias="GRAPH_SERVICE_JWT_SECRET",
        description="HS256 secret for bearer JWTs (at least 32 bytes); unset refuses HS256.",
    )
    jwks_file: Path | None = Field(
        None,
        validation_alias="GRAPH_SERVICE_JWKS_FILE",
        description="JWKS file of RS256 public keys for bearer JWTs; unset refuses RS256.",
    )
    jwt_audience: str | None = Field(
        None,
        validation_alias="GRAPH_SERVICE_JWT_AUDIENCE",
        description="When set, JWTs must carry this `aud`.",
    )
    jwt_issuer: str | None = Field(
        None,
        validation_alias="GRAPH_SERVICE_JWT_ISSUER",
        description="When set, JWTs must carry this `iss`.",
    )
    max_depth: int = Field(
        10, ge=1, validation_alias="GRAPH_SERVICE_MAX_DEPTH", description="Deepest field nesting."
    )
    max_aliases: int = Field(
        30,
        ge=0,
        validation_alias="GRAPH_SERVICE_MAX_ALIASES",
        description="Most aliased fields in one document.",
    )
    max_selections: int = Field(
        5000,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_SELECTIONS",
        description="Most field selections in one operation once its fragments are expanded.",
    )
    max_field_merges: int = Field(
        2000,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_FIELD_MERGES",
        description="Most pairs of fields answering to one response path (each pair is compared"
        " by validation).",
    )
    max_tokens: int = Field(
        2000,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_TOKENS",
        description="Most lexical tokens in one document.",
    )
    max_cost: int = Field(
        50_000,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_COST",
        description="Largest estimated cost; page sizes multiply down the nesting.",
    )
    max_body_bytes: int = Field(
        1_048_576,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_BODY_BYTES",
        description="Largest request body; bigger ones get 413.",
    )
    max_string_length: int = Field(
        DEFAULT_MAX_STRING_LENGTH,
        ge=1,
        validation_alias="GRAPH_SERVICE_MAX_STRING_LENGTH",
        description="Longest string (in characters) a request may carry, in variables or in "
        "the document.",
    )
    rate_limit: int = Field(
        600,
        ge=0,
        validation_alias="GRAPH_SERVICE_RATE_LIMIT",
        description="Requests per minute per client (per worker process unless "
        "GRAPH_SERVICE_RATE_LIMIT_STORAGE is shared); 0 turns it off.",
    )
    introspection: bool = Field(
        True,
        validation_alias="GRAPH_SERVICE_INTROSPECTION",
        description="Whether clients may introspect the schema (and use GraphiQL).",
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        validation_alias="GRAPH_SERVICE_CORS_ORIGINS",
        description="Origins browsers may call from (JSON list or comma-separated); in "
        "development local origins (http://localhost:*, http://127.0.0.1:*) are added.",
    )
    cache_control: str = Field(
        "public, max-age=60",
        validation_alias="GRAPH_SERVICE_CACHE_CONTROL",
        description="Cache-Control of anonymous GET query responses (`no-store` turns caching "
        "off).",
    )
    apq_cache_size: int = Field(
        1000,
        validation_alias="GRAPH_SERVICE_APQ_CACHE_SIZE",
        ge=0,
        description="How many automatic persisted queries are kept (least recently used "
        "evicted); 0 turns APQ off.",
    )
    trusted_documents: Path | None = Field(
        None,
        validation_alias="GRAPH_SERVICE_TRUSTED_DOCUMENTS",
        description="A JSON manifest {hash: document} (codegen's persisted documents or "
        "Relay's); when set, only its operations run.",
    )
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        validation_alias="GRAPH_SERVICE_TRUSTED_PROXIES",
        description="Addresses or networks (CIDR) of the proxies whose X-Forwarded-For names "
        "the client, for rate limits and logs (JSON list or comma-separated); none by default.",
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _api_keys_json(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = json.loads(value) if value.strip() else {}
        if isinstance(value, dict):
            for digest in value:
                if not isinstance(digest, str) or not _SHA256_HEX.fullmatch(digest):
                    raise ValueError("keys must be lowercase sha256 hex digests of the API keys")
        return value

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _origin_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("nested_page_size")
    @classmethod
    def _nested_page_within_cap(cls, value: int, info: ValidationInfo) -> int:
        cap = info.data.get("max_page_size")
        if cap is not None and value > cap:
            raise ValueError(f"must be at most GRAPH_SERVICE_MAX_PAGE_SIZE ({cap})")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or network") from None
        return value

    @field_validator("jwt_secret")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().encode()) < 32:
            raise ValueError("must be at least 32 bytes for HS256")
        return value

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
