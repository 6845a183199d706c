"""The rows file of a native bulk load: what the importer writes and the embedded graph reads.

The importer builds every stored row with the same functions as the Cypher path (the
property maps of `loading.rows`, the lookup entries of `loading.lookups`) and writes them in
chunks after one line naming every vertex label set and edge type the file uses (types are
created before the batch starts: ArcadeDB changes no schema while one runs). A chunk is two
lines: a JSON header, then the chunk's rows as one JSON array, which the
graph hands to ArcadeDB's JSON batch insert without reading it in Python.

- `{"vertices": [labels], "ids": [...] | null, "records": n}` then the property maps of the
  vertices. `ids` (entities only) lets later chunks find the new vertices' record ids.
- `{"edges": TYPE, "from": [ids], "to": [ids], "records": n}` then the property maps.

`records` is how many of the load's records (entities, relationships) the chunk completes,
for the progress bar; lookup chunks count none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson

CHUNK_ROWS = 10_000


@dataclass(frozen=True)
class VertexChunk:
    labels: list[str]
    ids: list[str] | None
    rows: bytes  # a JSON array of property maps
    records: int


@dataclass(frozen=True)
class EdgeChunk:
    type: str
    from_ids: list[str]
    to_ids: list[str]
    rows: bytes
    records: int


Chunk = VertexChunk | EdgeChunk


@dataclass(frozen=True)
class Types:
    vertex_labels: list[list[str]]
    edge_types: list[str]


def write_types(out: BinaryIO, types: Types) -> None:
    line = {"vertex_labels": types.vertex_labels, "edge_types": types.edge_types}
    out.write(orjson.dumps(line) + b"\n")


def read_types(handle: BinaryIO) -> Types:
    """The first line of a rows file; read it before `read_chunks`."""
    line = orjson.loads(handle.readline() or b"{}")
    if not isinstance(line, dict) or "vertex_labels" not in line:
        raise ValueError("a rows file starts with its types")
    return Types(line["vertex_labels"], line["edge_types"])


def write_vertices(
    out: BinaryIO,
    labels: list[str],
    rows: list[dict[str, Any]],
    *,
    ids: list[str] | None = None,
    records: int = 0,
) -> None:
    header = {"vertices": labels, "ids": ids, "records": records}
    out.write(orjson.dumps(header) + b"\n" + orjson.dumps(rows) + b"\n")


def write_edges(
    out: BinaryIO,
    rel_type: str,
    from_ids: list[str],
    to_ids: list[str],
    rows: list[dict[str, Any]],
) -> None:
    header = {"edges": rel_type, "from": from_ids, "to": to_ids, "records": len(rows)}
    out.write(orjson.dumps(header) + b"\n" + orjson.dumps(rows) + b"\n")


def read_chunks(handle: BinaryIO) -> Iterator[Chunk]:
    """The chunks of a rows file, in order; a malformed file raises ValueError."""
    while header_line := handle.readline():
        rows = handle.readline()
        if not rows.endswith(b"\n"):
            raise ValueError("the rows file ends inside a chunk")
        header = orjson.loads(header_line)
        if "vertices" in header:
            yield VertexChunk(header["vertices"], header["ids"], rows, int(header["records"]))
        elif "edges" in header:
            yield EdgeChunk(
                header["edges"], header["from"], header["to"], rows, int(header["records"])
            )
        else:
            raise ValueError(f"not a chunk header: {header_line[:80]!r}")
