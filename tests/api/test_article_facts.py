"""Every fact of the starting article (indoartnews.com, 2025-03-26), answered over HTTP."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

ARTICLE = "src-indoart"


def _node(gql: GraphQLClient, key: str, selection: str) -> dict[str, Any]:
    data = gql.data(
        f'{{ node(id: "{key}") {{ id ... on Entity {{ name sources {{ id }} }} {selection} }} }}'
    )
    node: dict[str, Any] = data["node"]
    assert node is not None, f"{key} is missing"
    return node


def _edges(node: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return list(node[field]["edges"])


def test_cimahi_ranked_fifth_among_cities_in_the_award(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "pemkot-cimahi",
        """... on LocalGovernment { level awardsReceived { edges { rank year categoryWording
           sources { id } node { id ... on AwardCategory { award { edges { node { id } } } } } }
        } }""",
    )
    assert node["level"] == "CITY"
    city = [e for e in _edges(node, "awardsReceived") if e["node"]["id"] == "dga-2024-cat-kota"]
    assert len(city) == 1
    edge = city[0]
    assert edge["rank"] == 5 and edge["year"] == 2024
    assert "pemerintah kota" in edge["categoryWording"]
    assert ARTICLE in {s["id"] for s in edge["sources"]}
    assert edge["node"]["award"]["edges"][0]["node"]["id"] == "dga-2024"


def test_the_award_has_six_categories_and_65_recipients(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "dga-2024",
        "... on Award { recipientsCount categories { totalCount edges { node { name } } } "
        "presentedAt { edges { node { id } } } awardedBy { edges { node { id } } } }",
    )
    assert node["recipientsCount"] == 65
    assert node["categories"]["totalCount"] == 6
    names = " | ".join(e["node"]["name"] for e in _edges(node, "categories"))
    for word in ("Kementerian", "LPNK", "Provinsi", "Kota", "Kabupaten", "Signifikan"):
        assert word in names
    assert [e["node"]["id"] for e in _edges(node, "presentedAt")] == ["spbe-summit-2024"]
    assert [e["node"]["id"] for e in _edges(node, "awardedBy")] == ["kementerian-panrb"]
    assert ARTICLE in {s["id"] for s in node["sources"]}


def test_the_summit_date_venue_opener_and_organiser(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "spbe-summit-2024",
        "... on Event { date venue openedBy { edges { node { id name } } } "
        "organizedBy { edges { node { id } } } }",
    )
    assert node["date"] == "2024-05-27"
    assert "Istana Negara" in node["venue"]
    assert [e["node"]["name"] for e in _edges(node, "openedBy")] == ["Joko Widodo"]
    assert [e["node"]["id"] for e in _edges(node, "organizedBy")] == ["kementerian-panrb"]


def test_dicky_saromi_accepted_the_award_as_acting_mayor(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "dicky-saromi",
        "... on Official { awardsAccepted { edges { onBehalfOfId onBehalfOf { id kind } "
        "node { id } } } positions { edges { role head node { id } } } }",
    )
    accepted = _edges(node, "awardsAccepted")
    assert {
        "onBehalfOfId": "pemkot-cimahi",
        "onBehalfOf": {"id": "pemkot-cimahi", "kind": "LocalGovernment"},
        "node": {"id": "dga-2024-cat-kota"},
    } in accepted
    position = _edges(node, "positions")[0]
    assert position["node"]["id"] == "pemkot-cimahi" and position["head"] is True
    assert "Wali Kota" in position["role"]


def test_on_behalf_of_is_a_link_on_the_timeline_too(gql: GraphQLClient) -> None:
    """Relationships reached through the timeline (and subgraphs, paths) name the entity."""
    data = gql.data(
        """{ timeline(id: "dicky-saromi") { edges { node { relationship {
             ... on AcceptedAwardRelationship { onBehalfOfId onBehalfOf { id kind } } } } } } }"""
    )
    accepted = [
        e["node"]["relationship"] for e in data["timeline"]["edges"] if e["node"]["relationship"]
    ]
    assert {
        "onBehalfOfId": "pemkot-cimahi",
        "onBehalfOf": {"id": "pemkot-cimahi", "kind": "LocalGovernment"},
    } in accepted


def test_the_2022_monitoring_was_conducted_by_kementerian_panrb(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "pemantauan-spbe-2022",
        "... on Evaluation { conductedBy { edges { node { id } sources { url } } } }",
    )
    (edge,) = _edges(node, "conductedBy")
    assert edge["node"]["id"] == "kementerian-panrb"
    assert [s["url"] for s in edge["sources"]] == [
        "https://menpan.go.id/site/berita-terkini/jaga-objektivitas-penilaian-tauval-spbe-gandeng-asesor-eksternal"
    ]


def test_index_scores_2022_and_2023_with_predicates(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "pemkot-cimahi",
        "... on LocalGovernment { indexScores { edges { value predicate year sources { id } } } }",
    )
    by_year = {e["year"]: e for e in _edges(node, "indexScores")}
    assert (by_year[2023]["value"], by_year[2023]["predicate"]) == (4.02, "SANGAT_BAIK")
    assert (by_year[2022]["value"], by_year[2022]["predicate"]) == (3.09, "BAIK")
    assert ARTICLE in {s["id"] for s in by_year[2023]["sources"]}


def test_the_regulation_and_the_cabinet_meeting_behind_the_award(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "dga-2024",
        "... on Award { alignedWith { edges { node { id ... on Policy { number year "
        "discussedAt { edges { node { id ... on Event { date } } } } } } } } }",
    )
    policy = _edges(node, "alignedWith")[0]["node"]
    assert (policy["id"], policy["number"], policy["year"]) == ("perpres-82-2023", "82", 2023)
    meetings = [e["node"] for e in policy["discussedAt"]["edges"]]
    assert {"id": "rapat-terbatas-2024-03-25", "date": "2024-03-25"} in meetings


def test_five_evaluation_stages_and_the_coordination_team(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "evaluasi-spbe-2023",
        "... on Evaluation { stages finalizedBy { edges { node { id ... on CoordinationTeam { "
        "members { totalCount } coordinatedBy { edges { node { id } } } } } } } }",
    )
    assert len(node["stages"]) == 5
    assert "wawancara" in " ".join(node["stages"]).lower()
    team = _edges(node, "finalizedBy")[0]["node"]
    assert team["id"] == "tim-koordinasi-spbe-nasional"
    assert team["members"]["totalCount"] >= 6
    assert [e["node"]["id"] for e in team["coordinatedBy"]["edges"]] == ["kementerian-panrb"]


def test_the_city_communications_office(gql: GraphQLClient) -> None:
    node = _node(
        gql,
        "diskominfo-kota-cimahi",
        "... on Office { description partOf { edges { node { id } } } }",
    )
    assert [e["node"]["id"] for e in _edges(node, "partOf")] == ["pemkot-cimahi"]
    assert node["description"]
    assert ARTICLE in {s["id"] for s in node["sources"]}


def test_every_entity_and_relationship_names_its_sources(gql: GraphQLClient) -> None:
    for plural in ("localGovernments", "ministries", "officials", "events", "policies", "awards"):
        data = gql.data(
            f"{{ {plural}(first: 100) {{ edges {{ node {{ id sources {{ url }} }} }} }} }}"
        )
        for edge in data[plural]["edges"]:
            assert edge["node"]["sources"], f"{edge['node']['id']} has no sources"
            assert all(s["url"].startswith("http") for s in edge["node"]["sources"])


def test_on_behalf_of_links_are_batched(gql: GraphQLClient) -> None:
    """Every edge's `onBehalfOf` entity comes through one batched lookup, not one per edge."""
    body = gql.post(
        """{ officials(first: 50) { edges { node { awardsAccepted { edges {
             onBehalfOf { id name } } } } } } }""",
        trace=True,
    )
    assert "errors" not in body, body.get("errors")
    bodies = [
        e["onBehalfOf"]["id"]
        for o in body["data"]["officials"]["edges"]
        for e in o["node"]["awardsAccepted"]["edges"]
        if e["onBehalfOf"]
    ]
    assert len(bodies) >= 5 and "pemkot-cimahi" in bodies
    # the officials with their accepted awards (one statement), then the bodies in one batch.
    assert body["extensions"]["graph"]["queryCount"] == 2
