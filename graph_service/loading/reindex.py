"""Rebuild every lookup node (search terms, citations) from the entities and relationships.

For a graph loaded before the lookup nodes existed, or after writes that bypassed the
service: `graph-service reindex`. One transaction, so search never sees half an index.
"""

from __future__ import annotations

from graph_service.graph.executor import Graph
from graph_service.loading.json_lines import iter_records
from graph_service.loading.lookups import Statement, lookup_statements
from graph_service.loading.records import EntityRecord, RelationshipRecord
from graph_service.queries import query


async def rebuild_lookups(graph: Graph, *, timeout_seconds: float | None = None) -> int:
    """Replace every lookup node; the number of entities and relationships indexed."""
    entities: list[EntityRecord] = []
    relationships: list[RelationshipRecord] = []
    async for record in iter_records(graph):
        if isinstance(record, EntityRecord):
            entities.append(record)
        else:
            relationships.append(record)
    statements: list[Statement] = [
        (query("delete_all_search_terms"), {}),
        (query("delete_all_citations"), {}),
    ]
    statements += lookup_statements(entities, relationships)
    await graph.write_all(statements, timeout_seconds=timeout_seconds)
    return len(entities) + len(relationships)
