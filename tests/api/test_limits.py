"""Abuse limits: each test sends the attack the limit stops, and a fair request that passes."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import parse
from limits import RateLimitItemPerSecond
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.auth import hash_api_key
from graph_service.api.limits import RateLimiter, estimate_cost
from graph_service.api.schema import build_schema
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"
HEADERS = {"Accept": GRAPHQL_RESPONSE, "Content-Type": "application/json", "X-Graph-Trace": "1"}


def post(client: TestClient, query: str, variables: dict[str, Any] | None = None, **headers: str):
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/graphql", content=body, headers={**HEADERS, **headers})


def refused(response: Any, words: str) -> dict[str, Any]:
    """Asserts a 400 request error naming `words`, and that no Cypher ran for it."""
    assert response.status_code == 400, response.text
    body: dict[str, Any] = response.json()
    assert "data" not in body
    assert words in body["errors"][0]["message"], body
    assert body.get("extensions", {}).get("graph", {}).get("queryCount", 0) == 0
    return body


def sources_chain(levels: int) -> str:
    """`node { ... on Entity { sources { sources { ... id } } } }`, `levels` deep."""
    inner = "id"
    for _ in range(levels):
        inner = f"sources {{ {inner} }}"
    return f'{{ node(id: "pemkot-cimahi") {{ ... on Entity {{ {inner} }} }} }}'


# -- depth ---------------------------------------------------------------------------------


def test_deep_nesting_is_refused(client: TestClient) -> None:
    refused(post(client, sources_chain(12)), "exceeds maximum operation depth")


def test_nesting_within_the_default_depth_runs(client: TestClient) -> None:
    response = post(client, sources_chain(7))
    assert response.status_code == 200
    assert "errors" not in response.json()


# -- aliases -------------------------------------------------------------------------------


def aliased(count: int) -> str:
    return "{ " + " ".join(f'a{i}: node(id: "pemkot-cimahi") {{ id }}' for i in range(count)) + " }"


def test_an_alias_flood_is_refused(client: TestClient) -> None:
    refused(post(client, aliased(31)), "31 aliases found. Allowed: 30")


def test_aliases_up_to_the_limit_run(client: TestClient) -> None:
    response = post(client, aliased(30))
    assert response.status_code == 200
    assert len(response.json()["data"]) == 30


# -- tokens --------------------------------------------------------------------------------


def test_a_document_of_too_many_tokens_is_refused(client: TestClient) -> None:
    flood = "{ " + "__typename " * 2500 + "}"
    refused(post(client, flood), "more than 2000 tokens")


# -- cost ----------------------------------------------------------------------------------

PAGE_BOMB = """{ localGovernments(first: 100) { edges { node {
  awardsReceived(first: 100) { edges { node { ... on AwardCategory {
    recipients(first: 100) { edges { node { id name } } } } } } } } } } }"""


def test_page_sizes_multiplied_down_the_nesting_are_refused(client: TestClient) -> None:
    refused(post(client, PAGE_BOMB), "exceeds the limit of 50000")


# A list page of a front end: 100 rows, each with its awards and each award's edition,
# nested pages left to their default size.
FRONT_END_LIST = """{ localGovernments(first: 100) { edges { node { name awardsReceived {
  edges { rank year node { name ... on AwardCategory { award { edges { node { name }
  } } } } } } } } } }"""


def test_an_ordinary_front_end_list_with_nested_defaults_runs(client: TestClient) -> None:
    response = post(client, FRONT_END_LIST)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    rows = body["data"]["localGovernments"]["edges"]
    cimahi = next(r["node"] for r in rows if r["node"]["name"] == "Pemerintah Kota Cimahi")
    awards = cimahi["awardsReceived"]["edges"]
    categories = [a["node"] for a in awards if "award" in a["node"]]
    assert categories and all(c["award"]["edges"] for c in categories)


def test_nested_defaults_count_as_the_nested_page_size() -> None:
    schema = build_schema()._schema
    document = parse(FRONT_END_LIST)
    # 1 lookup + 100 rows x (1 + 20 awards x (1 + 20 editions)): an upper bound.
    assert estimate_cost(schema, document, page_cap=100, nested_page=20) == 1 + 100 * 421
    assert estimate_cost(schema, document, page_cap=100) == 1 + 100 * (1 + 100 * 101)


def test_default_pages_multiplied_by_siblings_are_refused(client: TestClient) -> None:
    inner = (
        "{ edges { node { id ... on AwardCategory { recipients { edges { node { id } } } } } } }"
    )
    pair = f"a: awardsReceived {inner} b: awardsReceived {inner}"
    twice = f"{{ localGovernments {{ edges {{ node {{ {pair} }} }} }} }}"
    refused(post(client, twice), "query cost 84101 exceeds the limit")


def test_a_large_nested_page_asked_for_is_refused(client: TestClient) -> None:
    asked = FRONT_END_LIST.replace("awardsReceived {", "awardsReceived(first: 100) {")
    refused(post(client, asked), "exceeds the limit")


def test_page_sizes_from_variables_count(client: TestClient) -> None:
    query = PAGE_BOMB.replace("first: 100", "first: $n").replace(
        "{ local", "query($n: Int) { local", 1
    )
    refused(post(client, query, {"n": 100}), "exceeds the limit")
    small = post(client, query, {"n": 5})
    assert small.status_code == 200, small.text
    assert "errors" not in small.json()


def test_fair_nested_pages_run(client: TestClient) -> None:
    response = post(client, PAGE_BOMB.replace("first: 100", "first: 10"))
    assert response.status_code == 200
    assert response.json()["data"]["localGovernments"]["edges"]


def test_cost_counts_objects_per_item_and_fragments_once() -> None:
    schema = build_schema()._schema
    query = """query { localGovernments(first: 10) { totalCount edges { node { ...F } } } }
               fragment F on LocalGovernment { id awardsReceived(first: 3) { edges { rank } } }"""
    # localGovernments 1 (a lookup); 10 edges (rows), whose node and awardsReceived come
    # with them; 3 award edges under each of the 10: 30. Scalars are free.
    assert estimate_cost(schema, parse(query), page_cap=100) == 1 + 10 + 30
    listed = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } a: nodes(ids: ["x", "y"]) { id } }'
    assert estimate_cost(schema, parse(listed), variables={"ids": ["a"] * 7}, page_cap=100) == 9
    bomb = (
        "query { ...F0 }\n"
        + "\n".join(
            f'fragment F{i} on Query {{ a: node(id: "x") {{ id }} ...F{i + 1} ...F{i + 1} }}'
            for i in range(30)
        )
        + "\nfragment F30 on Query { __typename }"
    )
    assert estimate_cost(schema, parse(bomb), page_cap=100) == 2**30 - 1  # computed at once


# -- custom limits, body size, rate, introspection -----------------------------------------

EDITOR_KEY = "editor-key-for-limit-tests-0123456789"


@pytest.fixture(scope="module")
def strict(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    custom = settings.model_copy(
        update={
            "max_depth": 3,
            "max_body_bytes": 2000,
            "introspection": False,
        }
    )
    with TestClient(create_app(custom)) as client:
        yield client


def test_limits_follow_settings(strict: TestClient) -> None:
    refused(post(strict, sources_chain(3)), "exceeds maximum operation depth of 3")
    assert post(strict, sources_chain(2)).status_code == 200


RECIPIENTS = """{ node(id: "dga-2024-cat-kota") { ... on AwardCategory {
  recipients%s { totalCount pageInfo { hasNextPage } edges { node { id } } } } } }"""


@pytest.fixture(scope="module")
def small_pages(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"nested_page_size": 3}))) as client:
        yield client


def test_a_nested_connection_without_first_gets_the_nested_page_size(
    small_pages: TestClient, client: TestClient
) -> None:
    page = post(small_pages, RECIPIENTS % "").json()["data"]["node"]["recipients"]
    assert (page["totalCount"], len(page["edges"]), page["pageInfo"]["hasNextPage"]) == (
        10,
        3,
        True,
    )
    asked = post(small_pages, RECIPIENTS % "(first: 10)").json()["data"]["node"]["recipients"]
    assert len(asked["edges"]) == 10
    default = post(client, RECIPIENTS % "").json()["data"]["node"]["recipients"]
    assert (len(default["edges"]), default["pageInfo"]["hasNextPage"]) == (10, False)


def test_an_oversized_body_is_413_before_it_is_read(strict: TestClient) -> None:
    padding = "#" + "x" * 3000 + "\n"
    response = post(strict, padding + "{ __typename }")
    assert response.status_code == 413
    assert "larger than 2000 bytes" in response.json()["errors"][0]["message"]


def test_an_oversized_chunked_body_is_413(strict: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "#'
        for _ in range(10):
            yield b"x" * 500
        yield b'\\n{ __typename }"}'

    response = strict.post("/graphql", content=chunks(), headers=HEADERS)
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


def test_the_default_body_limit_is_one_mebibyte(client: TestClient) -> None:
    response = post(client, "#" + "x" * (1 << 20) + "\n{ __typename }")
    assert response.status_code == 413


def test_a_burst_beyond_the_rate_gets_429_with_retry_after(
    graph: Graph, settings: Settings
) -> None:
    custom = settings.model_copy(
        update={
            "rate_limit": 3,
            "api_keys": {hash_api_key(EDITOR_KEY): ApiKeyGrant(subject="ed", roles=("editor",))},
        }
    )
    with TestClient(create_app(custom)) as client:
        statuses = [post(client, "{ __typename }").status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        burst = post(client, "{ __typename }")
        assert burst.status_code == 429
        assert int(burst.headers["retry-after"]) >= 1
        assert "too many requests" in burst.json()["errors"][0]["message"]
        # an authenticated client has its own budget, keyed by subject, not address
        keyed = post(client, "{ __typename }", Authorization=f"Bearer {EDITOR_KEY}")
        assert keyed.status_code == 200


def test_guessing_tokens_uses_up_the_address_budget(graph: Graph, settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"rate_limit": 2}))) as client:
        guesses = [
            post(client, "{ __typename }", Authorization=f"Bearer guess-{i}").status_code
            for i in range(3)
        ]
        assert guesses == [401, 401, 429]


async def test_rate_limiter_lets_a_client_in_again_as_its_window_slides() -> None:
    limiter = RateLimiter(0, item=RateLimitItemPerSecond(2))  # a short window, not a minute
    assert [await limiter.acquire("a") for _ in range(2)] == [None, None]
    assert await limiter.acquire("a") == 1  # Retry-After: a second at least
    assert await limiter.acquire("b") is None  # other clients are unaffected
    deadline = time.monotonic() + 5
    while await limiter.acquire("a") is not None:
        assert time.monotonic() < deadline, "the client was never let in again"
        await asyncio.sleep(0.05)


async def test_retry_after_is_within_the_minute_and_zero_turns_the_limit_off() -> None:
    limiter = RateLimiter(2)
    assert [await limiter.acquire("a") for _ in range(2)] == [None, None]
    retry_after = await limiter.acquire("a")
    assert retry_after is not None and 1 <= retry_after <= 60
    off = RateLimiter(0)
    assert [await off.acquire("a") for _ in range(5)] == [None] * 5


def test_introspection_can_be_turned_off(strict: TestClient, client: TestClient) -> None:
    query = "{ __schema { queryType { name } } }"
    assert post(client, query).json()["data"]["__schema"]["queryType"]["name"] == "Query"
    refused(post(strict, query), "introspection")
    ide = strict.get("/graphql", headers={"Accept": "text/html"})
    assert ide.status_code == 404  # GraphiQL is useless without introspection
