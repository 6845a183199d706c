"""GraphiQL loads nothing from a CDN: every asset is served by the service, byte-identical
to the release Strawberry's page names (its integrity hashes are checked here too)."""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.testclient import TestClient


def test_graphiql_page_names_only_local_assets(client: TestClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "GraphiQL" in page.text
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page.text)
    assert external == []
    assets = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"\s+integrity="([^"]+)"', page.text)
    assert len(assets) == 7
    for url, integrity in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        digest = base64.b64encode(hashlib.sha384(response.content).digest()).decode()
        assert integrity == f"sha384-{digest}", url


def test_graphiql_opens_on_an_example_query_that_runs(client: TestClient) -> None:
    from graph_service.api.graphiql import DEFAULT_QUERY

    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert 'search(query: \\"cimahi\\"' in page.text
    answer = client.post("/graphql", json={"query": DEFAULT_QUERY}).json()
    assert "errors" not in answer
    assert answer["data"]["search"]["edges"][0]["node"]["id"] == "pemkot-cimahi"
