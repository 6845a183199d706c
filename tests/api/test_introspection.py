"""The standard introspection query, as GraphiQL and code generators send it, over HTTP."""

from __future__ import annotations

from graphql import build_client_schema, get_introspection_query

from tests.conftest import GraphQLClient


def test_standard_introspection_builds_a_client_schema(gql: GraphQLClient) -> None:
    body = gql.post(get_introspection_query(descriptions=True, input_value_deprecation=True))

    assert body["status"] == 200
    assert "errors" not in body, body.get("errors")
    schema = build_client_schema(body["data"])
    link = schema.mutation_type.fields["linkHasSpbeIndex"]  # type: ignore[union-attr]
    assert "properties" in link.args
