"""CORS: local origins in development, an explicit allow-list (and nothing else) in production.

Starlette's CORSMiddleware does the work, per the Fetch standard: a preflight `OPTIONS`
from an allowed origin gets 200 with `Access-Control-Allow-Methods`, `-Headers` and
`-Max-Age`; other responses carry `Access-Control-Allow-Origin` for allowed origins and
`Vary: Origin`. Credentials (cookies) are never allowed: clients authenticate with an
`Authorization` header, which a page must set explicitly.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

ALLOWED_HEADERS = [
    "Authorization",
    "Content-Type",
    "Accept",
    "If-None-Match",
    "X-Request-ID",
    "X-Graph-Trace",
]
EXPOSED_HEADERS = ["X-Request-ID", "Retry-After", "WWW-Authenticate", "ETag"]
# Any port of the loopback host, as a dev server (Vite, Next, Storybook) serves a page from.
LOCAL_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?"
MAX_AGE_SECONDS = 600


def cors_middleware(origins: tuple[str, ...], *, development: bool) -> Middleware | None:
    """The CORS middleware, or None when no origin may call cross-origin.

    In development pages on local origins may call without configuration; production
    allows only `origins` (GRAPH_SERVICE_CORS_ORIGINS).
    """
    if not origins and not development:
        return None
    return Middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_origin_regex=LOCAL_ORIGINS if development else None,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=MAX_AGE_SECONDS,
    )
