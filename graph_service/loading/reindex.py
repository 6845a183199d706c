"""Rebuild every lookup node (search terms, citations) from the entities and relationships.

For a graph loaded before the lookup nodes existed, or after writes that bypassed the
service: `graph-service reindex`. It walks the entities in keyset pages by id (the
`Entity.id` index), reads each page's outgoing relationships, and rewrites the page's
entries in one bounded transaction: the old entries of those entities and relationships
are removed in the same transaction that writes their new ones, so search keeps working
throughout and an interrupted reindex leaves every entity indexed (old or new entries),
never unindexed. Last, the entries whose entity or relationship no longer exists are
deleted. Run it on a quiet graph: an entity created while the reindex runs is indexed by
its own write, but one deleted meanwhile may keep stale entries until the next reindex.
"""

from __future__ import annotations

from collections.abc import Callable

from graph_service.graph.executor import Graph, Row
from graph_service.loading.lookups import ENTRY_BATCH_SIZE, forget_statements, lookup_statements
from graph_service.loading.records import EntityRecord, RelationshipRecord
from graph_service.loading.rows import entity_from_row, relationship_from_row
from graph_service.queries import CypherQuery, query

# Entities a transaction rewrites: with their relationships and entries, a few thousand
# small nodes, well within a transaction's memory at any graph size.
REINDEX_PAGE = 1000


async def _read(
    graph: Graph, cypher: CypherQuery, timeout_seconds: float | None, **params: object
) -> list[Row]:
    return await graph.transact(
        lambda tx: tx.run(cypher, **params), write=False, timeout_seconds=timeout_seconds
    )


async def rebuild_lookups(
    graph: Graph,
    *,
    timeout_seconds: float | None = None,
    on_batch: Callable[[int], object] | None = None,
    page_size: int = REINDEX_PAGE,
) -> int:
    """Replace every lookup node; the number of entities and relationships indexed.
    `on_batch` hears how many entities each committed page held (progress bars)."""
    seen: set[str] = set()
    after = ""
    while True:
        rows = await _read(
            graph, query("export_entities"), timeout_seconds, after=after, limit=page_size
        )
        if not rows:
            break
        entities = [entity_from_row(row["labels"], row["props"]) for row in rows]
        ids = [entity.id for entity in entities]
        rel_rows = await _read(graph, query("list_relationships_from"), timeout_seconds, ids=ids)
        relationships = [
            relationship_from_row(row["type"], row["from"], row["to"], row["props"])
            for row in rel_rows
        ]
        await _rewrite(graph, entities, relationships, timeout_seconds)
        seen.update(ids)
        seen.update(rel.id for rel in relationships)
        if on_batch is not None:
            on_batch(len(entities))
        if len(rows) < page_size:
            break
        after = ids[-1]
    await _forget_orphans(graph, seen, timeout_seconds)
    return len(seen)


async def _rewrite(
    graph: Graph,
    entities: list[EntityRecord],
    relationships: list[RelationshipRecord],
    timeout_seconds: float | None,
) -> None:
    statements = forget_statements(
        [entity.id for entity in entities], [rel.id for rel in relationships]
    )
    statements += lookup_statements(entities, relationships)
    await graph.write_all(statements, timeout_seconds=timeout_seconds)


async def _forget_orphans(graph: Graph, seen: set[str], timeout_seconds: float | None) -> None:
    """Delete the entries of entities and relationships that are gone, in bounded batches."""
    owners = await _read(graph, query("list_search_term_owners"), timeout_seconds)
    keys = await _read(graph, query("list_citation_keys"), timeout_seconds)
    gone_owners = sorted({row["key"] for row in owners} - seen)
    gone_keys = sorted({row["key"] for row in keys} - seen)
    for start in range(0, max(len(gone_owners), len(gone_keys)), ENTRY_BATCH_SIZE):
        stop = start + ENTRY_BATCH_SIZE
        batch = [
            (query("delete_search_terms"), {"keys": keys})
            for keys in [gone_owners[start:stop]]
            if keys
        ]
        batch += [
            (query("delete_citations"), {"keys": keys}) for keys in [gone_keys[start:stop]] if keys
        ]
        await graph.write_all(batch, timeout_seconds=timeout_seconds)
