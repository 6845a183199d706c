"""A validated dataset as the rows file of a native bulk load (`embedded.bulk_format`).

The rows are the Cypher path's: `loading.rows` for entities and relationships,
`loading.lookups` for their search terms and citations. Entities come first, kind by kind,
so that every relationship's new endpoints exist when its chunk is written.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO, TypeVar

from graph_service.embedded.bulk_format import (
    CHUNK_ROWS,
    Types,
    write_edges,
    write_types,
    write_vertices,
)
from graph_service.loading.lookups import citation_entries, search_term_entries
from graph_service.loading.records import Dataset, EntityRecord, RelationshipRecord
from graph_service.loading.rows import entity_row, relationship_row
from graph_service.ontology import CITATION_LABEL, ENTITY_LABEL, SEARCH_TERM_LABEL

T = TypeVar("T")
_INT64 = 2**63


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _json_exact(value: Any) -> bool:
    """Whether JSON carries `value` to the graph as Bolt would (no NaN, 64-bit integers)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int):
        return -_INT64 <= value < _INT64
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    return True


def fits_rows_file(dataset: Dataset) -> bool:
    """Whether every property of `dataset` survives JSON unchanged (else: the Cypher path)."""
    records: Iterable[EntityRecord | RelationshipRecord] = [
        *dataset.entities,
        *dataset.relationships,
    ]
    return all(_json_exact(v) for record in records for v in record.properties.values())


def write_rows_file(dataset: Dataset, out: BinaryIO, chunk_rows: int = CHUNK_ROWS) -> None:
    by_kind: dict[str, list[EntityRecord]] = defaultdict(list)
    for entity in dataset.entities:
        by_kind[entity.kind].append(entity)
    by_type: dict[str, list[RelationshipRecord]] = defaultdict(list)
    for rel in dataset.relationships:
        by_type[rel.type].append(rel)
    labels = [[ENTITY_LABEL, kind] for kind in sorted(by_kind)]
    labels += [[SEARCH_TERM_LABEL], [CITATION_LABEL]]
    write_types(out, Types(labels, sorted(by_type)))
    for kind, entities in sorted(by_kind.items()):
        for chunk in _chunks(entities, chunk_rows):
            write_vertices(
                out,
                [ENTITY_LABEL, kind],
                [entity_row(e)["props"] for e in chunk],
                ids=[e.id for e in chunk],
                records=len(chunk),
            )
            terms = [t for e in chunk for t in search_term_entries(e)]
            for rows in _chunks(terms, chunk_rows):
                write_vertices(out, [SEARCH_TERM_LABEL], list(rows))
            citations = [c for e in chunk for c in citation_entries(e)]
            for rows in _chunks(citations, chunk_rows):
                write_vertices(out, [CITATION_LABEL], list(rows))
    for rel_type, rels in sorted(by_type.items()):
        for links in _chunks(rels, chunk_rows):
            write_edges(
                out,
                rel_type,
                [r.from_id for r in links],
                [r.to_id for r in links],
                [relationship_row(r)["props"] for r in links],
            )
            citations = [c for r in links for c in citation_entries(r)]
            for rows in _chunks(citations, chunk_rows):
                write_vertices(out, [CITATION_LABEL], list(rows))
