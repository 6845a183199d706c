"""CORS: no cross-origin access by default; an allow-list opens it to the origins named."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.graph.executor import Graph
from graph_service.settings import Settings, load_settings

CURATOR = "https://curator.example.org"
EVIL = "https://evil.example.com"
QUERY = json.dumps({"query": "{ __typename }"})


def preflight(client: TestClient, origin: str) -> Any:
    return client.options(
        "/graphql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def cross_origin_post(client: TestClient, origin: str) -> Any:
    return client.post(
        "/graphql",
        content=QUERY,
        headers={"Origin": origin, "Content-Type": "application/json"},
    )


@pytest.fixture(scope="module")
def allowing(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"cors_origins": (CURATOR,)}))) as c:
        yield c


def test_by_default_no_origin_gets_access(client: TestClient) -> None:
    answer = preflight(client, CURATOR)
    assert "access-control-allow-origin" not in answer.headers
    response = cross_origin_post(client, CURATOR)
    assert response.status_code == 200  # served, but the browser withholds it from the page
    assert "access-control-allow-origin" not in response.headers


def test_a_listed_origin_may_preflight_and_read(allowing: TestClient) -> None:
    answer = preflight(allowing, CURATOR)
    headers = answer.headers
    assert answer.status_code == 200
    assert headers["access-control-allow-origin"] == CURATOR
    assert "POST" in headers["access-control-allow-methods"]
    assert "authorization" in headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in headers
    response = cross_origin_post(allowing, CURATOR)
    assert response.headers["access-control-allow-origin"] == CURATOR
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


def test_an_unlisted_origin_is_refused(allowing: TestClient) -> None:
    answer = preflight(allowing, EVIL)
    assert answer.status_code == 400
    assert "access-control-allow-origin" not in answer.headers
    response = cross_origin_post(allowing, EVIL)
    assert "access-control-allow-origin" not in response.headers


def test_origins_setting_takes_a_json_list_or_commas() -> None:
    assert load_settings({"GRAPH_SERVICE_CORS_ORIGINS": f"{CURATOR}, {EVIL}"}).cors_origins == (
        CURATOR,
        EVIL,
    )
    assert load_settings({"GRAPH_SERVICE_CORS_ORIGINS": json.dumps([CURATOR])}).cors_origins == (
        CURATOR,
    )
    assert load_settings({}).cors_origins == ()


VITE = "http://localhost:5173"


def test_in_development_local_origins_work_without_configuration(client: TestClient) -> None:
    for origin in (VITE, "http://127.0.0.1:3000", "http://localhost"):
        answer = preflight(client, origin)
        assert answer.status_code == 200, origin
        assert answer.headers["access-control-allow-origin"] == origin
        assert answer.headers["access-control-max-age"] == "600"
        assert "content-type" in answer.headers["access-control-allow-headers"].lower()
        assert "origin" in answer.headers["vary"].lower()
        response = cross_origin_post(client, origin)
        assert response.headers["access-control-allow-origin"] == origin
        assert "origin" in response.headers["vary"].lower()
    for lookalike in ("http://localhost.evil.com", "http://evil.com/http://localhost:1"):
        assert "access-control-allow-origin" not in preflight(client, lookalike).headers


def test_in_production_only_the_allow_list_opens(graph: Graph, settings: Settings) -> None:
    production = settings.model_copy(update={"mode": "production", "cors_origins": (CURATOR,)})
    with TestClient(create_app(production)) as c:
        assert preflight(c, CURATOR).headers["access-control-allow-origin"] == CURATOR
        refused = preflight(c, VITE)
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers
    with TestClient(create_app(settings.model_copy(update={"mode": "production"}))) as c:
        assert "access-control-allow-origin" not in preflight(c, VITE).headers
