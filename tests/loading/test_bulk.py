"""The embedded graph's native bulk path: the graph it writes is the Cypher path's, and a
load that fails or is cancelled midway leaves the graph as it was."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from graph_service.embedded.bulk_format import write_edges
from graph_service.graph.executor import Graph
from graph_service.loading import Dataset, EntityRecord, LoadError, load_dataset, read_json_lines
from graph_service.loading import bulk as bulk_module
from graph_service.loading.bulk import BulkLoadFailed, bulk_entry_of
from graph_service.loading.lookups import search_term_entries
from graph_service.loading.records import RelationshipRecord
from graph_service.queries import CypherQuery
from graph_service.settings import Settings
from graph_service.synthetic import write_json_lines
from tests.loading.scratch import export_lines, scratch_graph

DUMP = {
    "entities": "MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props",
    "relationships": "MATCH (a:Entity)-[r]->(b:Entity)"
    " RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props",
    "incoming": "MATCH (b:Entity)<-[r]-(a:Entity) RETURN b.id AS to, type(r) AS type, a.id AS from",
    "terms": "MATCH (t:SearchTerm) RETURN properties(t) AS props",
    "citations": "MATCH (c:Citation) RETURN properties(c) AS props",
    "labels": "CALL db.labels() YIELD label RETURN label",
    "types": "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "indexes": "SHOW INDEXES YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties",
    "search": "MATCH (t:SearchTerm) WHERE t.term STARTS WITH 'cimahi'"
    " MATCH (n:Entity {id: t.entity}) RETURN n.id AS id, t.term AS term",
    "stages": "MATCH (s:LoadStage) RETURN s.load AS load",
}
COUNTS = CypherQuery(
    "test_bulk_counts",
    "CALL () { MATCH (n) RETURN count(n) AS nodes }"
    " CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }"
    " RETURN nodes, relationships",
)


async def _dump(graph: Graph) -> dict[str, list[str]]:
    """Every node, relationship, label and index, as sorted JSON (4 and 4.0 differ)."""
    dump = {}
    for name, text in DUMP.items():
        rows = await graph.read(CypherQuery(f"test_bulk_{name}", text))
        dump[name] = sorted(json.dumps(row, sort_keys=True) for row in rows)
    return dump


def _synthetic(tmp_path: Path, entities: int) -> Dataset:
    path = tmp_path / "synthetic.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_json_lines(entities, out, seed=3)
    return read_json_lines([path])


async def test_the_bulk_path_writes_the_graph_the_cypher_path_writes(tmp_path: Path) -> None:
    dataset = _synthetic(tmp_path, 300)
    async with scratch_graph(tmp_path / "graph") as scratch:
        graph, data_dir = scratch.graph, scratch.settings.data_dir
        assert bulk_entry_of(data_dir) is not None
        written: list[int] = []
        await load_dataset(graph, dataset, bulk_data_dir=data_dir, on_batch=written.append)
        assert sum(written) == len(dataset.entities) + len(dataset.relationships)
        native = await _dump(graph)
        native_export = await export_lines(graph)
        await graph.write(CypherQuery("test_bulk_wipe", "MATCH (n) DETACH DELETE n"))
        await load_dataset(graph, dataset, stage_records=10**9)  # Cypher, one transaction
        assert await _dump(graph) == native
        assert await export_lines(graph) == native_export
    assert native["search"], "the search terms of the load answer a prefix search"
    assert len(native["entities"]) == len(dataset.entities)
    assert len(native["relationships"]) == len(dataset.relationships)
    assert native["stages"] == []


def _office(n: int) -> EntityRecord:
    return EntityRecord(
        id=f"test-bulk-{n}", kind="Office", name=f"Kantor Curah Nomor {n}", sources=["src-indoart"]
    )


def _offices() -> Dataset:
    offices = [_office(n) for n in range(30)]
    parts = [
        RelationshipRecord("PART_OF", office.id, "pemkot-cimahi", sources=["src-indoart"])
        for office in offices
    ]
    return Dataset(entities=offices, relationships=parts)


async def test_a_bulk_load_links_new_entities_to_ones_already_in_the_graph(
    graph: Graph, settings: Settings
) -> None:
    linked = CypherQuery(
        "test_bulk_linked",
        "MATCH (:Entity {id: 'pemkot-cimahi'})<-[:PART_OF]-(o:Office)"
        " WHERE o.id STARTS WITH 'test-bulk-' RETURN count(o) AS offices",
    )
    counts = await graph.read(COUNTS)
    try:
        written = await load_dataset(graph, _offices(), bulk_data_dir=settings.data_dir)
        assert written == "bulk"
        assert await graph.read(linked) == [{"offices": 30}]
        [after] = await graph.read(COUNTS)
        terms = sum(len(search_term_entries(e)) for e in _offices().entities)
        assert after["nodes"] == counts[0]["nodes"] + 30 + terms + 60  # a citation per fact
        assert after["relationships"] == counts[0]["relationships"] + 30
    finally:
        await graph.write(
            CypherQuery(
                "test_bulk_remove",
                "CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH 'test-bulk-' DETACH DELETE n }"
                " CALL () { MATCH (t:SearchTerm) WHERE t.entity STARTS WITH 'test-bulk-' DELETE t }"
                " CALL () { MATCH (c:Citation) WHERE c.key STARTS WITH 'test-bulk-' DELETE c }"
                " CALL () { MATCH (c:Citation) WHERE c.key IN $keys DELETE c }",
            ),
            keys=[r.id for r in _offices().relationships],
        )
    assert await graph.read(COUNTS) == counts


async def test_a_bulk_load_the_graph_refuses_midway_is_taken_back(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The graph writes the offices, then meets a relationship to an entity that is gone."""
    real = bulk_module.write_rows_file

    def with_a_broken_chunk(dataset: Dataset, out: BinaryIO) -> None:
        real(dataset, out)
        write_edges(out, "PART_OF", ["test-bulk-0"], ["test-bulk-vanished"], [{"id": "x"}])

    monkeypatch.setattr(bulk_module, "write_rows_file", with_a_broken_chunk)
    before = await export_lines(graph)
    counts = await graph.read(COUNTS)
    with pytest.raises(BulkLoadFailed, match="test-bulk-vanished"):
        await load_dataset(graph, _offices(), bulk_data_dir=settings.data_dir)
    assert await export_lines(graph) == before
    assert await graph.read(COUNTS) == counts  # search terms, citations and journal too
    assert not list((settings.data_dir / "bulk").iterdir())  # the rows file is gone


async def test_a_cancelled_bulk_load_is_taken_back(graph: Graph, settings: Settings) -> None:
    class Interrupted(Exception):
        pass

    def interrupt(records: int) -> Any:
        raise Interrupted  # the importer stops after the first chunk the graph wrote

    before = await export_lines(graph)
    counts = await graph.read(COUNTS)
    with pytest.raises(Interrupted):
        await load_dataset(graph, _offices(), bulk_data_dir=settings.data_dir, on_batch=interrupt)
    assert await export_lines(graph) == before
    assert await graph.read(COUNTS) == counts


async def test_an_invalid_load_never_reaches_the_bulk_path(
    graph: Graph, settings: Settings
) -> None:
    dataset = _offices()
    dataset.relationships.append(RelationshipRecord("PART_OF", "test-bulk-1", "nowhere"))
    counts = await graph.read(COUNTS)
    with pytest.raises(LoadError, match="nowhere"):
        await load_dataset(graph, dataset, bulk_data_dir=settings.data_dir)
    assert await graph.read(COUNTS) == counts


def test_the_import_command_says_why_the_graph_refused_a_bulk_load(
    graph: Graph,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`graph-service import` exits 2 with the graph's reason, as for any graph error."""
    from graph_service import cli

    real = bulk_module.write_rows_file

    def with_a_broken_chunk(dataset: Dataset, out: BinaryIO) -> None:
        real(dataset, out)
        write_edges(out, "PART_OF", ["test-bulkcli-0"], ["test-bulkcli-gone"], [{"id": "x"}])

    monkeypatch.setattr(bulk_module, "write_rows_file", with_a_broken_chunk)
    for variable in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("GRAPH_SERVICE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("GRAPH_SERVICE_EMBEDDED_BOLT_PORT", str(settings.embedded_bolt_port))
    monkeypatch.setenv("GRAPH_SERVICE_EMBEDDED_HTTP_PORT", str(settings.embedded_http_port))
    path = tmp_path / "offices.jsonl"
    office = {"record": "entity", "kind": "Office", "sources": ["src-indoart"]}
    lines = [{**office, "id": f"test-bulkcli-{n}", "name": f"Kantor Curah {n}"} for n in (0, 1)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    try:
        assert cli.main(["import", str(path)]) == 2
    finally:
        gc.unfreeze()  # the import froze what this process held (cli._import)
    error = capsys.readouterr().err
    assert "graph-service import: the graph could not write the load" in error
    assert "test-bulkcli-gone" in error
    assert "Traceback" not in error
