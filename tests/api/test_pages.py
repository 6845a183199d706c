"""The landing page and the explorer are served by the app with nothing from a CDN; the
vendored cytoscape.js is the pinned release (its hash is the page's integrity attribute)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import parse_qs, urlsplit

from starlette.testclient import TestClient

from graph_service.api.pages.assets import ASSET_DIR, CYTOSCAPE_INTEGRITY, CYTOSCAPE_VERSION
from graph_service.ontology import ENTITY_KINDS, RELATIONSHIP_TYPES
from tests.conftest import GraphQLClient


def _sha384(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def test_the_explorer_names_only_local_assets_and_pins_cytoscape(client: TestClient) -> None:
    page = client.get("/explore")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(u.startswith("/") or u == "data:," for u in urls), urls
    for url in urls:
        if url.startswith("/explorer-assets/"):
            assert client.get(url).status_code == 200, url
    [(src, integrity)] = re.findall(r'<script src="([^"]+)" integrity="([^"]+)"', page.text)
    assert src == "/explorer-assets/vendor/cytoscape.min.js"
    assert integrity == CYTOSCAPE_INTEGRITY
    served = client.get(src)
    assert served.headers["content-type"].split(";")[0] in {
        "text/javascript",
        "application/javascript",
    }
    assert _sha384(served.content) == CYTOSCAPE_INTEGRITY
    assert f"cytoscape v{CYTOSCAPE_VERSION}" in served.text or CYTOSCAPE_VERSION in served.text
    licence = (ASSET_DIR / "vendor" / "cytoscape.LICENSE").read_text()
    assert "The Cytoscape Consortium" in licence and "Permission is hereby granted" in licence


def test_every_module_the_explorer_imports_is_served_as_javascript(client: TestClient) -> None:
    pending, seen = ["/explorer-assets/js/main.js"], set()
    while pending:
        url = pending.pop()
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "javascript" in response.headers["content-type"], url
        for name in re.findall(r'from "\./([\w-]+\.js)"', response.text):
            if (target := f"/explorer-assets/js/{name}") not in seen:
                pending.append(target)
    assert len(seen) >= 10
    assert all("https://" not in client.get(u).text for u in seen)


def test_the_explorer_config_comes_from_the_ontology(client: TestClient) -> None:
    page = client.get("/explore").text
    [raw] = re.findall(r'<script type="application/json" id="explorer-config">(.*?)</script>', page)
    config = json.loads(raw)
    assert [k["name"] for k in config["kinds"]] == [k.name for k in ENTITY_KINDS]
    assert [r["name"] for r in config["relationshipTypes"]] == [r.name for r in RELATIONSHIP_TYPES]
    local = next(k for k in config["kinds"] if k["name"] == "LocalGovernment")
    assert local["fields"] == ["level", "apps"]


def test_the_explorer_details_query_is_valid_for_every_kind(
    client: TestClient, gql: GraphQLClient
) -> None:
    """The page builds its details query from the config: every kind's fields must exist."""
    page = client.get("/explore").text
    config = json.loads(re.findall(r'id="explorer-config">(.*?)</script>', page)[0])
    fragments = " ".join(
        f"... on {k['name']} {{ {' '.join(k['fields'])} }}" for k in config["kinds"] if k["fields"]
    )
    data = gql.data(f'{{ node(id: "pemkot-cimahi") {{ id {fragments} }} }}')
    assert data["node"]["level"] == "CITY"


def test_the_landing_page_links_the_explorer_graphiql_and_examples_that_run(
    client: TestClient, gql: GraphQLClient
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    links = re.findall(r'href="([^"]+)"', page.text)
    assert "/explore" in links and "/graphql" in links
    queries = [
        parse_qs(urlsplit(link.replace("&amp;", "&")).query)["q"][0]
        for link in links
        if link.startswith("/graphql?")
    ]
    assert len(queries) >= 4
    for query in queries:
        gql.data(query)
    views = [link for link in links if link.startswith("/explore?")]
    assert any("path=joko-widodo~dicky-saromi" in v for v in views)
    first_query = next(link for link in links if link.startswith("/graphql?"))
    graphiql = client.get(first_query.replace("&amp;", "&"), headers={"Accept": "text/html"})
    assert graphiql.status_code == 200 and "GraphiQL" in graphiql.text
