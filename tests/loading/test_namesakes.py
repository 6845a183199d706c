"""An import may not give a new entity a name or alias that an unrelated entity already in
the graph uses: search would be ambiguous. Related namesakes are fine."""

from __future__ import annotations

import pytest

from graph_service.graph.executor import Graph
from graph_service.loading import (
    Dataset,
    EntityRecord,
    LoadError,
    RelationshipRecord,
    load_dataset,
    writer,
)
from graph_service.loading.writer import namesakes_in_graph
from graph_service.queries import CypherQuery

COUNT = CypherQuery("test_count", "MATCH (n:Entity) RETURN count(n) AS n")
REMOVE = CypherQuery("test_remove", "MATCH (n:Entity {id: $id}) DETACH DELETE n")


def _office(alias: str) -> EntityRecord:
    return EntityRecord(
        id="test-namesake-office",
        kind="Office",
        name="Test Office",
        aliases=[alias],
        sources=["src-indoart"],
    )


def _office_named(entity_id: str, name: str) -> EntityRecord:
    return EntityRecord(id=entity_id, kind="Office", name=name, sources=["src-indoart"])


async def test_an_alias_taken_by_an_unrelated_entity_in_the_graph_is_refused(
    graph: Graph,
) -> None:
    before = await graph.read(COUNT)
    with pytest.raises(LoadError) as refused:
        await load_dataset(graph, Dataset(entities=[_office("JATIM")]))
    [problem] = [p for p in refused.value.problems if "jatim" in p]
    assert "'pemprov-jawa-timur' (already in the graph)" in problem
    assert "<memory> entry 0" in problem
    assert await graph.read(COUNT) == before


async def test_an_alias_shared_with_a_related_entity_is_allowed(graph: Graph) -> None:
    office = _office("Pemkot Cimahi")
    part_of = RelationshipRecord("PART_OF", office.id, "pemkot-cimahi", sources=["src-indoart"])
    try:
        await load_dataset(graph, Dataset(entities=[office], relationships=[part_of]))
    finally:
        await graph.write(REMOVE, id=office.id)


async def test_a_large_load_finds_the_same_namesakes_in_slices(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _office("JATIM")
    office.aliases.append("Pemkot Cimahi")
    dataset = Dataset(entities=[office, _office_named("test-namesake-2", "Kantor Cimahi Dua")])
    whole = await namesakes_in_graph(graph.read, dataset)
    monkeypatch.setattr(writer, "CHECK_BATCH_SIZE", 1)
    existing = await writer.existing_kinds(graph, {"pemkot-cimahi", office.id})
    sliced = await namesakes_in_graph(graph.read, dataset, existing.keys())
    assert {n.id for n in whole} >= {"pemprov-jawa-timur", "pemkot-cimahi"}
    assert sorted(sliced, key=lambda n: n.id) == sorted(whole, key=lambda n: n.id)
