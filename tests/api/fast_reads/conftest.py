"""An app without the fast path to compare with, and a record of which entry ran it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.fast_reads import direct, extension
from graph_service.graph.executor import Graph
from graph_service.settings import Settings
from tests.conftest import GraphQLClient


@pytest.fixture(scope="package")
def slow(graph: Graph, settings: Settings) -> Iterator[GraphQLClient]:
    with TestClient(create_app(settings.model_copy(update={"fast_reads": False}))) as http:
        yield GraphQLClient(http)


@dataclass
class Runs:
    """Each run of the fast path: whether it answered (False: it left the request to
    GraphQL execution), and which entry ran it ("extension" or "direct")."""

    answered: list[bool] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Runs:
    found = Runs()
    for entry, module in (("extension", extension), ("direct", direct)):
        serve = module.serve

        async def recording(*args: Any, _serve: Any = serve, _entry: str = entry) -> Any:
            result = await _serve(*args)
            found.answered.append(result is not None)
            found.entries.append(_entry)
            return result

        monkeypatch.setattr(module, "serve", recording)
    return found


@pytest.fixture
def served(runs: Runs) -> list[bool]:
    """Whether each run of the fast path since answered, whichever entry ran it."""
    return runs.answered
