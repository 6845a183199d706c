"""Exploration over HTTP: neighbourhoods, shortest paths, several paths, timelines."""

from __future__ import annotations

from typing import Any

import pytest

from graph_service.graph.executor import Graph
from graph_service.ontology import RELATIONSHIP_TYPES
from graph_service.queries import CypherQuery
from tests.conftest import GraphQLClient

SHORTEST = """query($from: ID!, $to: ID!, $maxHops: Int! = 4, $types: [RelationshipTypeName!]) {
  shortestPath(from: $from, to: $to, maxHops: $maxHops, relationshipTypes: $types) {
    length nodes { id name kind } edges { id type from to properties verified }
  }
}"""

PATHS = """query($from: ID!, $to: ID!, $maxHops: Int! = 3, $first: Int! = 10,
                 $types: [RelationshipTypeName!]) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first, relationshipTypes: $types) {
    length nodes { id } edges { type from to }
  }
}"""

NEIGHBORHOOD = """query($id: ID!, $depth: Int! = 2, $types: [RelationshipTypeName!],
                        $direction: Direction! = BOTH, $limit: Int! = 100) {
  neighborhood(id: $id, depth: $depth, relationshipTypes: $types, direction: $direction,
               limit: $limit) {
    truncated nodes { id kind } edges { id type from to }
  }
}"""

TIMELINE = """query($id: ID!, $first: Int, $after: String) {
  timeline(id: $id, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node {
      date precision endDate description
      relationship { type from to properties }
      other { id kind name }
    } }
  }
}"""


def _ids(path: dict[str, Any]) -> list[str]:
    return [n["id"] for n in path["nodes"]]


def _check_joined(path: dict[str, Any]) -> None:
    """Edge i joins node i and node i + 1, in either direction."""
    ids = _ids(path)
    assert path["length"] == len(path["edges"]) == len(ids) - 1
    for i, edge in enumerate(path["edges"]):
        assert {edge["from"], edge["to"]} == {ids[i], ids[i + 1]}


# --- shortestPath ---------------------------------------------------------------------


def test_shortest_path_from_cimahi_to_the_summit(gql: GraphQLClient) -> None:
    path = gql.data(SHORTEST, {"from": "pemkot-cimahi", "to": "spbe-summit-2024"})["shortestPath"]
    _check_joined(path)
    # Cimahi is linked once, to the city category; the award edition is one hop further.
    assert _ids(path) == ["pemkot-cimahi", "dga-2024-cat-kota", "dga-2024", "spbe-summit-2024"]
    assert [e["type"] for e in path["edges"]] == ["RECEIVED_AWARD", "HAS_CATEGORY", "PRESENTED_AT"]
    assert path["nodes"][1]["kind"] == "AwardCategory" and path["nodes"][2]["kind"] == "Award"
    assert path["edges"][0]["properties"]["rank"] == 5


def test_shortest_path_follows_only_the_types_asked_for(gql: GraphQLClient) -> None:
    """The shortest path overall (via AWARDED_BY, 3 hops) is not allowed here: the search
    must find the 4-hop one, not drop the answer (ArcadeDB filters after shortestPath)."""
    types = ["RECEIVED_AWARD", "HAS_CATEGORY", "PRESENTED_AT", "ORGANIZED_BY"]
    path = gql.data(SHORTEST, {"from": "pemkot-cimahi", "to": "kementerian-panrb", "types": types})[
        "shortestPath"
    ]
    _check_joined(path)
    assert path["length"] == 4
    assert {e["type"] for e in path["edges"]} <= set(types)
    assert _ids(path) == [
        "pemkot-cimahi",
        "dga-2024-cat-kota",
        "dga-2024",
        "spbe-summit-2024",
        "kementerian-panrb",
    ]


def test_shortest_path_is_null_beyond_max_hops_or_between_strangers(gql: GraphQLClient) -> None:
    far = {"from": "pemkot-cimahi", "to": "kementerian-panrb", "maxHops": 1}
    assert gql.data(SHORTEST, far)["shortestPath"] is None
    only_governs = {"from": "pemkot-cimahi", "to": "spbe-summit-2024", "types": ["GOVERNS"]}
    assert gql.data(SHORTEST, only_governs)["shortestPath"] is None
    missing = {"from": "pemkot-cimahi", "to": "no-such-entity"}
    assert gql.data(SHORTEST, missing)["shortestPath"] is None


def test_shortest_path_from_an_entity_to_itself_has_length_zero(gql: GraphQLClient) -> None:
    path = gql.data(SHORTEST, {"from": "pemkot-cimahi", "to": "pemkot-cimahi"})["shortestPath"]
    assert path["length"] == 0 and _ids(path) == ["pemkot-cimahi"] and path["edges"] == []


@pytest.mark.parametrize("hops", [0, 7, -1])
def test_shortest_path_hops_are_bounded(gql: GraphQLClient, hops: int) -> None:
    message = gql.error(SHORTEST, {"from": "a", "to": "b", "maxHops": hops})
    assert "`maxHops` must be between 1 and 6" in message


def test_shortest_path_is_one_round_trip(gql: GraphQLClient) -> None:
    body = gql.post(SHORTEST, {"from": "pemkot-cimahi", "to": "spbe-summit-2024"}, trace=True)
    assert body["extensions"]["graph"]["queryCount"] == 1


# --- paths ----------------------------------------------------------------------------


def test_paths_are_shortest_first_and_never_revisit_an_entity(gql: GraphQLClient) -> None:
    found = gql.data(PATHS, {"from": "pemkot-cimahi", "to": "spbe-summit-2024", "first": 20})[
        "paths"
    ]
    assert len(found) >= 4
    lengths = [p["length"] for p in found]
    assert lengths == sorted(lengths) and lengths[0] == 3 and max(lengths) <= 3
    for path in found:
        _check_joined(path)
        ids = _ids(path)
        assert ids[0] == "pemkot-cimahi" and ids[-1] == "spbe-summit-2024"
        assert len(set(ids)) == len(ids)
    keys = [
        (tuple(_ids(p)), tuple((e["type"], e["from"], e["to"]) for e in p["edges"])) for p in found
    ]
    assert len(set(keys)) == len(keys)
    assert ["pemkot-cimahi", "dga-2024-cat-kota", "dga-2024", "spbe-summit-2024"] in [
        _ids(p) for p in found
    ]


def test_paths_first_is_a_prefix_of_more(gql: GraphQLClient) -> None:
    args = {"from": "kementerian-panrb", "to": "pemkot-cimahi", "maxHops": 4}
    few = gql.data(PATHS, {**args, "first": 5})["paths"]
    many = gql.data(PATHS, {**args, "first": 20})["paths"]
    assert len(few) == 5 and len(many) == 20
    assert [_ids(p) for p in few] == [_ids(p) for p in many[:5]]
    assert max(p["length"] for p in many) <= 4


def test_paths_respect_types_and_hops(gql: GraphQLClient) -> None:
    types = ["RECEIVED_AWARD", "HAS_CATEGORY", "PRESENTED_AT"]
    found = gql.data(
        PATHS, {"from": "pemkot-cimahi", "to": "spbe-summit-2024", "types": types, "maxHops": 3}
    )["paths"]
    assert [_ids(p) for p in found] == [
        ["pemkot-cimahi", "dga-2024-cat-kota", "dga-2024", "spbe-summit-2024"],
    ]
    assert all(e["type"] in types for p in found for e in p["edges"])
    short = gql.data(PATHS, {"from": "pemkot-cimahi", "to": "spbe-summit-2024", "maxHops": 1})
    assert short["paths"] == []


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"maxHops": 5}, "`maxHops` must be between 1 and 4"),
        ({"maxHops": 0}, "`maxHops` must be between 1 and 4"),
        ({"first": 21}, "`first` must be between 1 and 20"),
        ({"first": 0}, "`first` must be between 1 and 20"),
        ({"types": []}, "`relationshipTypes` must name at least one type"),
    ],
)
def test_paths_work_is_bounded(gql: GraphQLClient, variables: dict[str, Any], message: str) -> None:
    assert message in gql.error(PATHS, {"from": "pemkot-cimahi", "to": "dga-2024", **variables})


def test_paths_expand_shortest_first_one_round_trip_per_length_and_stop_at_first(
    gql: GraphQLClient,
) -> None:
    ends = {"from": "kementerian-panrb", "to": "pemkot-cimahi"}
    body = gql.post(PATHS, {**ends, "maxHops": 4}, trace=True)
    lengths = [p["length"] for p in body["data"]["paths"]]
    assert lengths == sorted(lengths) and lengths[0] == 2
    assert body["extensions"]["graph"]["queryCount"] <= 5  # a length each, then the entities
    # One 2-hop path is enough: lengths 3 and 4 are never asked for.
    body = gql.post(PATHS, {**ends, "maxHops": 4, "first": 1}, trace=True)
    assert [p["length"] for p in body["data"]["paths"]] == [2]
    names = [q["name"] for q in body["extensions"]["graph"]["queries"]]
    assert names == ["translate:paths_1", "translate:paths_2", "translate:entities"]


# Every simple path of one length, enumerated by the graph: what `paths` returned before
# it met paths in the middle, and what it must still return where no limit is reached.
EVERY_PATH = """MATCH (a:Entity {{id: $from}})
WITH a
MATCH (b:Entity {{id: $to}})
MATCH p = (a)-[:{types}*{hops}..{hops}]-(b)
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH p, reduce(k = '', n IN nodes(p) | k + n.id + ' ') AS nodeKey,
     reduce(k = '', r IN relationships(p) | k + coalesce(r.id, '') + ' ') AS edgeKey
ORDER BY nodeKey, edgeKey
RETURN [n IN nodes(p) | n.id] AS ids"""


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("kementerian-panrb", "pemkot-cimahi"),
        ("pemkot-cimahi", "spbe-summit-2024"),
        ("pemkot-cimahi", "kementerian-panrb"),
        ("dga-2024", "kementerian-panrb"),
    ],
)
async def test_paths_met_in_the_middle_are_every_path_in_order(
    gql: GraphQLClient, graph: Graph, start: str, end: str
) -> None:
    types = "|".join(r.name for r in RELATIONSHIP_TYPES)
    expected: list[list[str]] = []
    for hops in range(1, 4):
        text = EVERY_PATH.format(types=types, hops=hops)
        rows = await graph.read(CypherQuery("every_path", text), **{"from": start, "to": end})
        expected += [row["ids"] for row in rows]
    assert expected
    found = gql.data(PATHS, {"from": start, "to": end, "maxHops": 3, "first": 20})["paths"]
    assert [_ids(p) for p in found] == expected[:20]


# --- neighborhood ---------------------------------------------------------------------


def test_neighborhood_of_cimahi_reaches_the_category_and_the_award(gql: GraphQLClient) -> None:
    sub = gql.data(NEIGHBORHOOD, {"id": "pemkot-cimahi", "depth": 2})["neighborhood"]
    ids = [n["id"] for n in sub["nodes"]]
    assert ids[0] == "pemkot-cimahi"
    assert {"dga-2024-cat-kota", "dga-2024"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert not sub["truncated"]
    for edge in sub["edges"]:
        assert edge["from"] in ids and edge["to"] in ids


def test_neighborhood_depth_one_is_the_direct_neighbours(gql: GraphQLClient) -> None:
    sub = gql.data(NEIGHBORHOOD, {"id": "pemkot-cimahi", "depth": 1})["neighborhood"]
    assert all("pemkot-cimahi" in (e["from"], e["to"]) for e in sub["edges"])
    assert "spbe-summit-2024" not in {n["id"] for n in sub["nodes"]}


def test_neighborhood_follows_only_the_types_and_direction_asked(gql: GraphQLClient) -> None:
    types = ["RECEIVED_AWARD", "HAS_CATEGORY", "PRESENTED_AT"]
    sub = gql.data(
        NEIGHBORHOOD, {"id": "pemkot-cimahi", "depth": 2, "types": types, "direction": "OUT"}
    )["neighborhood"]
    assert {e["type"] for e in sub["edges"]} <= set(types)
    # HAS_CATEGORY points from the award into the category: going OUT stops at the category.
    assert {n["id"] for n in sub["nodes"]} == {"pemkot-cimahi", "dga-2024-cat-kota"}
    both = gql.data(NEIGHBORHOOD, {"id": "pemkot-cimahi", "depth": 2, "types": types})
    assert "dga-2024" in {n["id"] for n in both["neighborhood"]["nodes"]}
    incoming = gql.data(NEIGHBORHOOD, {"id": "pemkot-cimahi", "depth": 1, "direction": "IN"})
    assert all(e["to"] == "pemkot-cimahi" for e in incoming["neighborhood"]["edges"])
    outgoing = gql.data(NEIGHBORHOOD, {"id": "pemkot-cimahi", "depth": 1, "direction": "OUT"})
    assert all(e["from"] == "pemkot-cimahi" for e in outgoing["neighborhood"]["edges"])


def test_neighborhood_limit_truncates_and_says_so(gql: GraphQLClient) -> None:
    sub = gql.data(NEIGHBORHOOD, {"id": "kementerian-panrb", "depth": 2, "limit": 3})
    assert sub["neighborhood"]["truncated"] is True
    assert len(sub["neighborhood"]["edges"]) == 3


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"depth": 4}, "`depth` must be between 1 and 3"),
        ({"depth": 0}, "`depth` must be between 1 and 3"),
        ({"limit": 0}, "`limit` must be between 1 and 500"),
        ({"limit": 501}, "`limit` must be between 1 and 500"),
    ],
)
def test_neighborhood_work_is_bounded(
    gql: GraphQLClient, variables: dict[str, Any], message: str
) -> None:
    assert message in gql.error(NEIGHBORHOOD, {"id": "pemkot-cimahi", **variables})


def test_neighborhood_of_a_missing_entity_is_null(gql: GraphQLClient) -> None:
    assert gql.data(NEIGHBORHOOD, {"id": "no-such-entity"})["neighborhood"] is None


# --- timeline -------------------------------------------------------------------------


def _timeline(gql: GraphQLClient, key: str, **args: Any) -> dict[str, Any]:
    result: dict[str, Any] = gql.data(TIMELINE, {"id": key, **args})["timeline"]
    return result


def test_timeline_of_cimahi_is_in_order(gql: GraphQLClient) -> None:
    line = _timeline(gql, "pemkot-cimahi")
    items = [e["node"] for e in line["edges"]]
    assert line["totalCount"] == len(items) > 0
    dates = [i["date"] for i in items]
    assert dates == sorted(dates)
    award = [i for i in items if i["other"]["id"] == "dga-2024-cat-kota"]
    assert award, items
    assert award[0]["date"] == "2024-05-27" and award[0]["precision"] == "DAY"
    assert award[0]["relationship"]["type"] == "RECEIVED_AWARD"
    assert "rank 5" in award[0]["description"]
    scores = [i for i in items if i["relationship"]["type"] == "HAS_SPBE_INDEX"]
    assert scores and all(i["precision"] == "YEAR" and len(i["date"]) == 4 for i in scores)


def test_timeline_of_an_official_has_events_and_positions(gql: GraphQLClient) -> None:
    items = [e["node"] for e in _timeline(gql, "abdullah-azwar-anas", first=50)["edges"]]
    types = {i["relationship"]["type"] for i in items}
    assert "HOLDS_POSITION" in types
    position = next(i for i in items if i["other"]["id"] == "pemkab-banyuwangi")
    assert (position["date"], position["precision"]) == ("2019-03", "MONTH")
    assert "Bupati Banyuwangi" in position["description"]
    minister = next(
        i
        for i in items
        if i["other"]["id"] == "kementerian-panrb" and i["relationship"]["type"] == "HOLDS_POSITION"
    )
    assert (minister["date"], minister["precision"]) == ("2024", "YEAR")
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)


def test_timeline_of_a_body_has_events_organised_and_policies_issued(gql: GraphQLClient) -> None:
    items = [e["node"] for e in _timeline(gql, "kementerian-panrb", first=100)["edges"]]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_type.setdefault(item["relationship"]["type"], []).append(item)
    summit = [i for i in by_type.get("ORGANIZED_BY", []) if i["other"]["id"] == "spbe-summit-2024"]
    assert summit and summit[0]["date"] == "2024-05-27"
    assert summit[0]["description"].startswith("Organised")
    assert by_type.get("ISSUED_BY"), sorted(by_type)
    assert all(i["other"]["kind"] == "Policy" for i in by_type["ISSUED_BY"])


def test_timeline_pages_with_cursors(gql: GraphQLClient) -> None:
    whole = _timeline(gql, "kementerian-panrb", first=100)
    seen: list[Any] = []
    after = None
    while True:
        page = _timeline(gql, "kementerian-panrb", first=3, after=after)
        assert page["totalCount"] == whole["totalCount"]
        seen += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [e["node"] for e in whole["edges"]]


def test_timeline_of_a_missing_entity_is_null_and_is_one_round_trip(gql: GraphQLClient) -> None:
    assert gql.data(TIMELINE, {"id": "no-such-entity"})["timeline"] is None
    body = gql.post(TIMELINE, {"id": "kementerian-panrb"}, trace=True)
    assert body["extensions"]["graph"]["queryCount"] == 1


def test_neighborhood_as_of_a_day_keeps_only_what_held_then(gql: GraphQLClient) -> None:
    query = """query ($day: Date) { neighborhood(id: "tim-koordinasi-spbe-nasional", depth: 1,
      relationshipTypes: [MEMBER_OF], asOf: $day) { nodes { id } } }"""
    in_2019 = {n["id"] for n in gql.data(query, {"day": "2019-03-15"})["neighborhood"]["nodes"]}
    in_2024 = {n["id"] for n in gql.data(query, {"day": "2024-06-01"})["neighborhood"]["nodes"]}
    always = {n["id"] for n in gql.data(query, {"day": None})["neighborhood"]["nodes"]}
    assert "bppt" in in_2019 and "bppt" not in in_2024
    assert "brin" in in_2024 and "brin" not in in_2019
    assert in_2019 | in_2024 <= always


def _typed_edge_fields() -> list[str]:
    """`... on XRelationship { its own fields }` for each relationship type, in chunks of 8
    (one document with all of them overlaps too many fields for the shape limit); every
    field but `properties` and `sources` (which read every property)."""
    from graphql import GraphQLObjectType, get_named_type, is_leaf_type

    from graph_service.api.schema import build_schema

    schema = build_schema()._schema
    shared = schema.get_type("GraphEdge")
    parts = []
    for edge_type in schema.get_possible_types(shared):  # type: ignore[arg-type]
        assert isinstance(edge_type, GraphQLObjectType)
        fields = [
            name if is_leaf_type(get_named_type(field.type)) else f"{name} {{ id }}"
            for name, field in edge_type.fields.items()
            if name not in shared.fields  # type: ignore[union-attr]
        ]
        if fields:
            parts.append(f"... on {edge_type.name} {{ {' '.join(fields)} }}")
    return [" ".join(parts[i : i + 8]) for i in range(0, len(parts), 8)]


@pytest.mark.parametrize("key", ["kementerian-panrb", "abdullah-azwar-anas"])
def test_a_subgraph_reads_only_the_relationship_properties_selected_and_the_same_values(
    gql: GraphQLClient, key: str
) -> None:
    """Edges that select only typed fields get only those properties from the graph; their
    values are those of edges read with every property (`properties` selected)."""
    document = """query($id: ID!) { neighborhood(id: $id, depth: 3, limit: 500) {
      edges { type from to id verified %s } } }"""
    for fields in _typed_edge_fields():
        sliced = gql.data(document % fields, {"id": key})["neighborhood"]["edges"]
        full = gql.data(document % f"properties {fields}", {"id": key})["neighborhood"]["edges"]
        assert len(sliced) > 5
        assert sliced == [{k: v for k, v in e.items() if k != "properties"} for e in full]
