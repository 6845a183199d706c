"""Schema setup creates the ontology's declared indexes, idempotently."""

from __future__ import annotations

from graph_service.graph.executor import Graph
from graph_service.graph.schema_setup import ensure_schema
from graph_service.ontology import INDEXES
from graph_service.queries import CypherQuery


async def test_declared_indexes_exist_and_setup_runs_twice(graph: Graph) -> None:
    await ensure_schema(graph)
    await ensure_schema(graph)
    rows = await graph.read(CypherQuery("show_indexes", "SHOW INDEXES"))
    found = {(tuple(r.get("labelsOrTypes") or []), tuple(r.get("properties") or [])) for r in rows}
    for index in INDEXES:
        assert ((index.label,), (index.property,)) in found, index
