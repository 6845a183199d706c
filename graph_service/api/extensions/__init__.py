"""Schema extensions, one per module."""

from graph_service.api.extensions.query_trace import QueryTrace

__all__ = ["QueryTrace"]
