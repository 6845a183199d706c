"""ASGI middleware, one class per module."""

from graph_service.api.middleware.body_size import BodySizeLimitMiddleware
from graph_service.api.middleware.cors import cors_middleware
from graph_service.api.middleware.request_id import RequestIdMiddleware

__all__ = ["BodySizeLimitMiddleware", "RequestIdMiddleware", "cors_middleware"]
