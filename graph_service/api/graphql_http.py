"""GraphQL over HTTP as the spec describes it, on top of Strawberry's ASGI view.

What Strawberry 0.341 already does: GET and POST only; queries over GET; JSON bodies; 400 for
a body that is not JSON or not a GraphQL request; GraphiQL for browsers. What this adds:

- `Accept` negotiation (`negotiation.py`): `application/graphql-response+json` or
  `application/json` as the client asks, 406 when it accepts neither.
- 415 for a POST whose Content-Type is not `application/json` (Strawberry says 400).
- 405 with `Allow: POST` for a mutation over GET (Strawberry says 400).
- Request errors (parse, validation, variables, limits: errors before execution) answered
  without `data`, and with 400 under `application/graphql-response+json`; `application/json`
  keeps the legacy 200.
- Auth errors raised by resolvers (`code` UNAUTHENTICATED / FORBIDDEN, see
  `graph_service.api.auth.require_role`) answered with 401 (with `WWW-Authenticate: Bearer`) /
  403, under either media type. The spec wants 2xx once execution began; we deviate
  deliberately, because clients and proxies act on auth statuses (re-login, no retry) and a
  write refused for lack of credentials must not look like a success. Partial `data` of
  other fields, if any, is kept as executed: earlier mutations in the same document did
  happen, and hiding that would mislead.
- Refusals of our own (`RequestRefused`: 401 bad token, 429 rate limit) and every other
  HTTP error are GraphQL-shaped JSON (`{"errors": [{"message": ..., "extensions": {"code":
  ...}}]}`), not plain text. A body that is not a JSON object (`42`, `null`), not UTF-8, or
  nested too deep to decode is a 400 like any other malformed body, not a 500.
- Bodies are read and written with orjson (UTF-8 bytes straight into the response).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from graph_service.api.auth.errors import FORBIDDEN, UNAUTHENTICATED
from graph_service.api.context import Context
from graph_service.api.errors import BAD_USER_INPUT, status_code
from graph_service.api.extensions.graph_errors import with_code
from graph_service.api.extensions.input_strings import variable_problem
from graph_service.api.negotiation import GRAPHQL_RESPONSE_JSON, JSON, negotiate

_MEDIA_TYPE = "graphql_media_type"
UNAVAILABLE_CODES = {"GRAPH_UNAVAILABLE", "GRAPH_BUSY"}
_SUB_RESPONSE = "graphql_sub_response"


class RequestRefused(Exception):
    """Answer the request with `status` before any GraphQL work."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: Mapping[str, str] | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.code = code or status_code(status)


class GraphQLOverHTTP(GraphQL[Context, None]):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            await self.admit(request)
            response = await self.run(request)
        except RequestRefused as refusal:
            response = self.refusal(
                request, refusal.status, refusal.message, refusal.headers, refusal.code
            )
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError) and request.method == "GET":
                response = self.refusal(request, 405, error.reason, {"Allow": "POST"})
            else:
                response = self.refusal(request, error.status_code, error.reason)
        await response(scope, receive, send)

    async def admit(self, request: Request) -> None:
        """Checks before any GraphQL work; raise RequestRefused to answer at once."""
        if self.should_render_graphql_ide(self.request_adapter_class(request)):
            return
        streaming = self._get_stream_transport_from_headers(request.headers) is not None
        media_type = JSON if streaming else negotiate(request.headers.get("accept"))
        if media_type is None:
            raise RequestRefused(406, f"Accept must allow {GRAPHQL_RESPONSE_JSON} or {JSON}")
        request.state.graphql_media_type = media_type
        content_type = request.headers.get("content-type", "")
        if request.method == "POST" and _media_type(content_type) != JSON:
            raise RequestRefused(415, f"Content-Type must be {JSON}", {"Accept-Post": JSON})

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)  # its JSONDecodeError is json's: Strawberry answers 400

    def parse_json(self, data: str | bytes) -> Any:
        """A JSON object (or a list, which batching refuses); anything else is a 400."""
        try:
            parsed = self.decode_json(data)
        except (ValueError, RecursionError) as error:  # not JSON, not UTF-8, nested too deep
            raise undecodable(data) from error
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, 'the request must be a JSON object: {"query": "..."}')
        return parsed

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = getattr(request.state, _MEDIA_TYPE, JSON)
        setattr(request.state, _SUB_RESPONSE, sub_response)
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        if result.errors:  # a parse error from the parser cache skips the schema's extensions
            result.errors = [with_code(error) for error in result.errors]
        body = await super().process_result(request, result)
        sub_response: Response | None = getattr(request.state, _SUB_RESPONSE, None)
        if sub_response is None:
            return body
        errors = result.errors or []
        if is_request_error(result):
            body.pop("data", None)
            if sub_response.media_type == GRAPHQL_RESPONSE_JSON:
                sub_response.status_code = 400
        codes = {(error.extensions or {}).get("code") for error in errors}
        if UNAUTHENTICATED in codes:
            sub_response.status_code = 401
            sub_response.headers["WWW-Authenticate"] = "Bearer"
        elif FORBIDDEN in codes:
            sub_response.status_code = 403
        elif codes & UNAVAILABLE_CODES and not _any_data(result):
            # Nothing could be done: a 503 that clients and proxies retry, not a 200.
            sub_response.status_code = 503
            breaker = getattr(request.app.state, "breaker", None)
            sub_response.headers["Retry-After"] = str(breaker.retry_after if breaker else 1)
        return body

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = sub_response.media_type or JSON
        return response

    def refusal(
        self,
        request: Request,
        status: int,
        message: str,
        headers: Mapping[str, str] | None = None,
        code: str | None = None,
    ) -> Response:
        media_type = getattr(request.state, _MEDIA_TYPE, None) or JSON
        error = {"message": message, "extensions": {"code": code or status_code(status)}}
        body = self.encode_json({"errors": [error]})
        return Response(
            body, status_code=status, media_type=media_type, headers=dict(headers or {})
        )


@lru_cache(maxsize=256)  # a handful of distinct headers in practice; others only evict
def _media_type(content_type: str) -> str:
    return parse_content_type(content_type)[0]


def undecodable(data: str | bytes) -> Exception:
    """Why orjson refused `data`. It also refuses a lone surrogate escape (`"\\ud800"`),
    which JSON's grammar allows but no UTF-8 text can hold: that is the client's bad input
    (BAD_USER_INPUT), told apart by the standard library's more lenient decoder."""
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):
        return HTTPException(400, "Unable to parse request body as JSON")
    variables = parsed.get("variables") if isinstance(parsed, dict) else None
    problem = variable_problem(variables, sys.maxsize) if isinstance(variables, dict) else None
    message = problem or "the request is not valid Unicode: it holds a lone surrogate"
    return RequestRefused(400, message, code=BAD_USER_INPUT)


def _any_data(result: ExecutionResult) -> bool:
    """True when some root field has a value (e.g. a mutation that did happen)."""
    return isinstance(result.data, dict) and any(v is not None for v in result.data.values())


def is_request_error(result: ExecutionResult) -> bool:
    """True when the request failed before execution: no data, and no error has a path."""
    errors: list[Any] = list(result.errors or [])
    return result.data is None and bool(errors) and all(e.path is None for e in errors)
