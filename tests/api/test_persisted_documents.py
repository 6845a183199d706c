"""Persisted documents: Apollo's automatic persisted queries, and a trusted-documents manifest."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.negotiation import GRAPHQL_RESPONSE_JSON, JSON
from graph_service.api.persisted.lru import LRUCache
from graph_service.api.persisted.manifest import ManifestError
from graph_service.graph.executor import Graph
from graph_service.settings import Settings

QUERY = 'query Cimahi { node(id: "pemkot-cimahi") { id } }'
OTHER = '{ node(id: "dga-2024") { id } }'


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def apq(hash_: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": hash_}}


def post(client: TestClient, body: dict[str, Any], accept: str = JSON) -> Any:
    return client.post("/graphql", json=body, headers={"Accept": accept})


@pytest.fixture(scope="module")
def apq_client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"apq_cache_size": 2}))) as client:
        yield client


def test_an_unknown_hash_asks_the_client_to_send_the_document(apq_client: TestClient) -> None:
    hash_ = sha256(QUERY + " ")
    first = post(apq_client, {"extensions": apq(hash_)})
    assert first.status_code == 200  # application/json: the legacy status of request errors
    assert first.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert first.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    strict = post(apq_client, {"extensions": apq(hash_)}, GRAPHQL_RESPONSE_JSON)
    assert strict.status_code == 400
    registered = post(apq_client, {"query": QUERY + " ", "extensions": apq(hash_)})
    assert registered.json()["data"]["node"]["id"] == "pemkot-cimahi"
    by_hash = post(apq_client, {"extensions": apq(hash_)})
    assert by_hash.json()["data"]["node"]["id"] == "pemkot-cimahi"


def test_get_with_only_the_hash_is_cacheable(apq_client: TestClient) -> None:
    hash_ = sha256(QUERY)
    post(apq_client, {"query": QUERY, "extensions": apq(hash_)})
    params = {"operationName": "Cimahi", "extensions": json.dumps(apq(hash_))}
    response = apq_client.get("/graphql", params=params)
    assert response.status_code == 200
    assert response.json()["data"]["node"]["id"] == "pemkot-cimahi"
    assert "etag" in response.headers and "max-age" in response.headers["cache-control"]


def test_a_hash_that_does_not_match_its_document_is_refused(apq_client: TestClient) -> None:
    response = post(apq_client, {"query": QUERY, "extensions": apq(sha256(OTHER))})
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    again = post(apq_client, {"extensions": apq(sha256(OTHER))})
    assert again.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    bad = post(apq_client, {"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "x"}}})
    assert "version 1" in bad.json()["errors"][0]["message"]


def test_the_store_is_bounded_least_recently_used_first() -> None:
    store = LRUCache(2)
    store.put("a", "1")
    store.put("b", "2")
    assert store.get("a") == "1"  # a is now the most recent
    store.put("c", "3")
    assert (store.get("a"), store.get("b"), store.get("c"), len(store)) == ("1", None, "3", 2)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trusted") / "persisted-documents.json"
    path.write_text(json.dumps({sha256(QUERY): QUERY}))
    return path


@pytest.fixture(scope="module")
def trusted_client(graph: Graph, settings: Settings, manifest: Path) -> Iterator[TestClient]:
    configured = settings.model_copy(update={"trusted_documents": manifest})
    with TestClient(create_app(configured)) as client:
        yield client


def test_trusted_documents_run_by_hash_or_document_id(trusted_client: TestClient) -> None:
    for body in (
        {"extensions": apq(sha256(QUERY))},
        {"documentId": f"sha256:{sha256(QUERY)}"},
        {"id": sha256(QUERY)},  # Relay
        {"query": QUERY},  # the same text is the same document
    ):
        assert post(trusted_client, body).json()["data"]["node"]["id"] == "pemkot-cimahi", body


def test_anything_else_is_refused_with_a_clear_error(trusted_client: TestClient) -> None:
    untrusted = post(trusted_client, {"query": OTHER}, GRAPHQL_RESPONSE_JSON)
    assert untrusted.status_code == 400
    error = untrusted.json()["errors"][0]
    assert error["extensions"]["code"] == "UNTRUSTED_DOCUMENT"
    assert "trusted-documents manifest" in error["message"]
    # APQ registration is off: sending a document with its hash does not make it trusted.
    registered = post(trusted_client, {"query": OTHER, "extensions": apq(sha256(OTHER))})
    assert registered.json()["errors"][0]["extensions"]["code"] == "UNTRUSTED_DOCUMENT"
    unknown = post(trusted_client, {"extensions": apq(sha256(OTHER))})
    assert sha256(OTHER) in unknown.json()["errors"][0]["message"]
    assert "data" not in unknown.json()


def test_a_bad_manifest_stops_the_start(settings: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('["not", "a", "map"]')
    with pytest.raises(ManifestError, match="JSON object"):
        create_app(settings.model_copy(update={"trusted_documents": broken}))
    with pytest.raises(ManifestError, match="cannot read"):
        create_app(settings.model_copy(update={"trusted_documents": tmp_path / "missing.json"}))
