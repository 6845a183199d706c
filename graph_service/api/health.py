"""Liveness and readiness probes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from graph_service.graph.errors import GraphError
from graph_service.graph.executor import Graph
from graph_service.queries import query


async def healthz(request: Request) -> JSONResponse:
    """The process is alive; says nothing about the graph."""
    return JSONResponse({"status": "alive"})


READY_TIMEOUT_SECONDS = 2.0


async def readyz(request: Request) -> JSONResponse:
    """200 only while the graph answers a query, within a probe's patience (2 s at most:
    the driver would otherwise retry a lost connection for the whole graph timeout)."""
    shared: Graph = request.app.state.graph
    timeout = min(READY_TIMEOUT_SECONDS, shared.timeout_seconds)
    graph = Graph(shared.driver, shared.database, timeout)
    try:
        await graph.read(query("ping"))
    except GraphError as error:
        return JSONResponse({"status": "unavailable", "reason": str(error)}, status_code=503)
    return JSONResponse({"status": "ready"})
