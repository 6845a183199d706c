"""The `/graphql` endpoint: Strawberry's ASGI view with a per-request context.

Before any GraphQL work a request is authenticated and rate limited (see `admit`); the
GraphQL-over-HTTP behaviour (media types, status codes) lives in `graphql_http.py`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_SSE_PROTOCOL, GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from graph_service.api.auth import InvalidCredentialsError, authenticate
from graph_service.api.context import Context
from graph_service.api.fast_reads.direct import DirectReads
from graph_service.api.graphiql import localise
from graph_service.api.graphql_http import GraphQLOverHTTP, RequestRefused
from graph_service.api.http_cache import with_cache_headers
from graph_service.api.limits import RateLimiter, SchemaLimits
from graph_service.api.negotiation import GRAPHQL_RESPONSE_JSON, JSON, negotiate
from graph_service.api.persisted import DocumentRefused, persisted_documents_for
from graph_service.api.subscriptions.websocket import (
    GraphQLTransportWSHandler,
    TextWebSocketAdapter,
    connection_principal,
    origin_allowed,
)
from graph_service.graph.executor import Graph, QueryLog
from graph_service.settings import Settings

TRACE_HEADER = "x-graph-trace"
_HAD_ERRORS = "graphql_had_errors"


class GraphQLView(GraphQLOverHTTP):
    graphql_transport_ws_handler_class = GraphQLTransportWSHandler
    websocket_adapter_class = TextWebSocketAdapter  # type: ignore[assignment]

    def __init__(self, schema: object, settings: Settings) -> None:
        ide: Any = "graphiql" if settings.introspection else None  # GraphiQL needs introspection
        super().__init__(
            schema,  # type: ignore[arg-type]
            graphql_ide=ide,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_SSE_PROTOCOL),
        )
        self.settings = settings
        self.rate_limiter = RateLimiter(settings.rate_limit, settings.rate_limit_storage)
        self.persisted = persisted_documents_for(settings)  # a bad manifest stops the start
        # Traces promise a span per resolver: with them, the schema has no fast path.
        fast = settings.fast_reads and not settings.otel
        self.direct = DirectReads(SchemaLimits.from_settings(settings)) if fast else None

    async def admit(self, request: Request) -> None:
        """Authenticate, then rate limit by principal (or client address when anonymous).

        A bad token is refused only after it has been counted against the client's address,
        so guessing tokens is throttled like any other flood.
        """
        await super().admit(request)
        try:
            principal, refused = authenticate(request), None
        except InvalidCredentialsError:
            principal = None
            refused = RequestRefused(
                401,
                "invalid or expired credentials",
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        client = request.client.host if request.client else "unknown"
        key = f"subject:{principal.subject}" if principal else f"address:{client}"
        retry_after = await self.rate_limiter.acquire(key)
        if retry_after is not None:
            raise RequestRefused(
                429, "too many requests: slow down", {"Retry-After": str(retry_after)}
            )
        if refused is not None:
            raise refused
        request.state.principal = principal

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        if context is UNSET and isinstance(request, Request) and request.method == "POST":
            answered = await self._answer_directly(request)
            if isinstance(answered, Response):
                return answered  # a POST: no caching headers to add
            context = answered  # UNSET, or the request's context with the fast path's result
        response = await super().run(request, context, root_value)
        if not isinstance(request, Request):
            return response
        return with_cache_headers(
            request,
            response,
            anonymous=getattr(request.state, "principal", None) is None,
            ok=not getattr(request.state, _HAD_ERRORS, True),
            cache_control=self.settings.cache_control,
        )

    def should_render_graphql_ide(self, request: Any) -> bool:
        """GraphiQL for a browser's GET, unless the GET names a persisted document."""
        if request.method != "GET":  # every POST: skip the checks below
            return False
        named = any(key in request.query_params for key in ("extensions", "documentId", "id"))
        return not named and super().should_render_graphql_ide(request)

    async def parse_http_body(self, request: Any) -> Any:
        """The request's operation, its document found by hash when it names one."""
        data = await super().parse_http_body(request)
        if isinstance(data, list):
            return data
        # Only a trusted-documents manifest reads `documentId`/`id`: parse the body again
        # for them only then.
        document_id = await _document_id(request) if self.persisted.trusted is not None else None
        try:
            return self.persisted.resolve(data, document_id)
        except DocumentRefused as refused:
            media_type = negotiate(request.headers.get("accept")) or JSON
            status = 400 if media_type == GRAPHQL_RESPONSE_JSON else 200
            raise RequestRefused(status, refused.message, code=refused.code) from None

    async def _answer_directly(self, request: Request) -> Response | Any:
        """The response to a plain JSON POST of a document the fast path served before,
        without Strawberry's request handling (`run`: its request adapter, body parsing,
        persisted-document lookup and operation dispatch). Anything else this leaves to
        `run` (UNSET), and so a request whose fast path result needs the extensions (its
        context is returned, carrying that result). The response is made by the same
        `process_result` and `create_response` as `run` makes it."""
        direct = self.direct
        if direct is None or self.persisted.trusted is not None:
            return UNSET
        if self._get_stream_transport_from_headers(request.headers) is not None:
            return UNSET
        try:
            data = orjson.loads(await request.body())
        except ValueError:
            return UNSET  # `run` says what is wrong with it
        if not isinstance(data, dict) or data.get("extensions") is not None:
            return UNSET  # not an object, or persisted queries and other extensions
        query, variables = data.get("query"), data.get("variables")
        name = data.get("operationName")
        if (
            not isinstance(query, str)
            or not isinstance(variables, dict | None)
            or not isinstance(name, str | None)
            or not direct.knows(query, name)
        ):
            return UNSET
        sub_response = await self.get_sub_response(request)
        context = await self.get_context(request, sub_response)
        result = await direct.execute(self.schema, query, name, variables, context)
        if result is None:
            return context
        return self.create_response(await self.process_result(request, result), sub_response)

    async def execute_single(
        self,
        request: Any,
        request_adapter: Any,
        sub_response: Any,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """A document the fast path served before goes straight to it (`fast_reads/direct.py`);
        the others, and whatever the direct entry leaves, through `schema.execute`."""
        query, name = request_data.query, request_data.operation_name
        plain = isinstance(query, str) and isinstance(name, str | None)  # else Strawberry says
        direct = self.direct if isinstance(context, Context) and plain else None
        if direct is not None and isinstance(query, str):
            result = await direct.execute(self.schema, query, name, request_data.variables, context)
            if result is not None:
                return result
        result = await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )
        if direct is not None and isinstance(query, str):
            direct.learn(query, name, context)
        return result

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        setattr(request.state, _HAD_ERRORS, bool(result.errors))
        return await super().process_result(request, result)

    def is_websocket_origin_allowed(self, request: Any, origin: str) -> bool:
        return origin_allowed(origin, self.settings)

    async def on_ws_connect(self, context: Context) -> Any:
        """Authenticate a WebSocket at `connection_init`, as HTTP requests are."""
        context.principal = connection_principal(context, context.request.app.state.authenticator)
        return UNSET

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
            principal=getattr(request.state, "principal", None),
            changes=request.app.state.changes,
        )


async def _document_id(request: Any) -> str | None:
    """`documentId` (GraphQL over HTTP's persisted documents) or `id` (Relay), if sent."""
    if request.method == "GET":
        raw: Any = request.query_params
    else:
        try:
            raw = json.loads(await request.get_body())
        except ValueError:
            return None
    if not isinstance(raw, Mapping):
        return None
    value = raw.get("documentId") or raw.get("id")
    return value if isinstance(value, str) else None
