"""One access line and the request metrics for every HTTP request.

The line carries the request id, method, path, GraphQL operation, status, error code,
duration and Cypher work; 5xx lines are warnings (a graph outage is not "200 OK"), the
rest info. The GraphQL layer leaves the operation, codes and query log in the scope's
state (`graph_service.api.extensions.operation_report`).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_service.api.middleware.request_id import STATE_KEY as REQUEST_ID_KEY
from graph_service.observability.metrics import operation_label, record_request

logger = logging.getLogger("graph_service.access")

OPERATION_KEY = "graphql_operation"
CODE_KEY = "graphql_code"
STATEMENTS_KEY = "graphql_statements"
GRAPH_MS_KEY = "graphql_graph_ms"
_QUIET_PATHS = ("/healthz", "/readyz", "/metrics")


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            self._report(scope, status, time.perf_counter() - started)

    @staticmethod
    def _report(scope: Scope, status: int, seconds: float) -> None:
        state = scope.get("state", {})
        path = scope.get("path", "")
        operation = operation_label(state.get(OPERATION_KEY))
        code = state.get(CODE_KEY) or ""
        statements = state.get(STATEMENTS_KEY, 0)
        graph_ms = state.get(GRAPH_MS_KEY, 0.0)
        quiet = path in _QUIET_PATHS
        if not quiet:
            record_request(operation, status, code, seconds, statements, graph_ms / 1000)
        level = logging.WARNING if status >= 500 else logging.DEBUG if quiet else logging.INFO
        if not logger.isEnabledFor(level):
            return
        logger.log(
            level,
            "%s %s %s %s",
            scope.get("method"),
            path,
            status,
            code or "-",
            extra={
                "request_id": state.get(REQUEST_ID_KEY),
                "method": scope.get("method"),
                "path": path,
                "operation": operation,
                "status": status,
                "code": code or None,
                "duration_ms": round(seconds * 1000, 2),
                "cypher_statements": statements,
                "graph_ms": round(graph_ms, 2),
                "client": (scope.get("client") or ("",))[0],
            },
        )
