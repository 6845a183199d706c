"""Talking to the graph: the executor that runs Cypher, and schema setup."""

from graph_service.graph.errors import GraphError, GraphTimeout, GraphUnavailable
from graph_service.graph.executor import Graph, QueryLog, QueryRecord

__all__ = ["Graph", "GraphError", "GraphTimeout", "GraphUnavailable", "QueryLog", "QueryRecord"]
