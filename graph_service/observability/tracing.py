"""OpenTelemetry traces, off unless GRAPH_SERVICE_OTEL is true (and the `otel` extra is in).

An HTTP span per request (the Starlette instrumentation) with the GraphQL operation, its
parsing, validation and resolvers inside it (Strawberry's OpenTelemetryExtension). Where
spans go is the SDK's business: a tracer provider set up beforehand (e.g. by
`opentelemetry-instrument`) is used as it is; otherwise one exporting over OTLP/HTTP to
`OTEL_EXPORTER_OTLP_ENDPOINT` is installed.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette

from graph_service.settings import ConfigurationError

logger = logging.getLogger(__name__)

MISSING = (
    "GRAPH_SERVICE_OTEL is true but OpenTelemetry is not installed: "
    "pip install 'graph-service[otel]'"
)


class TracingUnavailable(ConfigurationError):
    """Traces were asked for without the packages that make them."""


def tracing_extensions() -> list[Any]:
    """The Strawberry extension that makes GraphQL spans."""
    try:
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError as error:
        raise TracingUnavailable(MISSING) from error
    return [OpenTelemetryExtension]


def instrument(app: Starlette) -> None:
    """HTTP spans for every request of `app`, exported wherever the SDK is set to send them."""
    try:
        from opentelemetry import trace
        from opentelemetry.instrumentation.starlette import StarletteInstrumentor
    except ImportError as error:
        raise TracingUnavailable(MISSING) from error
    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        _install_default_provider()
    StarletteInstrumentor.instrument_app(app)


def _install_default_provider() -> None:
    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": "graph-service"}))
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError:
        logger.warning("no OTLP exporter installed: spans are made but not sent anywhere")
    else:
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
