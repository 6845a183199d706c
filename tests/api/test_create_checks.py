"""A create is one statement that checks and writes; when the graph disagrees it writes
nothing and the ordinary checks explain why, in the same transaction."""

from __future__ import annotations

from typing import Any

import pytest

from graph_service.graph.executor import Graph
from graph_service.queries import CypherQuery
from graph_service.settings import Settings
from tests.api.test_mutations import CREATE_AGENCY, Api, agency, cleanup

_TRACES = CypherQuery(
    "test_create_traces",
    "OPTIONAL MATCH (n:Entity {id: $id}) "
    "RETURN count(n) + COUNT { MATCH (t:SearchTerm {entity: $id}) } "
    "+ COUNT { MATCH (c:Citation {key: $id}) } "
    "+ COUNT { MATCH (a:AuditEntry) WHERE $id IN a.target_ids } AS n",
)


@pytest.fixture
async def api(graph: Graph, settings: Settings) -> Api:
    return Api(graph, settings)


async def _traces(api: Api, id_: str) -> int:
    rows = await api.graph.read(_TRACES, id=id_)
    return int(rows[0]["n"])


async def test_a_create_citing_a_non_source_writes_nothing_and_names_it(api: Api) -> None:
    result = await api.one(
        *CREATE_AGENCY, {"agency": agency("mut-chk-src", sources=["src-indoart", "pemkot-cimahi"])}
    )
    assert result["__typename"] == "ValidationFailed"
    assert [p["field"] for p in result["problems"]] == ["input.sources[1]"]
    assert "'pemkot-cimahi' is not a Source entity" in result["problems"][0]["message"]
    names = [r.name for r in api.last_log.records]
    assert names[0] == "create_entity:Agency" and "lock_entity_states" in names
    assert await _traces(api, "mut-chk-src") == 0


async def test_names_alike_only_once_compacted_are_written_after_the_checks(api: Api) -> None:
    try:
        first = await api.one(
            *CREATE_AGENCY, {"agency": agency("mut-chk-a", name="Ruang Kerja Uji")}
        )
        assert first["__typename"] == "CreateEntitySuccess"
        second = await api.one(
            *CREATE_AGENCY, {"agency": agency("mut-chk-b", name="RuangKerja Uji")}
        )
        assert second["__typename"] == "CreateEntitySuccess", second
        assert [r.name for r in api.last_log.records][:4] == [
            "create_entity:Agency",  # refused: another entity owns the compact term
            "lock_entity_states",
            "find_entities_sharing_terms",
            "create_entity:Agency",  # the names differ as written: accepted
        ]
        same = await api.one(
            *CREATE_AGENCY, {"agency": agency("mut-chk-c", name="Ruang Kerja Uji")}
        )
        assert same["__typename"] == "ValidationFailed"
        assert "'mut-chk-a' (already in the graph)" in same["problems"][0]["message"]
        assert await _traces(api, "mut-chk-c") == 0
    finally:
        await cleanup(api, "mut-chk-a", "mut-chk-b", "mut-chk-c")


async def test_a_source_may_cite_itself(api: Api) -> None:
    source: dict[str, Any] = {
        "id": "mut-chk-self",
        "name": "Self-citing source",
        "url": "https://example.org/self",
        "sources": ["mut-chk-self"],
    }
    try:
        result = await api.one("createSource", "input: $source", "", {"source": source})
        assert result["__typename"] == "CreateEntitySuccess"
        assert [r.name for r in api.last_log.records] == ["create_entity:Source"]
        assert await api.stored("mut-chk-self") is not None
    finally:
        await cleanup(api, "mut-chk-self")
