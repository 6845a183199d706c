"""HTTP caching of reads: `Cache-Control` and an `ETag` on anonymous GET queries, 304 on a match.

Only a GET query can be cached (a POST never is, by HTTP's rules), and only an anonymous
reader's answer may be shared: a request with credentials gets `Cache-Control: no-store`.
Answers carrying errors are not cached. The ETag is a digest of the body, so a reader whose
`If-None-Match` names it gets 304 with no body: the graph was still read, but nothing
crossed the network again. Persisted queries sent by hash over GET (APQ) are what makes
URLs short enough for CDNs to cache.
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

VARY = "Accept, Authorization, X-Graph-Trace"
PRIVATE = "no-store"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): `*`, or any listed tag equal once `W/` is dropped."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def with_cache_headers(
    request: Request, response: Response, *, anonymous: bool, ok: bool, cache_control: str
) -> Response:
    """`response` with caching headers (or a 304 in its place) when it answers a GET query."""
    if request.method != "GET" or isinstance(response, StreamingResponse):
        return response
    if (
        response.status_code != 200
        or not ok
        or "json" not in response.headers.get("content-type", "")
    ):
        return response
    response.headers["Vary"] = VARY
    if not anonymous:
        response.headers["Cache-Control"] = PRIVATE
        return response
    etag = etag_of(bytes(response.body))
    headers = {"ETag": etag, "Cache-Control": cache_control, "Vary": VARY}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return response
