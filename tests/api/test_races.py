"""Concurrent writes: a delete races a write that cites or links the same entity, creates
race creates. One of each pair sees the other; the graph never holds a dangling reference,
so its export imports again. Many rounds, since a race lost once in a while is still lost.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest

from graph_service.graph.executor import Graph
from graph_service.loading import export_graph, load_dataset, read_json_lines
from graph_service.settings import Settings
from tests.api.test_mutations import Api, cleanup

ROUNDS = 30
EVENT = "spbe-summit-2024"
SOURCE = "src-indoart"


def _source(id_: str) -> dict[str, Any]:
    return {"id": id_, "name": f"Race source {id_}", "url": f"https://example.org/{id_}"}


def _platform(id_: str, source: str = SOURCE) -> dict[str, Any]:
    return {"id": id_, "name": f"Race platform {id_}", "sources": [source]}


async def _mutate(api: Api, field: str, args: str, variables: dict[str, Any]) -> str:
    """The `__typename` of one mutation's result (its errors fail the test)."""
    signature = ", ".join(f"${name}: {kind}" for name, kind in _TYPES.items() if name in variables)
    document = f"mutation({signature}) {{ r: {field}({args}) {{ __typename }} }}"
    data = await api.data(document, variables)
    return str(data["r"]["__typename"])


_TYPES = {"source": "SourceInput!", "platform": "PlatformInput!", "id": "ID!", "to": "ID!"}


async def _create_source(api: Api, id_: str) -> None:
    assert await _mutate(api, "createSource", "input: $source", {"source": _source(id_)}) == (
        "CreateEntitySuccess"
    )


async def _create_platform(api: Api, id_: str, source: str = SOURCE) -> str:
    return await _mutate(
        api, "createPlatform", "input: $platform", {"platform": _platform(id_, source)}
    )


async def _delete(api: Api, kind: str, id_: str) -> str:
    return await _mutate(api, f"delete{kind}", "id: $id, detach: false", {"id": id_})


async def _launch(api: Api, platform: str, source: str) -> str:
    args = f'from: "{EVENT}", to: $to, sources: ["{source}"]'
    return await _mutate(api, "linkLaunched", args, {"to": platform})


async def _export(graph: Graph) -> list[str]:
    out = io.StringIO()
    await export_graph(graph, out)
    return out.getvalue().splitlines()


async def _assert_export_imports_again(graph: Graph) -> None:
    """Re-import the graph's own export (every reference is validated before anything is
    written), and export the same lines again."""
    exported = await _export(graph)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.jsonl"
        path.write_text("\n".join(exported) + "\n", encoding="utf-8")
        await load_dataset(graph, read_json_lines([path]))
    assert await _export(graph) == exported


async def _race(*writes: Any) -> list[str]:
    return list(await asyncio.gather(*writes))


@pytest.fixture
async def api(graph: Graph, settings: Settings) -> Api:
    return Api(graph, settings)


@pytest.fixture
async def written(api: Api) -> Any:
    ids: list[str] = []
    yield ids
    await cleanup(api, *ids)


async def test_a_delete_and_a_create_citing_it_never_both_succeed(
    api: Api, written: list[str]
) -> None:
    for i in range(ROUNDS):
        source, platform = f"race-cite-src-{i}", f"race-cite-p-{i}"
        written += [platform, source]
        await _create_source(api, source)
        deleted, created = await _race(
            _delete(api, "Source", source), _create_platform(api, platform, source)
        )
        assert (deleted, created) in {
            ("DeleteEntitySuccess", "ValidationFailed"),  # the delete won
            ("Conflict", "CreateEntitySuccess"),  # the create won: its source is cited
        }
    await _assert_export_imports_again(api.graph)


async def test_a_delete_and_a_link_citing_it_never_both_succeed(
    api: Api, written: list[str]
) -> None:
    platform = "race-link-p"
    written.append(platform)
    assert await _create_platform(api, platform) == "CreateEntitySuccess"
    for i in range(ROUNDS):
        source = f"race-link-src-{i}"
        written.append(source)
        await _create_source(api, source)
        deleted, linked = await _race(
            _delete(api, "Source", source), _launch(api, platform, source)
        )
        assert (deleted, linked) in {
            ("DeleteEntitySuccess", "ValidationFailed"),
            ("Conflict", "LinkSuccess"),
        }
    await _assert_export_imports_again(api.graph)


async def test_a_delete_and_a_link_to_it_never_both_succeed(api: Api, written: list[str]) -> None:
    for i in range(ROUNDS):
        platform = f"race-end-p-{i}"
        written.append(platform)
        assert await _create_platform(api, platform) == "CreateEntitySuccess"
        deleted, linked = await _race(
            _delete(api, "Platform", platform), _launch(api, platform, SOURCE)
        )
        assert (deleted, linked) in {
            ("DeleteEntitySuccess", "NotFound"),
            ("Conflict", "LinkSuccess"),  # it has a relationship now: not deleted
        }
    await _assert_export_imports_again(api.graph)


async def test_concurrent_creates_of_one_id_give_one_success_and_conflicts(
    api: Api, written: list[str]
) -> None:
    for i in range(ROUNDS // 3):
        platform = f"race-dup-{i}"
        written.append(platform)
        outcomes = await _race(*(_create_platform(api, platform) for _ in range(4)))
        assert sorted(outcomes) == ["Conflict"] * 3 + ["CreateEntitySuccess"]
