"""Reports the Cypher round trips of a request in the response's `extensions.graph`.

On when the request sends `X-Graph-Trace: 1` or the service runs with GRAPH_SERVICE_TRACE.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension


class QueryTrace(SchemaExtension):
    def get_results(self) -> dict[str, Any]:
        return trace_results(self.execution_context.context)


def trace_results(context: Any) -> dict[str, Any]:
    """The response's `extensions` entry for `context`'s request: its round trips when it
    asked for them (also called by the fast path's direct entry, `fast_reads/direct.py`)."""
    if not getattr(context, "trace", False):
        return {}
    log = context.log
    return {
        "graph": {
            "queryCount": log.count,
            "milliseconds": round(log.milliseconds, 3),
            "queries": [
                {"name": r.name, "milliseconds": r.milliseconds, "rows": r.rows}
                for r in log.records
            ],
        }
    }
