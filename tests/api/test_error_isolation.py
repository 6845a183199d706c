"""A failing root field nulls that field alone, with its error; the others keep their data."""

from __future__ import annotations

from starlette.testclient import TestClient

from graph_service.api.negotiation import GRAPHQL_RESPONSE_JSON

DOCUMENT = """{
  bad: search(query: "") { totalCount }
  good: search(query: "cimahi", first: 1) { totalCount }
  node(id: "pemkot-cimahi") { id }
  localGovernments(first: 2) { edges { node { id } } }
  tooBig: localGovernments(first: 100000) { totalCount }
  stats { totalEntities }
}"""


def test_one_failing_alias_leaves_the_others_their_data(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": DOCUMENT}, headers={"Accept": GRAPHQL_RESPONSE_JSON}
    )
    assert response.status_code == 200  # execution began: 2xx under GraphQL over HTTP
    body = response.json()
    data = body["data"]
    assert data["bad"] is None and data["tooBig"] is None
    assert data["good"]["totalCount"] >= 1
    assert data["node"]["id"] == "pemkot-cimahi"
    assert len(data["localGovernments"]["edges"]) == 2
    assert data["stats"]["totalEntities"] > 0
    assert sorted(tuple(error["path"]) for error in body["errors"]) == [("bad",), ("tooBig",)]
    assert all(error["message"] for error in body["errors"])
