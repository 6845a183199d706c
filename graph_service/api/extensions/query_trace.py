"""Reports the Cypher round trips of a request in the response's `extensions.graph`.

On when the request sends `X-Graph-Trace: 1` or the service runs with GRAPH_SERVICE_TRACE.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension


class QueryTrace(SchemaExtension):
    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
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
