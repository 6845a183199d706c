"""Writing a rows file (`bulk_format`) into the graph with ArcadeDB's own batch API.

Runs inside the embedded graph's process, beside the JVM. Vertices get the type ArcadeDB's
Cypher gives a node with the same labels (`Labels.ensureCompositeType`: `Agency~Entity`,
extending `Agency` and `Entity`), so Bolt reads them exactly as if Cypher had created them;
the indexes and the `Entity.id` constraint are maintained as rows go in. `GraphBatch`
commits as it goes: what it wrote is taken back by the importer's journal if the load fails
(`loading.bulk`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import orjson

from .bulk_format import Chunk, EdgeChunk, Types, VertexChunk


class BulkLoadCancelled(Exception):
    """The importer went away (or asked to stop) before the load was written."""


def write_chunks(
    java_db: Any,
    types: Types,
    chunks: Iterable[Chunk],
    *,
    on_records: Callable[[int], object] = lambda n: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    """Create every chunk's vertices and edges; raises on the first failure (a duplicate
    key, an endpoint that is not in the graph, a cancellation)."""
    import jpype

    graph_batch = jpype.JClass("com.arcadedb.graph.GraphBatch")
    vertex_batcher = jpype.JClass("com.arcadedb.python.VertexBatcher")
    edge_batcher = jpype.JClass("com.arcadedb.python.EdgeBatcher")
    labels_class = jpype.JClass("com.arcadedb.query.opencypher.Labels")
    array_list = jpype.JClass("java.util.ArrayList")
    schema = java_db.getSchema()
    type_names = {
        tuple(labels): str(labels_class.ensureCompositeType(schema, array_list(labels)))
        for labels in types.vertex_labels
    }
    for edge_type in types.edge_types:
        schema.getOrCreateEdgeType(edge_type)
    rids: dict[str, str] = {}
    batch = graph_batch.builder(java_db).withWAL(True).build()
    try:
        for chunk in chunks:
            if cancelled():
                raise BulkLoadCancelled("the import was cancelled")
            if isinstance(chunk, VertexChunk):
                joined = str(
                    vertex_batcher.createVerticesJson(
                        batch, type_names[tuple(chunk.labels)], chunk.rows.decode()
                    )
                )
                if chunk.ids is not None:
                    created = joined.split(";") if joined else []
                    if len(created) != len(chunk.ids):
                        raise RuntimeError(
                            f"{len(created)} vertices created for {len(chunk.ids)} rows"
                        )
                    rids.update(zip(chunk.ids, created, strict=True))
            elif isinstance(chunk, EdgeChunk):
                _resolve(java_db, rids, [*chunk.from_ids, *chunk.to_ids])
                rows = orjson.loads(chunk.rows)
                for row, from_id, to_id in zip(rows, chunk.from_ids, chunk.to_ids, strict=True):
                    row["_src"] = rids[from_id]
                    row["_dst"] = rids[to_id]
                edge_batcher.newEdgesJson(batch, chunk.type, orjson.dumps(rows).decode())
            on_records(chunk.records)
    except BaseException:
        batch.abandon()
        raise
    batch.close()


def _resolve(java_db: Any, rids: dict[str, str], ids: list[str]) -> None:
    """Record ids of entities this load did not create, through the `Entity.id` index."""
    for entity_id in {i for i in ids if i not in rids}:
        cursor = java_db.lookupByKey("Entity", ["id"], [entity_id])
        if not cursor.hasNext():
            raise LookupError(f"entity {entity_id!r} is not in the graph")
        rids[entity_id] = str(cursor.next().getIdentity())
