"""The lookup nodes written beside every entity and relationship, in the same transaction.

`SearchTerm` nodes hold the normalised terms of an entity's name and aliases (with its key,
kind and name, so search ranks and orders without reading entities); `Citation` nodes hold
one (source, fact) pair each, so `supportedBy` and the check before deleting a source are
index seeks instead of reading every entity and relationship. A write replaces the entries
of what it writes; a delete removes them (`forget_statements`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from graph_service.loading.records import EntityRecord, RelationshipRecord
from graph_service.queries import CypherQuery, query
from graph_service.text_search import indexed_terms

Entry = dict[str, Any]
Statement = tuple[CypherQuery, dict[str, Any]]

# Entries are small maps: ten times a loading batch per statement, so a mutation's batch of
# up to 500 entities still writes its entries in one statement each.
ENTRY_BATCH_SIZE = 5000
ENTITY_FACT = "entity"
RELATIONSHIP_FACT = "relationship"


def search_term_entries(entity: EntityRecord) -> list[Entry]:
    return [
        {**term, "entity": entity.id, "kind": entity.kind, "name": entity.name}
        for term in indexed_terms(entity.name, entity.aliases)
    ]


def citation_entries(fact: EntityRecord | RelationshipRecord) -> list[Entry]:
    if isinstance(fact, EntityRecord):
        return [
            {"source": s, "key": fact.id, "fact": ENTITY_FACT} for s in dict.fromkeys(fact.sources)
        ]
    return [
        {
            "source": s,
            "key": fact.id,
            "fact": RELATIONSHIP_FACT,
            "from": fact.from_id,
            "to": fact.to_id,
        }
        for s in dict.fromkeys(fact.sources)
    ]


def _batches(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def lookup_statements(
    entities: Sequence[EntityRecord],
    relationships: Sequence[RelationshipRecord],
    *,
    existing: Collection[str] = (),
    batch_size: int = ENTRY_BATCH_SIZE,
) -> list[Statement]:
    """Write the entries of `entities` and `relationships`, first removing the entries they
    replace: those of entities in `existing` (ids already in the graph) and of relationships
    whose ends both are (one that touches a new entity cannot be in the graph yet)."""
    statements = forget_statements(
        sorted({e.id for e in entities if e.id in existing}),
        sorted({r.id for r in relationships if r.from_id in existing and r.to_id in existing}),
        batch_size=batch_size,
    )
    terms = [e for entity in entities for e in search_term_entries(entity)]
    facts: list[EntityRecord | RelationshipRecord] = [*entities, *relationships]
    citations = [c for fact in facts for c in citation_entries(fact)]
    statements += [
        (query("create_search_terms"), {"entries": b}) for b in _batches(terms, batch_size)
    ]
    statements += [
        (query("create_citations"), {"entries": b}) for b in _batches(citations, batch_size)
    ]
    return statements


def forget_statements(
    entity_ids: Sequence[str],
    relationship_ids: Sequence[str] = (),
    *,
    batch_size: int = ENTRY_BATCH_SIZE,
) -> list[Statement]:
    """Remove the entries of these entities and relationships."""
    statements = [
        (query("delete_search_terms"), {"keys": b}) for b in _batches(entity_ids, batch_size)
    ]
    keys = [*entity_ids, *relationship_ids]
    statements += [(query("delete_citations"), {"keys": b}) for b in _batches(keys, batch_size)]
    return statements
