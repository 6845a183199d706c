"""Liveness and readiness probes.

`/healthz` is about this process only: alive means it answers, whatever the graph does
(restarting the service would not bring a graph back). `/readyz` tells the truth about
the graph: 503 with the reason while the circuit breaker is open (the embedded graph
died, is frozen or restarting; the server refuses connections), else a ping.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from graph_service.graph.errors import GraphError, GraphTimeout
from graph_service.graph.executor import Graph
from graph_service.queries import query


async def healthz(request: Request) -> JSONResponse:
    """The process is alive; says nothing about the graph."""
    return JSONResponse({"status": "alive"})


READY_TIMEOUT_SECONDS = 2.0


async def readyz(request: Request) -> JSONResponse:
    """200 only while the graph answers a query, within a probe's patience (2 s at most)."""
    shared: Graph = request.app.state.graph
    timeout = min(READY_TIMEOUT_SECONDS, shared.timeout_seconds)
    graph = Graph(shared.driver, shared.database, timeout, breaker=shared.breaker)
    try:
        await graph.read(query("ping"))
    except GraphTimeout:
        reason = f"the graph is up but did not answer a ping within {timeout:g} s: it is busy"
        return _unavailable(reason, 1)
    except GraphError as error:
        return _unavailable(str(error), getattr(error, "retry_after", 1))
    return JSONResponse({"status": "ready"})


def _unavailable(reason: str, retry_after: int) -> JSONResponse:
    return JSONResponse(
        {"status": "unavailable", "reason": reason},
        status_code=503,
        headers={"Retry-After": str(retry_after)},
    )
