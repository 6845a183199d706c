"""Relay over HTTP: node/nodes, and cursor paging of every root connection."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.graph.executor import Graph
from graph_service.ontology import ENTITY_KINDS
from graph_service.queries import CypherQuery
from graph_service.settings import Settings
from tests.conftest import GraphQLClient

PLURALS = [kind.plural for kind in ENTITY_KINDS]
SMALL_CAP = 5


def _page(gql: GraphQLClient, field: str, **args: Any) -> dict[str, Any]:
    declared = ", ".join(f"${k}: {'Int' if k in ('first', 'last') else 'String'}" for k in args)
    passed = ", ".join(f"{k}: ${k}" for k in args)
    head = f"query({declared})" if args else "query"
    selection = f"{field}({passed})" if args else field
    text = f"""{head} {{ {selection} {{
        totalCount
        pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
        edges {{ cursor node {{ id name }} }}
    }} }}"""
    page: dict[str, Any] = gql.data(text, args)[field]
    return page


def _ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


def _forward(gql: GraphQLClient, field: str, size: int) -> list[str]:
    seen: list[str] = []
    page = _page(gql, field, first=size)
    assert page["pageInfo"]["hasPreviousPage"] is False
    while True:
        seen += _ids(page)
        assert len(page["edges"]) <= size
        info = page["pageInfo"]
        if page["edges"]:
            assert info["startCursor"] == page["edges"][0]["cursor"]
            assert info["endCursor"] == page["edges"][-1]["cursor"]
        if not info["hasNextPage"]:
            return seen
        assert len(page["edges"]) == size
        page = _page(gql, field, first=size, after=info["endCursor"])
        assert page["pageInfo"]["hasPreviousPage"] is True


def _backward(gql: GraphQLClient, field: str, size: int) -> list[str]:
    seen: list[str] = []
    page = _page(gql, field, last=size)
    assert page["pageInfo"]["hasNextPage"] is False
    while True:
        seen = _ids(page) + seen
        assert len(page["edges"]) <= size
        info = page["pageInfo"]
        if not info["hasPreviousPage"]:
            return seen
        assert len(page["edges"]) == size
        page = _page(gql, field, last=size, before=info["startCursor"])
        assert page["pageInfo"]["hasNextPage"] is True


# --- node / nodes ---------------------------------------------------------------------


def test_node_finds_any_kind_by_its_key(gql: GraphQLClient) -> None:
    data = gql.data(
        """{ a: node(id: "pemkot-cimahi") { id ... on LocalGovernment { name level } }
             b: node(id: "dga-2024") { id ... on Award { year } }
             c: node(id: "no-such-entity") { id } }"""
    )
    assert data["a"] == {"id": "pemkot-cimahi", "name": "Pemerintah Kota Cimahi", "level": "CITY"}
    assert data["b"] == {"id": "dga-2024", "year": 2024}
    assert data["c"] is None


def test_nodes_keep_the_order_asked_and_null_for_missing(gql: GraphQLClient) -> None:
    ids = ["dga-2024", "no-such-entity", "pemkot-cimahi", "dga-2024"]
    data = gql.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { kind } } }", {"ids": ids}
    )
    assert [n and n["id"] for n in data["nodes"]] == ["dga-2024", None, "pemkot-cimahi", "dga-2024"]
    assert data["nodes"][2]["kind"] == "LocalGovernment"


def test_node_and_nodes_cost_one_statement_each(gql: GraphQLClient) -> None:
    body = gql.post(
        '{ node(id: "pemkot-cimahi") { id } nodes(ids: ["dga-2024", "bssn"]) { id } }',
        trace=True,
    )
    assert body["extensions"]["graph"]["queryCount"] == 2


# --- root connections -----------------------------------------------------------------


def test_every_kind_has_a_root_connection(gql: GraphQLClient) -> None:
    for field in ("agencies", "ministries", "localGovernments", "officials", "events"):
        assert field in PLURALS
    for field in ("policies", "awards", "awardCategories", "evaluations", "regions", "sources"):
        assert field in PLURALS
    for field in PLURALS:
        assert _page(gql, field, first=1)["totalCount"] >= 1, field


@pytest.mark.parametrize("field", PLURALS)
def test_paging_forward_and_backward_matches_one_big_page(gql: GraphQLClient, field: str) -> None:
    whole = _page(gql, field, first=100)
    everything = _ids(whole)
    assert whole["totalCount"] == len(everything) and not whole["pageInfo"]["hasNextPage"]
    assert len(set(everything)) == len(everything)
    for size in (1, 3, 7):
        if size == 1 and len(everything) > 30:
            continue
        assert _forward(gql, field, size) == everything, (field, size)
        assert _backward(gql, field, size) == everything, (field, size)


def test_ordering_is_by_name_then_key(gql: GraphQLClient) -> None:
    page = _page(gql, "localGovernments", first=100)
    keys = [(e["node"]["name"], e["node"]["id"]) for e in page["edges"]]
    assert keys == sorted(keys)


def test_page_info_in_the_middle(gql: GraphQLClient) -> None:
    first = _page(gql, "localGovernments", first=5)
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    middle = _page(gql, "localGovernments", first=5, after=first["pageInfo"]["endCursor"])
    assert middle["pageInfo"]["hasNextPage"] and middle["pageInfo"]["hasPreviousPage"]
    back = _page(gql, "localGovernments", last=5, before=middle["pageInfo"]["startCursor"])
    assert _ids(back) == _ids(first)
    assert back["pageInfo"]["hasNextPage"] and not back["pageInfo"]["hasPreviousPage"]
    between = _page(
        gql,
        "localGovernments",
        first=100,
        after=first["edges"][0]["cursor"],
        before=middle["edges"][1]["cursor"],
    )
    assert _ids(between) == _ids(first)[1:] + _ids(middle)[:1]


def test_empty_pages(gql: GraphQLClient) -> None:
    none = _page(gql, "agencies", first=0)
    assert none["edges"] == [] and none["totalCount"] > 0
    assert none["pageInfo"]["startCursor"] is None and none["pageInfo"]["endCursor"] is None
    whole = _page(gql, "agencies", first=100)
    past = _page(gql, "agencies", first=5, after=whole["pageInfo"]["endCursor"])
    assert past["edges"] == [] and past["pageInfo"]["hasNextPage"] is False


def test_total_count_is_the_whole_connection_on_every_page(gql: GraphQLClient) -> None:
    total = _page(gql, "officials", first=100)["totalCount"]
    assert _page(gql, "officials", first=2)["totalCount"] == total
    assert _page(gql, "officials", last=2)["totalCount"] == total


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"first": 101}, "`first` must be between 0 and 100"),
        ({"last": 101}, "`last` must be between 0 and 100"),
        ({"first": -1}, "`first` must be between 0 and 100"),
        ({"first": 1, "last": 1}, "give `first` or `last`, not both"),
        ({"after": "not-a-cursor"}, "`after` is not a valid cursor"),
        ({"before": "bm90IG91cnM="}, "`before` is not a valid cursor"),
        (
            {"after": base64.urlsafe_b64encode(b"cursor:v1:-3").decode()},
            "`after` is not a valid cursor",
        ),
    ],
)
def test_bad_paging_arguments_give_clear_errors(
    gql: GraphQLClient, args: dict[str, Any], message: str
) -> None:
    declared = ", ".join(f"${k}: {'Int' if k in ('first', 'last') else 'String'}" for k in args)
    passed = ", ".join(f"{k}: ${k}" for k in args)
    text = f"query({declared}) {{ agencies({passed}) {{ totalCount }} }}"
    assert message in gql.error(text, args)


def test_a_cursor_is_bound_to_its_list_filter_and_order(gql: GraphQLClient) -> None:
    cursor = _page(gql, "localGovernments", first=2)["pageInfo"]["endCursor"]
    for text in (
        "query($c: String) { agencies(after: $c) { totalCount } }",
        "query($c: String) { localGovernments(after: $c, orderBy: [{field: ID}]) "
        "{ edges { cursor } } }",
        "query($c: String) { localGovernments(before: $c, filter: {level: {equals: CITY}}) "
        "{ edges { cursor } } }",
    ):
        assert "cursor of another list, filter or order" in gql.error(text, {"c": cursor})
    again = gql.data(
        "query($c: String) { localGovernments(first: 2, after: $c) { edges { cursor } } }",
        {"c": cursor},
    )
    assert len(again["localGovernments"]["edges"]) == 2


def test_a_nested_cursor_is_bound_to_its_parent(gql: GraphQLClient) -> None:
    text = """query($id: ID!, $after: String) { node(id: $id) { ... on AwardCategory {
      recipients(first: 1, after: $after) { pageInfo { endCursor } edges { node { id } } }
    } } }"""
    page = gql.data(text, {"id": "dga-2024-cat-kota"})["node"]["recipients"]
    cursor = page["pageInfo"]["endCursor"]
    following = gql.data(text, {"id": "dga-2024-cat-kota", "after": cursor})
    assert (
        following["node"]["recipients"]["edges"][0]["node"]["id"] != page["edges"][0]["node"]["id"]
    )
    message = gql.error(text, {"id": "dga-2024-cat-provinsi", "after": cursor})
    assert "`after` of `recipients` is a cursor of another entity's `recipients`" in message
    # Under a list, one parent's cursor would page every parent's connection from its place.
    listed = """query($after: String) { awardCategories(first: 5) { edges { node {
      recipients(first: 1, after: $after) { edges { node { id } } } } } } }"""
    assert "a cursor of another entity's `recipients`" in gql.error(listed, {"after": cursor})


def test_a_relationship_page_pages_by_keyset(gql: GraphQLClient) -> None:
    text = """query($after: String) { node(id: "dga-2024-cat-kota") { ... on AwardCategory {
      recipients(first: 2, after: $after) { pageInfo { hasNextPage endCursor }
        edges { node { id } } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = gql.data(text, {"after": after})["node"]["recipients"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    whole = gql.data(
        '{ node(id: "dga-2024-cat-kota") { ... on AwardCategory { recipients(first: 100) '
        "{ edges { node { id } } } } } }"
    )["node"]["recipients"]["edges"]
    assert seen == [e["node"]["id"] for e in whole] and len(seen) > 2


_AWARDS = """awardsReceived(first: 2) { totalCount edges { rank node { name
  ... on AwardCategory { award(first: 1) { edges { node { name } } } } } } }"""


@pytest.mark.parametrize(
    "args",
    [
        "first: 20",  # read from the name index in order, nested pages in the RETURN
        "last: 20",
        "first: 20, filter: {level: {equals: CITY}}",  # cut first: another index serves it
        "first: 20, orderBy: [{field: INDEX_SCORES_VALUE, direction: DESC, year: 2023}]",
    ],
)
def test_nested_pages_are_those_of_each_entity_whatever_the_page_shape(
    gql: GraphQLClient, args: str
) -> None:
    listed = gql.data(
        f"{{ localGovernments({args}) {{ totalCount edges {{ node {{ id {_AWARDS} }} }} }} }}"
    )["localGovernments"]
    rows = [edge["node"] for edge in listed["edges"]]
    assert rows and listed["totalCount"] >= len(rows)
    assert any(row["awardsReceived"]["edges"] for row in rows)
    ids = [row["id"] for row in rows]
    alone = gql.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id "
        f"... on LocalGovernment {{ {_AWARDS} }} }} }}",
        {"ids": ids},
    )["nodes"]
    assert rows == alone


# --- a smaller cap --------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(graph: Graph, settings: Settings) -> Iterator[GraphQLClient]:
    capped = settings.model_copy(update={"max_page_size": SMALL_CAP})
    with TestClient(create_app(capped)) as http:
        yield GraphQLClient(http)


def test_the_page_size_cap_is_configurable(small: GraphQLClient) -> None:
    assert "`first` must be between 0 and 5" in small.error("{ agencies(first: 6) { totalCount } }")
    assert "`last` must be between 0 and 5" in small.error("{ regions(last: 6) { totalCount } }")
    page = _page(small, "agencies", first=SMALL_CAP)
    assert len(page["edges"]) == SMALL_CAP
    default = _page(small, "agencies")
    assert len(default["edges"]) == SMALL_CAP and default["pageInfo"]["hasNextPage"]
    message = small.error('{ nodes(ids: ["a", "b", "c", "d", "e", "f"]) { id } }')
    assert "at most 5" in message


def test_paging_under_a_small_cap_still_walks_everything(
    gql: GraphQLClient, small: GraphQLClient
) -> None:
    everything = _ids(_page(gql, "localGovernments", first=100))
    assert _forward(small, "localGovernments", SMALL_CAP) == everything
    assert _backward(small, "localGovernments", SMALL_CAP) == everything


# --- ties -----------------------------------------------------------------------------

_TIES = [f"zz-relay-tie-{i}" for i in (3, 1, 5, 2, 4)]
_CREATE = CypherQuery(
    "test_create_ties",
    "UNWIND $ids AS id CREATE (:Entity:Platform {id: id, name: 'Relay Tie', sources: []})",
)
_DELETE = CypherQuery(
    "test_delete_ties", "UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n"
)


@pytest.fixture
async def ties(graph: Graph) -> Any:
    await graph.write(_CREATE, ids=_TIES)
    try:
        yield sorted(_TIES)
    finally:
        await graph.write(_DELETE, ids=_TIES)


def test_paging_is_stable_when_names_tie(gql: GraphQLClient, ties: list[str]) -> None:
    everything = _ids(_page(gql, "platforms", first=100))
    tied = [i for i in everything if i in ties]
    assert tied == ties
    for size in (1, 2, 3):
        assert _forward(gql, "platforms", size) == everything
        assert _backward(gql, "platforms", size) == everything
