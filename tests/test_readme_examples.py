"""Every GraphQL example in the README runs against the seeded graph without errors.

Queries run anonymously; the mutation runs with an editor API key and is undone after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.auth import hash_api_key
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, Settings
from tests.conftest import GraphQLClient

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
QUERIES = [b for b in BLOCKS if not b.lstrip().startswith("mutation")]
MUTATIONS = [b for b in BLOCKS if b.lstrip().startswith("mutation")]
EDITOR_KEY = "readme-editor-key-0123456789"


def test_the_readme_has_an_example_per_capability() -> None:
    assert len(QUERIES) >= 9
    assert len(MUTATIONS) >= 1


@pytest.mark.parametrize("example", QUERIES, ids=lambda b: b.split("\n")[1].strip()[:40])
def test_readme_query_runs(gql: GraphQLClient, example: str) -> None:
    data = gql.data(example)
    assert data and all(value is not None for value in data.values())


@pytest.fixture
def editor(graph: Graph, settings: Settings) -> Iterator[GraphQLClient]:
    grant = ApiKeyGrant(subject="readme", roles=("editor",))
    keyed = settings.model_copy(update={"api_keys": {hash_api_key(EDITOR_KEY): grant}})
    with TestClient(create_app(keyed), headers={"Authorization": f"Bearer {EDITOR_KEY}"}) as http:
        yield GraphQLClient(http)


@pytest.mark.parametrize("example", MUTATIONS)
def test_readme_mutation_runs(editor: GraphQLClient, example: str) -> None:
    created = editor.data(example)
    try:
        assert all(r["__typename"].endswith("Success") for r in created.values()), created
    finally:
        for result in created.values():
            entity = result.get("entity") or {}
            if entity.get("id"):
                editor.data(
                    f'mutation {{ deletePlatform(id: "{entity["id"]}", detach: true) '
                    "{ __typename } }"
                )
