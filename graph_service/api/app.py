"""The Starlette application: routes, and the lifespan that opens and closes the driver."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route, WebSocketRoute
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from graph_service.api.auth import Authenticator
from graph_service.api.graphiql import ASSET_PATH, asset_files
from graph_service.api.graphql_view import GraphQLView
from graph_service.api.health import healthz, readyz
from graph_service.api.limits import SchemaLimits
from graph_service.api.middleware import (
    AccessLogMiddleware,
    BodySizeLimitMiddleware,
    InFlightLimitMiddleware,
    RequestIdMiddleware,
    cors_middleware,
)
from graph_service.api.pages import page_routes
from graph_service.api.possible_types import possible_types_endpoint
from graph_service.api.schema import build_schema
from graph_service.api.subscriptions import ChangeBroker
from graph_service.graph.service_graph import open_service_graph
from graph_service.observability import metrics_endpoint
from graph_service.settings import Settings, load_settings

if TYPE_CHECKING:
    from graph_service.embedded.supervisor import GraphSupervisor

logger = logging.getLogger("graph_service")


def create_app(
    settings: Settings | None = None, supervisor: GraphSupervisor | None = None
) -> Starlette:
    """The app; `supervisor`, when this process runs the embedded graph, tells readiness
    and the circuit breaker what happened to it."""
    settings = settings or load_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_service_graph(settings, supervisor) as graph:
            app.state.graph = graph
            app.state.breaker = graph.breaker
            logger.info("graph connected")
            yield

    limits = SchemaLimits.from_settings(settings)
    graphql = GraphQLView(build_schema(limits, tracing=settings.otel), settings)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/graphql/possible-types", possible_types_endpoint, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
        Mount(ASSET_PATH, app=asset_files(), name="graphiql-assets"),
        *page_routes(),
    ]
    cors = cors_middleware(settings.cors_origins, development=settings.mode == "development")
    # Only the configured proxies may say who the client is (X-Forwarded-For); the server
    # itself trusts no forwarded header (`graph-service serve` runs uvicorn without them).
    proxies = list(settings.trusted_proxies)
    middleware = [
        *([Middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)] if proxies else []),
        Middleware(RequestIdMiddleware),
        Middleware(AccessLogMiddleware),
        Middleware(InFlightLimitMiddleware, limit=settings.max_in_flight),
        *([cors] if cors else []),
        Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.authenticator = Authenticator.from_settings(settings)
    app.state.changes = ChangeBroker()
    if settings.otel:
        from graph_service.observability.tracing import instrument

        instrument(app)
    return app


WORKER_APP = "graph_service.api.app:worker_app"


def worker_app() -> Starlette:
    """The app of one of several uvicorn workers: settings and logging from the environment.

    The graph is shared: the embedded one runs under the `serve` process, which supervises
    it; a worker learns of its trouble from its own circuit breaker.
    """
    from graph_service.observability import configure_logging

    settings = load_settings()
    configure_logging(settings.log_format, settings.log_level)
    return create_app(settings)
