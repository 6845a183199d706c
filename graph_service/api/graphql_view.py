"""The `/graphql` endpoint: Strawberry's ASGI view with a per-request context."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph_service.api.context import Context
from graph_service.api.graphiql import localise
from graph_service.graph.executor import Graph, QueryLog
from graph_service.settings import Settings

TRACE_HEADER = "x-graph-trace"


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, schema: object, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)  # type: ignore[arg-type]
        self.settings = settings

    @property
    def graphql_ide_html(self) -> str:
        """GraphiQL with its assets served from this service, not a CDN."""
        return localise(super().graphql_ide_html)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        graph: Graph = request.app.state.graph
        log = QueryLog()
        trace = self.settings.trace_queries or request.headers.get(TRACE_HEADER, "") in {
            "1",
            "true",
        }
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            graph=graph.for_request(log),
            settings=self.settings,
            log=log,
            trace=trace,
        )
