"""Whatever the body, the answer is a GraphQL error with a code and a 4xx, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.settings import DEFAULT_MAX_STRING_LENGTH

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
CREATE = "mutation($p: PlatformInput!) { createPlatform(input: $p) { __typename } }"


def send(client: TestClient, body: bytes | str) -> Any:
    return client.post(
        "/graphql", content=body, headers={"Content-Type": JSON, "Accept": GRAPHQL_RESPONSE}
    )


def the_error(response: Any) -> dict[str, Any]:
    """The one error of a 400 GraphQL-shaped answer."""
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    errors = response.json()["errors"]
    assert len(errors) == 1 and errors[0]["extensions"]["code"], errors
    return dict(errors[0])


@pytest.mark.parametrize("body", ["42", '"hello"', "null", "true", "[]", "[1]", "{"])
def test_json_that_is_not_a_request_object_is_a_400(client: TestClient, body: str) -> None:
    error = the_error(send(client, body))
    assert error["extensions"]["code"] == "BAD_REQUEST"


def test_a_body_that_is_not_utf8_is_a_400(client: TestClient) -> None:
    error = the_error(send(client, b'{"query": "{ stats { totalEntities } }\xff\xfe"}'))
    assert "JSON" in error["message"]


def test_variables_nested_100000_deep_are_a_400(client: TestClient) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    body = '{"query": "query($v: [ID!]) { nodes(ids: $v) { id } }", "variables": {"v": ' + deep
    error = the_error(send(client, body + "}}"))
    assert error["extensions"]["code"] == "BAD_REQUEST"


def test_variables_nested_deeper_than_the_walk_allows_are_bad_user_input(
    client: TestClient,
) -> None:
    deep = "[" * 200 + "]" * 200  # decodable JSON, but deeper than any input type
    body = '{"query": "query($v: [ID!]) { nodes(ids: $v) { id } }", "variables": {"v": ' + deep
    error = the_error(send(client, body + "}}"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "64 levels deep" in error["message"]


def test_a_lone_surrogate_in_a_variable_is_bad_user_input(client: TestClient) -> None:
    body = json.dumps({"query": CREATE, "variables": {"p": {"id": "x\ud800", "name": "n"}}})
    assert "\\ud800" in body  # the JSON escape a client sends
    error = the_error(send(client, body))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "$p.id is not valid Unicode: it holds a lone surrogate (U+D800)"


def test_a_lone_surrogate_in_the_document_is_bad_user_input(client: TestClient) -> None:
    body = json.dumps({"query": '{ node(id: "\ud800") { id } }'})
    error = the_error(send(client, body))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "lone surrogate" in error["message"]


def test_an_oversized_string_names_the_limit(client: TestClient) -> None:
    name = "n" * (DEFAULT_MAX_STRING_LENGTH + 1)
    body = json.dumps({"query": CREATE, "variables": {"p": {"id": "big", "name": name}}})
    error = the_error(send(client, body))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == (
        f"$p.name is {len(name)} characters long; the most allowed is "
        f"{DEFAULT_MAX_STRING_LENGTH} (GRAPH_SERVICE_MAX_STRING_LENGTH)"
    )
    literal = json.dumps({"query": '{ search(query: "' + name + '") { totalCount } }'})
    error = the_error(send(client, literal))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("a string literal is")
    assert error["locations"] == [{"line": 1, "column": 17}]
