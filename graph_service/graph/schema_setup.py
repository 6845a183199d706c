"""Idempotent schema setup: the uniqueness constraint and indexes every lookup relies on."""

from __future__ import annotations

from graph_service.graph.executor import Graph
from graph_service.ontology import ENTITY_KINDS, INDEXES, IndexDeclaration
from graph_service.queries import query, render, render_index

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
    arcadedb = await _is_arcadedb(graph)
    if arcadedb:
        for kind in ENTITY_KINDS:
            await graph.write(render("setup_kind_type", kind=kind))
    for index in INDEXES:  # declared in the ontology: what the read path filters and sorts
        if not index.then_id:
            await graph.write(render_index("setup_kind_property_index", index))
            continue
        await graph.write(render_index("setup_kind_ordered_index", index))
        if arcadedb:
            await _order_on_arcadedb(graph, index)
        else:  # Neo4j uses a composite index only with a predicate on each of its keys
            await graph.write(
                render_index("setup_kind_property_index", index, index_name=index.superseded_name())
            )


async def _order_on_arcadedb(graph: Graph, index: IndexDeclaration) -> None:
    """ArcadeDB reads a (name, id) index in order, and stops at a page's LIMIT, only when
    its schema declares the keys' types and no single-property index on the name competes
    (its planner would take that one and sort); Neo4j needs neither, and its Community
    Edition refuses property type constraints."""
    superseded = index.superseded_name()
    assert superseded is not None
    await graph.write(render_index("drop_superseded_index", index, index_name=superseded))
    for prop in index.key_properties():  # agency_name_type, agency_name_id_type
        named = f"{superseded if prop == index.property else index.index_name()}_type"
        await graph.write(
            render_index("setup_kind_string_type", index, index_name=named, property_=prop)
        )


async def _is_arcadedb(graph: Graph) -> bool:
    info = await graph.driver.get_server_info()
    return "arcadedb" in (info.agent or "").lower()
