"""Assembles the Strawberry schema from the generated types."""

from __future__ import annotations

from functools import cache
from typing import Any

import strawberry
from strawberry.schema.config import StrawberryConfig

from graph_service.api.direct_fields import resolve_simple_fields_directly
from graph_service.api.error_logging import Schema
from graph_service.api.extensions import QueryTrace
from graph_service.api.extensions.document_caches import document_caches
from graph_service.api.extensions.graph_errors import GraphErrorCodes
from graph_service.api.extensions.hide_suggestions import HideSuggestions
from graph_service.api.extensions.input_strings import InputStrings
from graph_service.api.extensions.mask_internal_errors import MaskInternalErrors
from graph_service.api.extensions.operation_report import OperationReport
from graph_service.api.fast_reads import FastReads
from graph_service.api.limits import SchemaLimits, limit_extensions
from graph_service.api.mutations import build_mutation_type
from graph_service.api.query import build_query_type
from graph_service.api.subscriptions import build_subscription_type
from graph_service.api.types.kinds import KIND_TYPES
from graph_service.api.types.scalars import SCALARS
from graph_service.api.types.subgraph import TYPED_EDGES


@cache
def build_schema(limits: SchemaLimits | None = None, tracing: bool = False) -> strawberry.Schema:
    """The schema; with `limits` (the app's), it also enforces them and masks as they say;
    with `tracing`, it makes OpenTelemetry spans."""
    extensions: list[Any] = [OperationReport, QueryTrace, InputStrings]
    if tracing:
        from graph_service.observability.tracing import tracing_extensions

        extensions += tracing_extensions()
    if limits is not None:
        extensions += limit_extensions(limits)
        extensions += document_caches()
        if not limits.introspection:
            extensions.append(HideSuggestions)  # runs after GraphErrorCodes on the way out
        if limits.mask_errors:
            extensions.append(MaskInternalErrors)
    extensions.append(GraphErrorCodes)
    if not tracing:  # traces promise a span per resolver
        extensions.append(FastReads)  # last: it answers only if no other extension did
    schema = Schema(
        query=build_query_type(),
        mutation=build_mutation_type(),
        subscription=build_subscription_type(),
        types=[*KIND_TYPES.values(), *TYPED_EDGES.values()],
        config=StrawberryConfig(scalar_map=SCALARS),
        extensions=extensions,
    )
    resolve_simple_fields_directly(schema)
    return schema


def schema_sdl() -> str:
    return build_schema().as_str() + "\n"
