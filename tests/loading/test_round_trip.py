"""Export, then import into an EMPTY graph: the same graph comes back, line for line."""

from __future__ import annotations

import difflib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graph_service.graph.executor import Graph
from graph_service.loading import (
    load_dataset,
    packaged_seed_files,
    read_json_lines,
    read_seed_files,
)
from graph_service.loading.json_lines import dataset_lines
from graph_service.loading.periods import WINDOW_PROPERTIES
from tests.loading.scratch import ScratchGraph, export_lines, scratch_graph

# Filled in by the loader: the window from `as_of`, each bound with its precision.
DERIVED = WINDOW_PROPERTIES

# Whole-graph loads on a busy shared machine: what is tested is the result, not the time.
LOAD_TIMEOUT = 120.0


@pytest.fixture(scope="module")
async def empty_graph(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ScratchGraph]:
    async with scratch_graph(tmp_path_factory.mktemp("round-trip")) as scratch:
        yield scratch


def _diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(list(difflib.unified_diff(expected, actual, lineterm="", n=0))[:40])


def _key(line: dict[str, Any]) -> tuple[Any, ...]:
    if line["record"] == "entity":
        return ("entity", line["id"])
    return ("relationship", line["from"], line["type"], line["to"], line.get("key"))


def _without_derived(line: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """`line` without the dates the loader derived (those the seed did not give)."""
    props = {
        k: v for k, v in line["properties"].items() if k not in DERIVED or k in given["properties"]
    }
    return {**line, "properties": props}


async def test_every_seed_record_is_stored_as_written(graph: Graph) -> None:
    seed = {_key(line): line for line in dataset_lines(read_seed_files(packaged_seed_files()))}
    exported = {_key(line): line for line in map(json.loads, await export_lines(graph))}
    assert exported.keys() == seed.keys()
    changed = [
        (key, seed[key], exported[key])
        for key in seed
        if _without_derived(exported[key], seed[key]) != seed[key]
    ]
    assert not changed, changed[:3]


async def test_a_window_is_exported_with_its_precision(graph: Graph) -> None:
    lines = [json.loads(line) for line in await export_lines(graph)]
    position = next(
        line
        for line in lines
        if line["record"] == "relationship"
        and (line["from"], line["type"]) == ("dicky-saromi", "HOLDS_POSITION")
    )
    window = {k: v for k, v in position["properties"].items() if k in WINDOW_PROPERTIES}
    assert window == {
        "valid_from": "2024-01-01",
        "valid_from_precision": "YEAR",
        "valid_to": "2024-12-31",
        "valid_to_precision": "YEAR",
    }


async def test_export_then_import_into_an_empty_graph_round_trips_exactly(
    graph: Graph, empty_graph: ScratchGraph, tmp_path: Path
) -> None:
    assert await export_lines(empty_graph.graph) == []
    exported = await export_lines(graph)
    assert len(exported) > 400
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(exported) + "\n", encoding="utf-8")

    await load_dataset(empty_graph.graph, read_json_lines([path]), timeout_seconds=LOAD_TIMEOUT)

    imported = await export_lines(empty_graph.graph)
    assert imported == exported, _diff(exported, imported)


async def test_importing_the_same_export_again_changes_nothing(
    graph: Graph, empty_graph: ScratchGraph, tmp_path: Path
) -> None:
    exported = await export_lines(graph)
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(exported) + "\n", encoding="utf-8")
    await load_dataset(empty_graph.graph, read_json_lines([path]), timeout_seconds=LOAD_TIMEOUT)
    await load_dataset(empty_graph.graph, read_json_lines([path]), timeout_seconds=LOAD_TIMEOUT)
    assert await export_lines(empty_graph.graph) == exported


async def test_seeding_twice_gives_the_same_graph(graph: Graph) -> None:
    before = await export_lines(graph)
    await load_dataset(graph, read_seed_files(packaged_seed_files()), timeout_seconds=LOAD_TIMEOUT)
    after = await export_lines(graph)
    assert after == before, _diff(before, after)
