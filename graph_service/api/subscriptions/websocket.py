"""graphql-transport-ws with the service's rules: persisted or trusted documents apply too.

The HTTP path resolves documents named by hash (and, in trusted-documents mode, refuses
any other) before execution; this handler does the same for each `subscribe` message, so
a WebSocket is no way around the manifest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ErrorMessage,
    SubscribeMessage,
)

from graph_service.api.auth.authenticator import Authenticator
from graph_service.api.auth.errors import InvalidCredentialsError
from graph_service.api.context import Context, Principal
from graph_service.api.middleware.cors import LOCAL_ORIGINS
from graph_service.api.persisted import DocumentRefused, PersistedDocuments
from graph_service.settings import Settings


class GraphQLTransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        persisted: PersistedDocuments = self.view.persisted  # type: ignore[attr-defined]
        payload: Any = message.get("payload") or {}
        request = GraphQLRequestData(
            query=payload.get("query"),
            variables=payload.get("variables"),
            operation_name=payload.get("operationName"),
            extensions=payload.get("extensions"),
        )
        try:
            resolved = persisted.resolve(request)
        except DocumentRefused as refused:
            error: Any = {"message": refused.message, "extensions": {"code": refused.code}}
            await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[error]))
            return
        if resolved.query is not None:
            payload["query"] = resolved.query
        await super().handle_subscribe(message)


def origin_allowed(origin: str, settings: Settings) -> bool:
    """The CORS rule, for WebSocket handshakes (which browsers do not subject to CORS)."""
    if origin in settings.cors_origins:
        return True
    return settings.mode == "development" and re.fullmatch(LOCAL_ORIGINS, origin) is not None


def connection_principal(context: Context, authenticator: Authenticator) -> Principal | None:
    """Who opened the connection: the `Authorization` of its `connection_init` payload (what
    browsers can send), else of the handshake's headers. Bad credentials reject it."""
    params = context.connection_params or {}
    header = next((v for k, v in params.items() if k.lower() == "authorization"), None)
    if header is None:
        header = context.request.headers.get("authorization")
    if header is not None and not isinstance(header, str):
        raise ConnectionRejectionError({"message": "authorization must be a string"})
    try:
        return authenticator.authenticate_header(header)
    except InvalidCredentialsError as error:
        raise ConnectionRejectionError({"message": str(error)}) from None


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Sends messages as text frames, as graphql-transport-ws requires: the view's
    `encode_json` (orjson) gives bytes, which Strawberry would send as binary frames."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        encoded = self.view.encode_json(message)
        try:
            await self.ws.send_text(
                encoded.decode("utf-8") if isinstance(encoded, bytes) else encoded
            )
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc
