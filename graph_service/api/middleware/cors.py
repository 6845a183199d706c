"""CORS from an allow-list: no origin listed (the default) means no cross-origin access.

Starlette's CORSMiddleware does the work. Credentials (cookies) are never allowed: clients
authenticate with an `Authorization` header, which a page must set explicitly.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

ALLOWED_HEADERS = ["Authorization", "Content-Type", "Accept", "X-Request-ID", "X-Graph-Trace"]
EXPOSED_HEADERS = ["X-Request-ID", "Retry-After", "WWW-Authenticate"]


def cors_middleware(origins: tuple[str, ...]) -> Middleware | None:
    """The CORS middleware for `origins`, or None when no origin may call cross-origin."""
    if not origins:
        return None
    return Middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_methods=["GET", "POST"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=600,
    )
