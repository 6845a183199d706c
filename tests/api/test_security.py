"""What an attacker or a careless client sees: coded errors without internals, no schema
through suggestions when introspection is off, and forwarded addresses only from proxies
the service was told to trust."""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from graphql import GraphQLError
from starlette.testclient import TestClient

from graph_service import cli
from graph_service.api.app import create_app
from graph_service.api.auth import hash_api_key
from graph_service.api.extensions.graph_errors import GRAPH_ERROR_MESSAGE, coded
from graph_service.graph.errors import GraphError
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, Settings, load_settings

GRAPHQL_RESPONSE = "application/graphql-response+json"
HEADERS = {"Accept": GRAPHQL_RESPONSE, "Content-Type": "application/json"}
EDITOR_KEY = "editor-key-for-security-tests-0123456789"


def post(client: TestClient, query: str, variables: Any = None, **headers: str) -> Any:
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/graphql", content=body, headers={**HEADERS, **headers})


def codes(response: Any) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


# -- suggestions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def closed(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """Production mode with introspection off, as the issue probed it."""
    custom = settings.model_copy(update={"introspection": False, "mode": "production"})
    with TestClient(create_app(custom)) as client:
        yield client


@pytest.mark.parametrize(
    "query",
    [
        "{ audit { id } }",  # a field: "Did you mean 'auditLog'?"
        "mutation { createPlatfrom { __typename } }",  # a mutation: five names
        '{ node(idd: "x") { id } }',  # an argument
        '{ search(query: "x", kinds: [Agenc]) { totalCount } }',  # an enum value
        'query($k: [EntityKnd!]) { search(query: "x", kinds: $k) { totalCount } }',  # a type
    ],
)
def test_no_names_are_suggested_when_introspection_is_off(
    closed: TestClient, client: TestClient, query: str
) -> None:
    hidden = post(closed, query)
    assert hidden.status_code == 400
    assert "Did you mean" not in hidden.text
    assert codes(hidden) == ["GRAPHQL_VALIDATION_FAILED"] * len(codes(hidden))
    assert "Did you mean" in post(client, query).text  # the open schema still helps


def test_no_enum_value_is_suggested_for_a_variable(closed: TestClient) -> None:
    query = 'query($k: [EntityKindName!]) { search(query: "x", kinds: $k) { totalCount } }'
    response = post(closed, query, {"k": ["Agenc"]})
    assert response.status_code == 400
    assert "Did you mean" not in response.text
    assert codes(response) == ["BAD_USER_INPUT"]


# -- error codes ---------------------------------------------------------------------------


def test_request_errors_carry_codes(client: TestClient) -> None:
    assert codes(post(client, "{ stats { ")) == ["GRAPHQL_PARSE_FAILED"]
    assert codes(post(client, "{ nope }")) == ["GRAPHQL_VALIDATION_FAILED"]
    query = "query($n: Int!) { localGovernments(first: $n) { totalCount } }"
    assert codes(post(client, query, {"n": "x"})) == ["BAD_USER_INPUT"]
    assert codes(post(client, "{ localGovernments(first: 1000) { totalCount } }")) == [
        "BAD_USER_INPUT"
    ]
    refusals = {
        406: client.post("/graphql", json={"query": "{ __typename }"}, headers={"Accept": "x/y"}),
        415: client.post("/graphql", content="{}", headers={"Content-Type": "text/plain"}),
        405: client.get("/graphql", params={"query": "mutation { __typename }"}),
        401: post(client, "{ __typename }", Authorization="Bearer nonsense"),
    }
    expected = {
        406: "NOT_ACCEPTABLE",
        415: "UNSUPPORTED_MEDIA_TYPE",
        405: "METHOD_NOT_ALLOWED",
        401: "UNAUTHENTICATED",
    }
    assert {status: r.status_code for status, r in refusals.items()} == {s: s for s in expected}
    assert {status: codes(r)[0] for status, r in refusals.items()} == expected


@pytest.fixture(scope="module")
def editor_app(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """Development mode (the default), an editor key, and no string length limit to speak of,
    so that a value the graph itself refuses reaches it."""
    custom = settings.model_copy(
        update={
            "max_string_length": 1_000_000,
            "api_keys": {hash_api_key(EDITOR_KEY): ApiKeyGrant(subject="ed", roles=("editor",))},
        }
    )
    with TestClient(create_app(custom)) as client:
        yield client


def test_a_graph_error_reaches_the_client_as_a_code_and_a_plain_message(
    editor_app: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    name = "n" * 400_000  # ArcadeDB refuses the commit (its index keys are bounded)
    query = "mutation($p: PlatformInput!) { createPlatform(input: $p) { __typename } }"
    platform = {"id": "sec-huge", "name": name, "sources": ["src-indoart"]}
    with caplog.at_level(logging.ERROR, logger="graph_service.errors"):
        response = post(editor_app, query, {"p": platform}, Authorization=f"Bearer {EDITOR_KEY}")
    [error] = response.json()["errors"]
    request_id = response.headers["x-request-id"]
    assert error["message"] == GRAPH_ERROR_MESSAGE
    assert error["extensions"] == {"code": "GRAPH_ERROR", "requestId": request_id}
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and "the graph rejected a query" in logged[0].getMessage()
    read = post(editor_app, '{ node(id: "sec-huge") { id } }')
    assert read.json()["data"] == {"node": None}  # nothing was written


def test_internal_errors_are_coded_and_graph_errors_plain_in_any_mode() -> None:
    internal = coded(GraphQLError("boom", path=["x"], original_error=RuntimeError("boom")), "r1")
    assert internal.message == "boom"  # development mode shows it; production masks it
    assert internal.extensions == {"code": "INTERNAL_SERVER_ERROR"}
    assert isinstance(internal.original_error, RuntimeError)
    rejected = GraphError("the graph rejected a query: MATCH (n) ... #93:22")
    graph = coded(GraphQLError(str(rejected), path=["x"], original_error=rejected), "r2")
    assert graph.message == GRAPH_ERROR_MESSAGE and "#93:22" not in graph.message
    assert graph.original_error is None


# -- forwarded addresses -------------------------------------------------------------------


def _limited(settings: Settings, proxies: tuple[str, ...]) -> TestClient:
    custom = settings.model_copy(update={"rate_limit": 2, "trusted_proxies": proxies})
    return TestClient(create_app(custom), client=("127.0.0.1", 40000))


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(
    graph: Graph, settings: Settings
) -> None:
    with _limited(settings, ()) as client:
        statuses = [
            post(client, "{ __typename }", **{"X-Forwarded-For": f"203.0.113.{i}"}).status_code
            for i in range(4)
        ]
    assert statuses == [200, 200, 429, 429]  # all counted against 127.0.0.1


def test_a_trusted_proxy_names_the_client(graph: Graph, settings: Settings) -> None:
    with _limited(settings, ("127.0.0.0/8",)) as client:
        forwarded = [
            post(client, "{ __typename }", **{"X-Forwarded-For": f"203.0.113.{i}"}).status_code
            for i in range(4)
        ]
        # a client cannot pick its own address by prepending one: the proxy's entry counts
        spoofed = [
            post(
                client, "{ __typename }", **{"X-Forwarded-For": f"198.51.100.{i}, 203.0.113.9"}
            ).status_code
            for i in range(3)
        ]
        direct = [post(client, "{ __typename }").status_code for _ in range(3)]
    assert forwarded == [200] * 4  # four clients, one request each
    assert spoofed == [200, 200, 429]  # all 203.0.113.9
    assert direct == [200, 200, 429]  # the proxy's own address


def test_trusted_proxies_are_addresses_or_networks() -> None:
    settings = load_settings({"GRAPH_SERVICE_TRUSTED_PROXIES": "10.0.0.0/8, ::1"})
    assert settings.trusted_proxies == ("10.0.0.0/8", "::1")
    with pytest.raises(Exception, match="GRAPH_SERVICE_TRUSTED_PROXIES"):
        load_settings({"GRAPH_SERVICE_TRUSTED_PROXIES": "proxy.example"})


def test_serve_runs_uvicorn_without_its_forwarded_header_trust(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    remote = load_settings({"NEO4J_URI": "bolt://127.0.0.1:1"})  # starts no embedded graph
    cli._serve(remote, argparse.Namespace(seed_if_empty=False))
    assert seen["proxy_headers"] is False
