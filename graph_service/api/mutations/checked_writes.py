"""Writes that check what they depend on in the statement that writes: one round trip.

A statement here writes only when the graph still is as the mutation needs it (the id
free, the sources Sources, the names nobody else's) and otherwise writes nothing (but a
citation lock, see `citation_locks`) and says what it found; the mutation then explains
the refusal with the ordinary checks, in the same transaction, and rolls it back. It
writes the entity with its lookup nodes (search terms, citations) and its audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph_service.api.mutations.citation_locks import one_lock_each
from graph_service.graph.errors import GraphConflict
from graph_service.graph.executor import Transaction
from graph_service.loading.lookups import citation_entries, search_term_entries
from graph_service.loading.records import EntityRecord
from graph_service.loading.rows import entity_row
from graph_service.loading.writer import whole_terms
from graph_service.ontology import SOURCE_KIND, EntityKind
from graph_service.queries import query, render


@dataclass(frozen=True)
class CheckedWrite:
    """What a checked write found: whether it wrote, and if not, why."""

    written: bool
    taken: bool = False  # the id is another entity's
    namesakes: tuple[str, ...] = ()  # other entities owning one of its whole terms


def cited_sources(record: EntityRecord) -> list[str]:
    """The sources to find in the graph: a Source may cite itself, written with it."""
    own = record.id if record.kind == SOURCE_KIND else None
    return sorted({s for s in record.sources if s != own})


async def create_entity(
    tx: Transaction,
    kind: EntityKind,
    record: EntityRecord,
    audit_entry: dict[str, Any],
    namesakes: Sequence[str] = (),
) -> CheckedWrite:
    """Create `record` with its lookups and `audit_entry` unless its id is taken, a source
    is missing or not a Source, or another entity than `namesakes` owns one of its names."""
    sources = cited_sources(record)
    rows = await tx.run(
        render("create_entity", kind=kind),
        locks=one_lock_each(sources),
        id=record.id,
        props=entity_row(record)["props"],
        sources=sources,
        terms=whole_terms([record]),
        namesakes=list(namesakes),
        search_terms=search_term_entries(record),
        citations=citation_entries(record),
        audit=audit_entry,
    )
    found = rows[0]
    return CheckedWrite(found["created"], found["taken"], tuple(found["namesakes"]))


async def replace_entity(
    tx: Transaction, record: EntityRecord, audit_entry: dict[str, Any]
) -> None:
    """Replace the stored `record` (locked and checked by the caller), its lookups with
    it, and write `audit_entry`."""
    rows = await tx.run(
        query("replace_entity"),
        id=record.id,
        props=entity_row(record)["props"],
        search_terms=search_term_entries(record),
        citations=citation_entries(record),
        audit=audit_entry,
    )
    if not rows or rows[0]["replaced"] != 1:
        raise GraphConflict(f"{record.id!r} vanished meanwhile")  # run the mutation again
