"""GraphQL over HTTP: media types through Accept, request errors as 4xx, 405, 406, 415."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.executor import Graph
from graph_service.settings import Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
QUERY = '{ node(id: "pemkot-cimahi") { id } }'


def post(
    client: TestClient,
    body: object,
    accept: str | None = GRAPHQL_RESPONSE,
    headers: dict[str, str] | None = None,
) -> Any:
    sent = {"Content-Type": JSON, **({"Accept": accept} if accept is not None else {})}
    return client.post("/graphql", content=json.dumps(body), headers={**sent, **(headers or {})})


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (JSON, JSON),
        ("*/*", JSON),  # a legacy client: the graphql-http audit wants application/json
        ("", JSON),  # an empty header counts as none
        (f"{JSON}, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        ("application/*", JSON),
        (f"*/*, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
    ],
)
def test_accept_negotiates_the_response_media_type(
    client: TestClient, accept: str, media_type: str
) -> None:
    response = post(client, {"query": QUERY}, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.json()["data"]["node"]["id"] == "pemkot-cimahi"


def test_missing_accept_header_gets_json(client: TestClient) -> None:
    request = client.build_request(
        "POST", "/graphql", content=json.dumps({"query": QUERY}), headers={"Content-Type": JSON}
    )
    del request.headers["accept"]
    response = client.send(request)
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON


@pytest.mark.parametrize("accept", ["text/html", "application/xml", f"{JSON};q=0, text/plain"])
def test_nothing_acceptable_is_406(client: TestClient, accept: str) -> None:
    response = post(client, {"query": QUERY}, accept)
    assert response.status_code == 406
    assert "errors" in response.json()


@pytest.mark.parametrize(
    ("query", "variables", "words"),
    [
        ("{ node(id: ", None, "Syntax Error"),
        ("{ noSuchField }", None, "noSuchField"),
        ("query($id: ID!) { node(id: $id) { id } }", {"id": {"not": "an id"}}, "$id"),
        ("query($id: ID!) { node(id: $id) { id } }", None, "$id"),
    ],
    ids=["parse", "validation", "variable-type", "variable-missing"],
)
def test_request_errors_are_400_without_data(
    client: TestClient, query: str, variables: dict[str, object] | None, words: str
) -> None:
    response = post(client, {"query": query, "variables": variables})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert words in body["errors"][0]["message"]


def test_request_errors_under_application_json_keep_200_and_still_no_data(
    client: TestClient,
) -> None:
    response = post(client, {"query": "{ noSuchField }"}, JSON)
    assert response.status_code == 200
    assert "data" not in response.json()


def test_field_errors_after_execution_began_are_200_with_data(client: TestClient) -> None:
    query = (
        '{ ok: node(id: "pemkot-cimahi") { id } '
        'bad: neighborhood(id: "x", depth: 9) { __typename } }'
    )
    response = post(client, {"query": query})
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["ok"] == {"id": "pemkot-cimahi"}
    assert body["errors"][0]["path"] == ["bad"]


def test_malformed_json_body_is_400(client: TestClient) -> None:
    response = client.post(
        "/graphql", content=b"{not json", headers={"Content-Type": JSON, "Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json()["errors"]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/graphql", "application/x-www-form-urlencoded", None]
)
def test_unsupported_content_type_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Accept": GRAPHQL_RESPONSE}
    if content_type is not None:
        headers["Content-Type"] = content_type
    response = client.post("/graphql", content=json.dumps({"query": QUERY}), headers=headers)
    assert response.status_code == 415
    assert response.json()["errors"]


def test_json_with_charset_is_accepted(client: TestClient) -> None:
    response = post(
        client, {"query": QUERY}, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert response.status_code == 200


def test_query_over_get_works(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": QUERY}, headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 200
    assert response.json()["data"]["node"]["id"] == "pemkot-cimahi"


def test_mutation_over_get_is_405(client: TestClient) -> None:
    mutation = 'mutation { deleteMinistry(id: "kementerian-panrb", detach: true) { __typename } }'
    response = client.get("/graphql", params={"query": mutation}, headers={"Accept": JSON})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "mutations are not allowed" in response.json()["errors"][0]["message"]


def test_other_methods_are_405(client: TestClient) -> None:
    assert client.put("/graphql", content=b"{}").status_code == 405


def test_browsers_still_get_graphiql(client: TestClient) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    fresh = post(client, {"query": QUERY})
    assert len(fresh.headers["x-request-id"]) == 32
    given = post(client, {"query": QUERY}, headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    for forged in ("<script>", "y" * 65):
        answered = post(client, {"query": QUERY}, headers={"X-Request-ID": forged})
        assert answered.headers["x-request-id"] != forged


@pytest.fixture(scope="module")
def production(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"mode": "production"}))
    with TestClient(app) as client:
        yield client


async def test_production_masks_internal_errors_and_logs_them_under_the_request_id(
    production: TestClient, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A real failure: the request's graph runs on a driver that has been closed."""
    app = production.app
    working = app.state.graph  # type: ignore[attr-defined]
    connection = connection_for(settings)
    closed = open_driver(connection)
    await closed.close()
    app.state.graph = Graph(closed, connection.database, 1.0)  # type: ignore[attr-defined]
    try:
        with caplog.at_level(logging.ERROR, logger="graph_service.errors"):
            response = post(production, {"query": QUERY}, headers={"X-Request-ID": "req-42"})
    finally:
        app.state.graph = working  # type: ignore[attr-defined]
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["message"].startswith("Internal error")
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"}
    assert "closed" not in json.dumps(response.json()).lower()
    logged = [r for r in caplog.records if "req-42" in r.getMessage()]
    assert logged and logged[0].exc_info is not None


def test_production_lets_user_errors_through(production: TestClient) -> None:
    response = post(production, {"query": '{ neighborhood(id: "x", depth: 9) { __typename } }'})
    message = response.json()["errors"][0]["message"]
    assert "`depth` must be between 1 and 3" in message
    invalid = post(production, {"query": "{ noSuchField }"})
    assert invalid.status_code == 400
    assert "noSuchField" in invalid.json()["errors"][0]["message"]
