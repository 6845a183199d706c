"""ASGI middleware, one class per module."""

from graph_service.api.middleware.access_log import AccessLogMiddleware
from graph_service.api.middleware.body_size import BodySizeLimitMiddleware
from graph_service.api.middleware.cors import cors_middleware
from graph_service.api.middleware.in_flight import InFlightLimitMiddleware
from graph_service.api.middleware.request_id import RequestIdMiddleware

__all__ = [
    "AccessLogMiddleware",
    "BodySizeLimitMiddleware",
    "InFlightLimitMiddleware",
    "RequestIdMiddleware",
    "cors_middleware",
]
