"""The Starlette application: routes, and the lifespan that opens and closes the driver."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

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
    BodySizeLimitMiddleware,
    RequestIdMiddleware,
    cors_middleware,
)
from graph_service.api.pages import page_routes
from graph_service.api.possible_types import possible_types_endpoint
from graph_service.api.schema import build_schema
from graph_service.api.subscriptions import ChangeBroker
from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.executor import Graph
from graph_service.settings import Settings, load_settings

logger = logging.getLogger("graph_service")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        connection = connection_for(settings)
        driver = open_driver(connection)
        try:
            await driver.verify_connectivity()
            app.state.graph = Graph(driver, connection.database, settings.graph_timeout_seconds)
            logger.info("graph connected at %s", connection.uri)
            yield
        finally:
            await driver.close()

    graphql = GraphQLView(build_schema(SchemaLimits.from_settings(settings)), settings)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/graphql/possible-types", possible_types_endpoint, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
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
        *([cors] if cors else []),
        Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.authenticator = Authenticator.from_settings(settings)
    app.state.changes = ChangeBroker()
    return app
