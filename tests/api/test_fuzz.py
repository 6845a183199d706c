"""Fuzzing, bounded: generated operations (valid and invalid, from the schema) and arbitrary
bodies never get a 5xx, and every error they get carries a code.

Examples are derandomised so a failure reproduces; mutations are sent anonymously, so they
are refused before they could write.
"""

from __future__ import annotations

import json
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import Mode, from_schema, nodes
from starlette.testclient import TestClient

from graph_service.api.schema import build_schema

FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SCALARS = {
    "Date": st.dates().map(str).map(nodes.String),
    "JSON": st.integers().map(nodes.Int),
}
SCHEMA = build_schema()._schema
OPERATIONS = st.one_of(
    from_schema(SCHEMA, custom_scalars=SCALARS),
    from_schema(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
HEADERS = {"Content-Type": "application/json", "Accept": "application/graphql-response+json"}
QUERY = (
    "query($id: ID!, $n: Int) { node(id: $id) { id } localGovernments(first: $n) { totalCount } }"
)


def assert_answered(response: Any) -> None:
    assert response.status_code < 500, response.text
    body = response.json()
    if response.status_code >= 400 or "data" not in body:
        assert body["errors"], body
    for error in body.get("errors") or []:
        assert error["extensions"]["code"], error


@FUZZ
@given(operation=OPERATIONS)
def test_generated_operations_never_get_a_5xx(client: TestClient, operation: str) -> None:
    assert_answered(client.post("/graphql", json={"query": operation}, headers=HEADERS))


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=200),
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries({"query": st.just(QUERY), "variables": JSON_VALUES}).map(
            lambda v: json.dumps(v).encode()
        ),
        st.fixed_dictionaries(
            {"query": st.just(QUERY), "variables": st.fixed_dictionaries({"id": st.text()})}
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_arbitrary_bodies_never_get_a_5xx(client: TestClient, body: bytes) -> None:
    assert_answered(client.post("/graphql", content=body, headers=HEADERS))
