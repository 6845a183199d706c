"""An import may not give a new entity a name or alias that an unrelated entity already in
the graph uses: search would be ambiguous. Related namesakes are fine."""

from __future__ import annotations

import pytest

from graph_service.graph.executor import Graph
from graph_service.loading import Dataset, EntityRecord, LoadError, RelationshipRecord, load_dataset
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
