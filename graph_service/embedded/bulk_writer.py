"""Writing a rows file (`bulk_format`) into the graph with ArcadeDB's own batch API.

Runs inside the embedded graph's process, beside the JVM. Vertices get the type ArcadeDB's
Cypher gives a node with the same labels (`Labels.ensureCompositeType`: `Agency~Entity`,
extending `Agency` and `Entity`), so Bolt reads them exactly as if Cypher had created them;
the indexes and the `Entity.id` constraint are maintained as rows go in. `GraphBatch`
commits as it goes: what it wrote is taken back by the importer's journal if the load fails
(`loading.bulk`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from .bulk_format import Chunk, Types, VertexChunk


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
    key, an endpoint that is not in the graph, a cancellation).

    Entities and relationships are written by this thread; the lookup vertices (chunks
    without ids: search terms, citations), which nothing in the load links to, by a second
    thread with a batch of its own, into other types' buckets, so two cores can share the
    work.
    """
    import jpype

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
    lookups = _LookupWriter(java_db, type_names)
    batch = _new_batch(java_db)
    try:
        for chunk in chunks:
            if cancelled():
                raise BulkLoadCancelled("the import was cancelled")
            if isinstance(chunk, VertexChunk) and chunk.ids is None:
                lookups.submit(chunk)
            elif isinstance(chunk, VertexChunk):
                created = _create_vertices(batch, type_names[tuple(chunk.labels)], chunk.rows)
                if len(created) != len(chunk.ids or ()):
                    raise RuntimeError(
                        f"{len(created)} vertices created for {len(chunk.ids or ())}"
                    )
                rids.update(zip(chunk.ids or (), created, strict=True))
            else:
                _resolve(java_db, rids, [*chunk.from_ids, *chunk.to_ids])
                rows = orjson.loads(chunk.rows)
                for row, from_id, to_id in zip(rows, chunk.from_ids, chunk.to_ids, strict=True):
                    row["_src"] = rids[from_id]
                    row["_dst"] = rids[to_id]
                _edge_batcher().newEdgesJson(batch, chunk.type, orjson.dumps(rows).decode())
            on_records(chunk.records)
        lookups.finish()
    except BaseException:
        lookups.abandon()
        batch.abandon()
        raise
    batch.close()


def _new_batch(java_db: Any) -> Any:
    import jpype

    # The WAL stays on: the graph serves Bolt meanwhile, and GraphBatch's default (no WAL)
    # would also take it from every other transaction until the batch closes.
    return jpype.JClass("com.arcadedb.graph.GraphBatch").builder(java_db).withWAL(True).build()


def _create_vertices(batch: Any, type_name: str, rows: bytes) -> list[str]:
    import jpype

    vertex_batcher = jpype.JClass("com.arcadedb.python.VertexBatcher")
    joined = str(vertex_batcher.createVerticesJson(batch, type_name, rows.decode()))
    return joined.split(";") if joined else []


def _edge_batcher() -> Any:
    import jpype

    return jpype.JClass("com.arcadedb.python.EdgeBatcher")


class _LookupWriter:
    """A thread creating lookup vertices with its own batch, fed through a short queue."""

    _DONE = None

    def __init__(self, java_db: Any, type_names: dict[tuple[str, ...], str]) -> None:
        self._java_db = java_db
        self._type_names = type_names
        self._queue: queue.Queue[VertexChunk | None] = queue.Queue(maxsize=4)
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bulk-lookups", daemon=True)
        self._thread.start()

    def submit(self, chunk: VertexChunk) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue
        self._raise()

    def finish(self) -> None:
        self._put_done()
        self._thread.join()
        self._raise()

    def _put_done(self) -> None:
        while self._thread.is_alive():
            try:
                self._queue.put(self._DONE, timeout=0.5)
                return
            except queue.Full:
                continue

    def abandon(self) -> None:
        self._stop.set()
        self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error
        if self._stop.is_set():
            raise BulkLoadCancelled("the lookup writer stopped")

    def _run(self) -> None:
        batch = _new_batch(self._java_db)
        try:
            while not self._stop.is_set():
                try:
                    chunk = self._queue.get(timeout=0.5)
                except queue.Empty:
                    continue
                if chunk is self._DONE:
                    batch.close()
                    return
                _create_vertices(batch, self._type_names[tuple(chunk.labels)], chunk.rows)
            batch.abandon()
        except BaseException as error:
            self._error = error
            self._stop.set()
            batch.abandon()


def _resolve(java_db: Any, rids: dict[str, str], ids: list[str]) -> None:
    """Record ids of entities this load did not create, through the `Entity.id` index."""
    for entity_id in {i for i in ids if i not in rids}:
        cursor = java_db.lookupByKey("Entity", ["id"], [entity_id])
        if not cursor.hasNext():
            raise LookupError(f"entity {entity_id!r} is not in the graph")
        rids[entity_id] = str(cursor.next().getIdentity())
