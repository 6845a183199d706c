"""HTTP caching of reads: anonymous GET queries carry Cache-Control and an ETag; 304 on a match."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.auth import hash_api_key
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, Settings

QUERY = '{ node(id: "pemkot-cimahi") { id ... on Entity { name } } }'
READER_KEY = "cache-reader-key-0123456789"


@pytest.fixture(scope="module")
def caching(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    configured = settings.model_copy(
        update={
            "cache_control": "public, max-age=30",
            "api_keys": {hash_api_key(READER_KEY): ApiKeyGrant(subject="r", roles=("reader",))},
        }
    )
    with TestClient(create_app(configured)) as client:
        yield client


def test_anonymous_get_carries_cache_control_and_etag(caching: TestClient) -> None:
    response = caching.get("/graphql", params={"query": QUERY})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=30"
    assert response.headers["etag"].startswith('"')
    assert "authorization" in response.headers["vary"].lower()
    again = caching.get("/graphql", params={"query": QUERY})
    assert again.headers["etag"] == response.headers["etag"]


def test_if_none_match_gets_304_without_a_body(caching: TestClient) -> None:
    etag = caching.get("/graphql", params={"query": QUERY}).headers["etag"]
    for sent in (etag, f'"other", W/{etag}', "*"):
        response = caching.get("/graphql", params={"query": QUERY}, headers={"If-None-Match": sent})
        assert response.status_code == 304, sent
        assert response.content == b""
        assert response.headers["etag"] == etag
    stale = caching.get("/graphql", params={"query": QUERY}, headers={"If-None-Match": '"old"'})
    assert stale.status_code == 200
    assert stale.json()["data"]["node"]["name"] == "Pemerintah Kota Cimahi"


def test_other_queries_have_other_etags(caching: TestClient) -> None:
    one = caching.get("/graphql", params={"query": QUERY}).headers["etag"]
    other = caching.get("/graphql", params={"query": '{ node(id: "dga-2024") { id } }'})
    assert other.headers["etag"] != one


def test_no_caching_with_credentials_for_posts_or_for_errors(caching: TestClient) -> None:
    keyed = caching.get(
        "/graphql", params={"query": QUERY}, headers={"Authorization": f"Bearer {READER_KEY}"}
    )
    assert keyed.status_code == 200
    assert keyed.headers["cache-control"] == "no-store"
    assert "etag" not in keyed.headers
    posted = caching.post("/graphql", json={"query": QUERY})
    assert "etag" not in posted.headers and "cache-control" not in posted.headers
    failed = caching.get("/graphql", params={"query": '{ search(query: "") { totalCount } }'})
    assert "etag" not in failed.headers
