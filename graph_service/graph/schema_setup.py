"""Idempotent schema setup: the uniqueness constraint and indexes every lookup relies on."""

from __future__ import annotations

from graph_service.graph.executor import Graph
from graph_service.ontology import INDEXES
from graph_service.queries import query, render_index

SETUP_QUERIES = (
    "setup_entity_id_constraint",
    "setup_entity_name_index",
    "setup_audit_entry_at_index",
    # Lookup nodes (ontology.SEARCH_TERM_LABEL, CITATION_LABEL): search by term prefix,
    # `supportedBy` by source, and their upkeep by the entity or relationship they describe;
    # near matches by a term's length and two of its three parts (text_search.near_keys).
    "setup_search_term_index",
    "setup_search_term_entity_index",
    "setup_search_term_near_12_index",
    "setup_search_term_near_13_index",
    "setup_search_term_near_23_index",
    "setup_citation_source_index",
    "setup_citation_key_index",
    "setup_citation_lock_constraint",  # api.mutations.citation_locks
)


async def ensure_schema(graph: Graph) -> None:
    for name in SETUP_QUERIES:
        await graph.write(query(name))
    for index in INDEXES:  # declared in the ontology: what the read path filters and sorts
        await graph.write(render_index("setup_kind_property_index", index))
