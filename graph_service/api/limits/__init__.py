"""Abuse limits: document size and shape, estimated cost, and request rate."""

from graph_service.api.limits.config import SchemaLimits
from graph_service.api.limits.cost import estimate_cost
from graph_service.api.limits.cost_limiter import CostLimiter
from graph_service.api.limits.extensions import limit_extensions
from graph_service.api.limits.rate import RateLimiter

__all__ = ["CostLimiter", "RateLimiter", "SchemaLimits", "estimate_cost", "limit_extensions"]
