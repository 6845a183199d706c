"""Schema setup creates the ontology's declared indexes, idempotently."""

from __future__ import annotations

import pytest

from graph_service.graph.executor import Graph
from graph_service.graph.schema_setup import ensure_schema
from graph_service.ontology import INDEXES
from graph_service.queries import CypherQuery, render_index


async def test_declared_indexes_exist_and_setup_runs_twice(graph: Graph) -> None:
    await ensure_schema(graph)
    await ensure_schema(graph)
    rows = await graph.read(CypherQuery("show_indexes", "SHOW INDEXES"))
    found = {(tuple(r.get("labelsOrTypes") or []), tuple(r.get("properties") or [])) for r in rows}
    names = {r.get("name") for r in rows}
    for index in INDEXES:
        assert ((index.label,), index.key_properties()) in found, index
        assert index.superseded_name() not in names, index  # on ArcadeDB, where tests run


async def test_setup_replaces_a_superseded_single_property_index(graph: Graph) -> None:
    index = next(i for i in INDEXES if i.then_id)
    old = index.superseded_name()
    assert old is not None
    await graph.write(
        CypherQuery("old", f"CREATE INDEX {old} IF NOT EXISTS FOR (n:{index.label}) ON (n.name)")
    )
    await ensure_schema(graph)
    rows = await graph.read(CypherQuery("show_indexes", "SHOW INDEXES"))
    assert old not in {r.get("name") for r in rows}


async def test_arcadedb_learns_the_types_of_the_ordered_keys(graph: Graph) -> None:
    """Without a declared type, ArcadeDB sorts every row of the range instead of reading
    the (name, id) index in order."""
    await ensure_schema(graph)
    rows = await graph.read(CypherQuery("show_constraints", "SHOW CONSTRAINTS"))
    typed = {
        (tuple(r.get("labelsOrTypes") or []), tuple(r.get("properties") or []))
        for r in rows
        if r.get("type") == "NODE_PROPERTY_TYPE"
    }
    for index in (i for i in INDEXES if i.then_id):
        for prop in index.key_properties():
            assert ((index.label,), (prop,)) in typed, (index, prop)


@pytest.mark.parametrize("wrong", [{"index_name": "entity_id"}, {"property_": "level"}])
def test_setup_statements_only_name_what_an_index_declares(wrong: dict[str, str]) -> None:
    index = next(i for i in INDEXES if i.then_id)
    with pytest.raises(ValueError, match="not derived"):
        render_index("setup_kind_string_type", index, **wrong)
