"""Schema setup creates the ontology's declared indexes, idempotently."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from graph_service.graph import schema_setup
from graph_service.graph.executor import Graph
from graph_service.graph.schema_setup import ensure_schema
from graph_service.ontology import INDEXES
from graph_service.queries import CypherQuery, render_index
from tests.loading.scratch import scratch_graph


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


async def test_the_first_concurrent_creates_of_a_kind_all_succeed(tmp_path: Path) -> None:
    """ArcadeDB creates a label pair's type with its first node; without setup having made
    it, concurrent first creates race for it and some fail (a SemanticError)."""
    kinds = ("Platform", "Event", "Policy")
    async with scratch_graph(tmp_path / "graph") as scratch:
        driver, database = scratch.graph.driver, scratch.graph.database

        async def create(kind: str, number: int) -> None:  # a failed one raises here
            await driver.execute_query(
                f"CREATE (n:Entity:{kind} {{id: $id}})", id=f"{kind}-{number}", database_=database
            )

        await asyncio.gather(*(create(kind, n) for kind in kinds for n in range(12)))
        [row] = await scratch.graph.read(
            CypherQuery("count", "MATCH (n:Entity) RETURN count(n) AS n")
        )
        assert row["n"] == 12 * len(kinds)


async def test_the_first_concurrent_links_of_a_type_all_succeed(tmp_path: Path) -> None:
    """Unlike a kind's type, ArcadeDB's edge type for a relationship type needs no setup:
    concurrent first links of a type all succeed, each in one auto-commit transaction that
    nothing retries (so a lost race would show)."""
    types = ("GOVERNS", "ATTENDED", "LAUNCHED", "DISCUSSED")
    async with scratch_graph(tmp_path / "graph") as scratch:
        driver, database = scratch.graph.driver, scratch.graph.database
        await driver.execute_query(
            "UNWIND range(0, 23) AS i CREATE (:Entity:Platform {id: 'p-' + toString(i)})",
            database_=database,
        )

        async def link(rel: str, number: int) -> None:  # a failed one raises here
            async with driver.session(database=database) as session:
                result = await session.run(
                    "MATCH (a:Entity {id: $a}) MATCH (b:Entity {id: $b}) "
                    f"MERGE (a)-[r:{rel} {{id: $id}}]->(b) SET r.at = 1",
                    a=f"p-{number}",
                    b=f"p-{number + 12}",
                    id=f"{rel}-{number}",
                )
                await result.consume()

        await asyncio.gather(*(link(rel, n) for rel in types for n in range(12)))
        [row] = await scratch.graph.read(
            CypherQuery("count", "MATCH ()-[r]->() RETURN count(r) AS n")
        )
        assert row["n"] == 12 * len(types)


async def test_setup_says_what_it_is_building_while_it_runs(
    graph: Graph, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An index built over a big graph takes minutes: the log says which, as it goes."""
    monkeypatch.setattr(schema_setup, "PROGRESS_INTERVAL_SECONDS", 0.0001)
    monkeypatch.setattr(schema_setup, "SLOW_STATEMENT_SECONDS", 0.0)
    with caplog.at_level(logging.INFO, logger=schema_setup.__name__):
        await ensure_schema(graph)
    assert "schema setup: setup_entity_name_index still running after" in caplog.text
    assert "schema setup: setup_entity_name_index took" in caplog.text
