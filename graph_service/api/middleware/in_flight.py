"""Sheds overload: beyond a bound on requests in flight, answer 503 at once, don't queue.

Per worker. A queue without bound only makes every client wait longer (and time out)
once the graph is the bottleneck; a refused client retries after `Retry-After`, and the
service recovers as soon as the load drops. Probes and metrics are never refused.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from graph_service.api.middleware.access_log import CODE_KEY
from graph_service.observability.metrics import IN_FLIGHT

OVERLOADED = "OVERLOADED"
RETRY_AFTER_SECONDS = 1


class InFlightLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int, path: str = "/graphql") -> None:
        self.app = app
        self.limit = limit
        self.path = path
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != self.path or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            await self._refuse(scope, send)
            return
        self.in_flight += 1
        IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            IN_FLIGHT.dec()

    async def _refuse(self, scope: Scope, send: Send) -> None:
        scope.setdefault("state", {})[CODE_KEY] = OVERLOADED
        body = json.dumps(
            {
                "errors": [
                    {
                        "message": "the service is overloaded; retry shortly",
                        "extensions": {"code": OVERLOADED},
                    }
                ]
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
