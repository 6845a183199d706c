"""Assembles the Strawberry schema from the generated types."""

from __future__ import annotations

from functools import cache

import strawberry

from graph_service.api.extensions import QueryTrace
from graph_service.api.query import build_query_type
from graph_service.api.types.kinds import KIND_TYPES


@cache
def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=build_query_type(),
        types=list(KIND_TYPES.values()),
        extensions=[QueryTrace],
    )


def schema_sdl() -> str:
    return build_schema().as_str() + "\n"
