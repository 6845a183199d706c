"""Parse, validation and cost analysis run once per distinct document, not per request."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graphql import DocumentNode, GraphQLSchema, parse
from starlette.testclient import TestClient

from graph_service.api.extensions.document_caches import cached_validate_document
from graph_service.api.limits.memo import DocumentMemo
from graph_service.api.schema import build_schema

HEADERS = {"Accept": "application/graphql-response+json", "Content-Type": "application/json"}


def post(client: TestClient, query: str) -> Any:
    return client.post("/graphql", content=json.dumps({"query": query}), headers=HEADERS)


def test_a_repeated_document_is_validated_once(client: TestClient) -> None:
    cache = cached_validate_document
    # Not a fast path read: a second request of one of those skips validation altogether.
    query = "{ stats { totalEntities } } # validation cache test"
    first = post(client, query)
    assert first.status_code == 200
    hits = cache.cache_info().hits
    assert post(client, query).json() == first.json()
    assert cache.cache_info().hits == hits + 1


def test_a_cached_validation_error_is_reported_every_time(client: TestClient) -> None:
    query = '{ node(id: "pemkot-cimahi") { nonsense } }'
    first, second = post(client, query), post(client, query)
    assert first.status_code == second.status_code == 400
    assert first.json() == second.json()
    assert "Cannot query field 'nonsense'" in first.json()["errors"][0]["message"]


class CountingAnalysis:
    """Counts runs; reads the variable `n` only."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        operation_name: str | None,
    ) -> int:
        self.runs += 1
        return int(variables.get("n") or 0) * 10


def test_an_analysis_reruns_only_when_a_variable_it_read_changes() -> None:
    schema = build_schema()._schema
    analysis = CountingAnalysis()
    memo = DocumentMemo(analysis, maxsize=8)
    text = "query($n: Int, $q: String) { search(query: $q, first: $n) { totalCount } }"
    document = parse(text)
    assert memo(schema, text, document, {"n": 5, "q": "kota"}, None) == 50
    assert memo(schema, text, document, {"n": 5, "q": "cimahi"}, None) == 50
    assert analysis.runs == 1  # `q` was never read: a new search string is a hit
    assert memo(schema, text, document, {"n": 7, "q": "kota"}, None) == 70
    assert memo(schema, text, document, {"n": 5}, "Other") == 50
    assert analysis.runs == 3


def test_the_memo_is_bounded() -> None:
    schema = build_schema()._schema
    analysis = CountingAnalysis()
    memo = DocumentMemo(analysis, maxsize=2)
    texts = [f"{{ node(id: {i}) {{ id }} }}" for i in ("1", '"2"', '"3"')]
    for text in texts:
        memo(schema, text, parse(text), {"n": 1}, None)
    memo(schema, texts[0], parse(texts[0]), {"n": 1}, None)
    assert analysis.runs == 4  # the first was evicted by the third
