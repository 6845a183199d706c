"""Search terms and citations follow every write, and the reads use their indexes."""

from __future__ import annotations

from typing import Any

import pytest

from graph_service.graph.executor import Graph
from graph_service.loading.reindex import rebuild_lookups
from graph_service.queries import CypherQuery, query
from graph_service.settings import Settings
from graph_service.text_search import near_probes
from tests.api.test_mutations import Api, cleanup

SEARCH = """query($q: String!) { search(query: $q) { totalCount edges { match node { id } } } }"""
SUPPORT = """query($s: ID!) { supportedBy(sourceId: $s) {
  entityCount relationshipCount entities { id } relationships { type from to } } }"""
TERMS = CypherQuery(
    "test_terms", "MATCH (t:SearchTerm {entity: $id}) RETURN t.term AS term ORDER BY term"
)


@pytest.fixture
async def api(graph: Graph, settings: Settings) -> Api:
    return Api(graph, settings)


async def _found(api: Api, text: str) -> list[tuple[str, str]]:
    data = await api.data(SEARCH, {"q": text})
    return [(e["node"]["id"], e["match"]) for e in data["search"]["edges"]]


async def _support(api: Api, source: str) -> dict[str, Any]:
    return (await api.data(SUPPORT, {"s": source}))["supportedBy"]


async def test_search_terms_and_citations_follow_create_update_link_unlink_delete(
    api: Api,
) -> None:
    ids = ("look-agency", "look-src")
    try:
        source = {"id": "look-src", "name": "Lookup source", "url": "https://example.org/l"}
        created = await api.one("createSource", "input: $source", "__typename", {"source": source})
        assert created["__typename"] == "CreateEntitySuccess"
        agency = {
            "id": "look-agency",
            "name": "Badan Zebrafinch Nusantara",
            "aliases": ["BZN"],
            "sources": ["look-src"],
        }
        await api.one("createAgency", "input: $agency", "__typename", {"agency": agency})
        assert await _found(api, "badan zebrafinch nusantara") == [("look-agency", "EXACT_NAME")]
        assert await _found(api, "bzn") == [("look-agency", "EXACT_ALIAS")]
        assert await _found(api, "Badan Zebra") == [("look-agency", "PREFIX")]
        assert await _found(api, "zebrafinch nus") == [("look-agency", "CONTAINS")]
        assert await _support(api, "look-src") == {
            "entityCount": 1,
            "relationshipCount": 0,
            "entities": [{"id": "look-agency"}],
            "relationships": [],
        }

        patch = {"name": "Badan Quokka Nusantara"}
        await api.one(
            "updateAgency", 'id: "look-agency", input: $patch', "__typename", {"patch": patch}
        )
        assert await _found(api, "zebrafinch") == []
        assert await _found(api, "quokka") == [("look-agency", "CONTAINS")]
        terms = [r["term"] for r in await api.graph.read(TERMS, id="look-agency")]
        assert terms == sorted(["badanquokkanusantara", "quokkanusantara", "nusantara", "bzn"])

        link = (
            'from: "look-agency", to: "evaluasi-spbe-2024", sources: ["look-src"], '
            "properties: $props"
        )
        props = {"props": {"value": 3.1, "predicate": "BAIK"}}
        await api.one("linkHasSpbeIndex", link, "__typename", props)
        await api.one("linkHasSpbeIndex", link, "__typename", props)  # replaced, not doubled
        support = await _support(api, "look-src")
        assert support["relationshipCount"] == 1
        assert support["relationships"] == [
            {"type": "HAS_SPBE_INDEX", "from": "look-agency", "to": "evaluasi-spbe-2024"}
        ]
        unlink = 'from: "look-agency", to: "evaluasi-spbe-2024"'
        await api.one("unlinkHasSpbeIndex", unlink, "__typename")
        assert (await _support(api, "look-src"))["relationshipCount"] == 0

        await api.one("deleteAgency", 'id: "look-agency", detach: true', "__typename")
        assert await _found(api, "quokka") == []
        assert (await _support(api, "look-src"))["entityCount"] == 0
        assert await api.graph.read(TERMS, id="look-agency") == []
    finally:
        await cleanup(api, *ids)


async def _plan(graph: Graph, cypher: CypherQuery, **params: Any) -> str:
    async with graph.driver.session(database=graph.database) as session:
        result = await session.run("PROFILE " + cypher.text, params)
        summary = await result.consume()
    assert summary.profile is not None
    return str(summary.profile["args"]["string-representation"])


async def test_search_and_supported_by_start_from_an_index_on_arcadedb(graph: Graph) -> None:
    """ArcadeDB plans a range scan only for a query's first MATCH, alone: this pins it."""
    plan = await _plan(
        graph,
        query("search_entities"),
        term="cimahi",
        forms=["cimahi"],
        kinds=None,
        start=0,
        stop=20,
    )
    assert "NodeIndexRangeScan(t:SearchTerm) [index=search_term" in plan
    plan = await _plan(graph, query("list_supported_by"), source="src-indoart", start=0, stop=20)
    assert "(c:Citation) [index=citation_source" in plan


ALL_TERMS = CypherQuery("test_all_terms", "MATCH (t:SearchTerm) RETURN properties(t) AS row")
ALL_CITATIONS = CypherQuery("test_all_citations", "MATCH (c:Citation) RETURN properties(c) AS row")


async def _lookup_rows(graph: Graph) -> tuple[list[str], list[str]]:
    def rows(found: list[dict[str, Any]]) -> list[str]:
        return sorted(repr(sorted(row["row"].items())) for row in found)

    return rows(await graph.read(ALL_TERMS)), rows(await graph.read(ALL_CITATIONS))


async def test_reindex_in_pages_writes_what_the_loader_wrote_and_drops_orphans(
    api: Api,
) -> None:
    loaded = await _lookup_rows(api.graph)
    assert len(loaded[0]) > 400 and len(loaded[1]) > 400
    stray = CypherQuery(
        "test_stray",
        "CREATE (:SearchTerm {term: 'ghost', entity: 'gone-entity', kind: 'Agency', "
        "name: 'Ghost'}), (:Citation {source: 'src-indoart', key: 'gone-rel', "
        "fact: 'relationship', from: 'a', to: 'b'})",
    )
    await api.graph.write(stray)
    await api.graph.write(
        CypherQuery("test_forget", "MATCH (t:SearchTerm {entity: 'pemkot-cimahi'}) DELETE t")
    )
    pages: list[int] = []
    # Small pages: many transactions, and pages that split an entity's relationships.
    count = await rebuild_lookups(
        api.graph, timeout_seconds=120, page_size=37, on_batch=pages.append
    )
    assert count > 400 and len(pages) > 3 and max(pages) == 37
    assert await _lookup_rows(api.graph) == loaded
    # Idempotent: a second run (or the rerun after an interrupted one) changes nothing.
    await rebuild_lookups(api.graph, timeout_seconds=120)
    assert await _lookup_rows(api.graph) == loaded


async def test_reindex_rebuilds_lost_lookup_nodes(api: Api) -> None:
    forget = CypherQuery("test_forget", "MATCH (t:SearchTerm {entity: 'pemkot-cimahi'}) DELETE t")
    await api.graph.write(forget)
    assert ("pemkot-cimahi", "EXACT_NAME") not in await _found(api, "pemerintah kota cimahi")
    before = await _support(api, "src-indoart")
    assert await rebuild_lookups(api.graph, timeout_seconds=120) > 400
    assert await _found(api, "pemerintah kota cimahi") == [("pemkot-cimahi", "EXACT_NAME")]
    assert await _support(api, "src-indoart") == before


async def test_near_matches_follow_writes_and_seek_their_indexes(api: Api) -> None:
    ids = ("near-agency", "near-other")
    try:
        sources = ["src-indoart"]
        first = {"id": "near-agency", "name": "Badan Zebrafinch Nusantara", "sources": sources}
        other = {"id": "near-other", "name": "Badan Zebrafinck", "sources": sources}
        for agency in (first, other):
            await api.one("createAgency", "input: $agency", "__typename", {"agency": agency})
        # An exact match (a word inside the name) first, then the near one.
        assert await _found(api, "zebrafinch") == [
            ("near-agency", "CONTAINS"),
            ("near-other", "FUZZY"),
        ]
        patch = {"name": "Badan Quokka Raya"}
        await api.one(
            "updateAgency", 'id: "near-other", input: $patch', "__typename", {"patch": patch}
        )
        assert await _found(api, "zebrafinch") == [("near-agency", "CONTAINS")]
        assert await _found(api, "quokak raya") == [("near-other", "FUZZY")]
        await api.one("deleteAgency", 'id: "near-other", detach: true', "__typename")
        assert await _found(api, "quokak raya") == []
        plan = await _plan(
            api.graph,
            query("search_near_terms"),
            **(near_probes("zebrafinck") or {}),
            compact="zebrafinck",
            kinds=None,
            limit=10,
        )
        for node, key in (("a", "near_12"), ("b", "near_13"), ("c", "near_23")):
            assert f"({node}:SearchTerm) [index: SearchTerm[{key}]]" in plan
        near = query("search_near_terms")
        probes = near_probes("cimahy") or {}
        for limit, expected in ((1, 1), (50, 5)):  # the government, the region, three more
            rows = await api.graph.read(near, **probes, compact="cimahy", kinds=None, limit=limit)
            assert len(rows) == expected
    finally:
        await cleanup(api, *ids)
