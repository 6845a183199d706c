"""Provenance: what a source supports (`supportedBy`), and sources on entities and edges."""

from __future__ import annotations

import json
from typing import Any

from graph_service.graph.executor import Graph
from tests.conftest import GraphQLClient
from tests.loading.scratch import export_lines

ARTICLE = "src-indoart"

SUPPORTED_BY = """
query($source: ID!, $first: Int, $after: String) {
  supportedBy(sourceId: $source, first: $first, after: $after) {
    source { id url publisher title }
    entityCount relationshipCount totalCount
    entities { id name sources { id } }
    relationships { id type from to verified properties sources { id } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


async def _citing(graph: Graph, source: str) -> tuple[list[str], list[str]]:
    """Keys of the entities and relationships whose `sources` name `source`, from an export."""
    entities, relationships = [], []
    for line in map(json.loads, await export_lines(graph)):
        if source not in line["sources"]:
            continue
        if line["record"] == "entity":
            entities.append(line["id"])
        else:
            base = f"{line['from']}>{line['type']}>{line['to']}"
            relationships.append(f"{base}#{line['key']}" if line.get("key") else base)
    return sorted(entities), sorted(relationships)


def _support(gql: GraphQLClient, source: str, **args: Any) -> dict[str, Any]:
    result: dict[str, Any] = gql.data(SUPPORTED_BY, {"source": source, **args})["supportedBy"]
    return result


async def test_the_article_supports_what_cites_it(gql: GraphQLClient, graph: Graph) -> None:
    entities, relationships = await _citing(graph, ARTICLE)
    support = _support(gql, ARTICLE)
    assert support["source"]["id"] == ARTICLE
    assert support["source"]["url"].startswith("https://indoartnews.com/")
    assert support["entityCount"] == len(entities) > 10
    assert support["relationshipCount"] == len(relationships) > 10
    assert support["totalCount"] == len(entities) + len(relationships)
    assert [e["id"] for e in support["entities"]] == entities[:100]
    assert "pemkot-cimahi" in entities and "dga-2024" in entities
    assert all(ARTICLE in {s["id"] for s in e["sources"]} for e in support["entities"])
    for edge in support["relationships"]:
        assert ARTICLE in {s["id"] for s in edge["sources"]}
        assert edge["id"].startswith(f"{edge['from']}>{edge['type']}>{edge['to']}")


async def test_pages_walk_entities_then_relationships(gql: GraphQLClient, graph: Graph) -> None:
    entities, relationships = await _citing(graph, ARTICLE)
    seen_entities: list[str] = []
    seen_relationships: list[str] = []
    after = None
    pages = 0
    while True:
        page = _support(gql, ARTICLE, first=7, after=after)
        assert len(page["entities"]) + len(page["relationships"]) <= 7
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen_entities += [e["id"] for e in page["entities"]]
        seen_relationships += [r["id"] for r in page["relationships"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen_entities == entities
    assert seen_relationships == relationships
    assert pages == -(-(len(entities) + len(relationships)) // 7)


def test_support_is_an_index_query_then_reads_of_the_page(gql: GraphQLClient) -> None:
    body = gql.post(
        '{ supportedBy(sourceId: "src-indoart", first: 50) { totalCount '
        "entities { id name } relationships { id type from to properties } } }",
        trace=True,
    )
    assert "errors" not in body, body.get("errors")
    queries = [q["name"] for q in body["extensions"]["graph"]["queries"]]
    # The citations; the page's relationships; the source and the page's entities, with
    # what the selection reads of them (api/translate).
    assert queries == ["list_supported_by", "get_supported_facts", "translate:entities"]
    nested = gql.post(
        SUPPORTED_BY.replace("$first: Int", "$first: Int = 50"), {"source": ARTICLE}, trace=True
    )
    assert "errors" not in nested, nested.get("errors")
    # The entities' sources are in the same statement; the relationships' in one batch.
    assert nested["extensions"]["graph"]["queryCount"] == 4


def test_a_smaller_source_supports_exactly_its_facts(gql: GraphQLClient) -> None:
    support = _support(gql, "src-tribun2019")
    relationships = {(r["from"], r["type"], r["to"]) for r in support["relationships"]}
    assert ("syafruddin", "HOLDS_POSITION", "kementerian-panrb") in relationships
    assert support["source"]["publisher"]


def test_an_unknown_or_non_source_key_supports_nothing(gql: GraphQLClient) -> None:
    assert gql.data(SUPPORTED_BY, {"source": "no-such-source"})["supportedBy"] is None
    assert gql.data(SUPPORTED_BY, {"source": "pemkot-cimahi"})["supportedBy"] is None


def test_a_bad_page_request_is_refused(gql: GraphQLClient) -> None:
    assert "first" in gql.error(SUPPORTED_BY, {"source": ARTICLE, "first": -1})
    assert "cursor" in gql.error(SUPPORTED_BY, {"source": ARTICLE, "after": "nonsense"})


def test_sources_show_on_entities_and_on_edges(gql: GraphQLClient) -> None:
    data = gql.data(
        '{ node(id: "syafruddin") { ... on Official { sources { id url } '
        "positions { edges { sources { id url publisher } node { id } } } } } }"
    )
    assert {s["id"] for s in data["node"]["sources"]} >= {"src-tribun2019"}
    edge = next(
        e for e in data["node"]["positions"]["edges"] if e["node"]["id"] == "kementerian-panrb"
    )
    assert [s["id"] for s in edge["sources"]] == ["src-tribun2019"]
    assert edge["sources"][0]["url"].startswith("https://")
