"""Each kind of bad file is rejected, names its file and entry, and leaves the graph as it was.

Every case is one defect in an otherwise valid dataset (`_base`, checked valid below), loaded
against the seeded session graph three ways: as a seed YAML file, as JSON Lines through the
loading package, and as JSON Lines through `graph-service import` in a subprocess.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph_service.graph.executor import Graph
from graph_service.loading import (
    LoadError,
    load_dataset,
    read_json_lines,
    read_seed_files,
    validate,
)
from graph_service.loading.writer import existing_kinds
from graph_service.settings import Settings
from tests.loading.scratch import cli_environment, export_lines, run_cli

Document = dict[str, list[dict[str, Any]]]


def _base() -> Document:
    """A valid dataset of its own keys, pointing at seeded entities."""
    sources = ["src-indoart"]
    return {
        "entities": [
            {
                "id": "test-bad-agency",
                "kind": "Agency",
                "name": "Badan Uji Berkas Rusak",
                "aliases": ["BUBR"],
                "sources": sources,
            },
            {
                "id": "test-bad-award",
                "kind": "Award",
                "name": "Penghargaan Uji Berkas Rusak",
                "properties": {"year": 2024},
                "sources": sources,
            },
            {
                "id": "test-bad-category",
                "kind": "AwardCategory",
                "name": "Kategori Uji Berkas Rusak",
                "sources": sources,
            },
        ],
        "relationships": [
            {
                "type": "HAS_CATEGORY",
                "from": "test-bad-award",
                "to": "test-bad-category",
                "sources": sources,
            },
            {
                "type": "RECEIVED_AWARD",
                "from": "test-bad-agency",
                "to": "test-bad-category",
                "properties": {"rank": 1, "year": 2024},
                "sources": sources,
            },
            {
                "type": "HAS_SPBE_INDEX",
                "from": "test-bad-agency",
                "to": "evaluasi-spbe-2023",
                "properties": {"value": 4.3, "predicate": "MEMUASKAN", "year": 2023},
                "sources": sources,
            },
        ],
    }


@dataclass(frozen=True)
class Case:
    name: str
    defect: Callable[[Document], None]
    section: str  # "entities" or "relationships": where the named bad entry is
    index: int  # its place (0-based) in that section, after the defect
    says: str  # a phrase the problem must contain


def _set(section: str, index: int, **changes: Any) -> Callable[[Document], None]:
    def apply(document: Document) -> None:
        document[section][index].update(changes)

    return apply


def _props(section: str, index: int, **changes: Any) -> Callable[[Document], None]:
    def apply(document: Document) -> None:
        document[section][index].setdefault("properties", {}).update(changes)

    return apply


def _drop(section: str, index: int, field: str) -> Callable[[Document], None]:
    def apply(document: Document) -> None:
        del document[section][index][field]

    return apply


def _repeat(section: str, index: int, **changes: Any) -> Callable[[Document], None]:
    def apply(document: Document) -> None:
        document[section].append({**copy.deepcopy(document[section][index]), **changes})

    return apply


def _agency_alias(document: Document) -> None:
    document["entities"].append(
        {
            "id": "test-bad-other-agency",
            "kind": "Agency",
            "name": "Badan Uji Lain",
            "aliases": ["BUBR"],
            "sources": ["src-indoart"],
        }
    )


def _membership(**window: str) -> Callable[[Document], None]:
    def apply(document: Document) -> None:
        document["relationships"].append(
            {
                "type": "MEMBER_OF",
                "from": "test-bad-agency",
                "to": "tim-koordinasi-spbe-nasional",
                "properties": window,
                "sources": ["src-indoart"],
            }
        )

    return apply


CASES = [
    Case("unknown kind", _set("entities", 0, kind="Agensi"), "entities", 0, "unknown kind"),
    Case(
        "unknown property",
        _props("entities", 0, colour="red"),
        "entities",
        0,
        "Agency has no property `colour`",
    ),
    Case(
        "bad value type", _props("entities", 1, year="2024"), "entities", 1, "`year` must be a int"
    ),
    Case(
        "bad enum",
        _props("relationships", 2, predicate="LUAR_BIASA"),
        "relationships",
        2,
        "`predicate` must be one of",
    ),
    Case(
        "relationship to a missing entity",
        _set("relationships", 1, to="test-bad-no-such-category"),
        "relationships",
        1,
        "refers to a missing entity 'test-bad-no-such-category'",
    ),
    Case(
        "endpoint of the wrong kind",
        _set("relationships", 1, to="src-indoart"),
        "relationships",
        1,
        "`to` 'src-indoart' is a Source",
    ),
    Case("duplicate key", _repeat("entities", 0, name="Lain"), "entities", 3, "duplicate id"),
    Case(
        "duplicate relationship without key",
        _repeat("relationships", 0),
        "relationships",
        3,
        "duplicate relationship",
    ),
    Case("missing source", _drop("entities", 2, "sources"), "entities", 2, "`sources` is required"),
    Case(
        "source that is not a Source",
        _set("relationships", 0, sources=["pemkot-cimahi"]),
        "relationships",
        0,
        "source 'pemkot-cimahi' is not a Source entity",
    ),
    Case(
        "predicate disagreeing with score",
        _props("relationships", 2, value=2.9),
        "relationships",
        2,
        "predicate MEMUASKAN does not agree with value 2.9",
    ),
    Case("ambiguous alias", _agency_alias, "entities", 3, "search would be ambiguous"),
    Case(
        "recipient linked to an edition and to its category",
        _repeat("relationships", 1, to="test-bad-award"),
        "relationships",
        3,
        "linked by RECEIVED_AWARD both to 'test-bad-award'",
    ),
    Case(
        "recipient linked to an edition whose category the graph links it to",
        _repeat("relationships", 1, **{"from": "pemkot-cimahi", "to": "dga-2024"}),
        "relationships",
        3,
        "'pemkot-cimahi' is linked by RECEIVED_AWARD both to 'dga-2024'",
    ),
    Case(
        "window narrower than its precision",
        _membership(valid_from="2024-03-05", valid_from_precision="YEAR"),
        "relationships",
        3,
        "`valid_from` 2024-03-05 is narrower than its precision YEAR allows",
    ),
    Case(
        "window bound that is not a date",
        _membership(valid_from="2024-13", valid_to="2024"),
        "relationships",
        3,
        "`valid_from` must be a day YYYY-MM-DD, a month YYYY-MM or a year YYYY",
    ),
    Case(
        "precision at odds with how the bound is written",
        _membership(valid_from="2023", valid_to="2024", valid_to_precision="MONTH"),
        "relationships",
        3,
        "`valid_to` '2024' is written to the year but `valid_to_precision` is MONTH",
    ),
    Case(
        "kind of an existing entity changed",
        _set("entities", 0, id="pemkot-cimahi"),
        "entities",
        0,
        "already in the graph as a LocalGovernment",
    ),
]
IDS = [case.name for case in CASES]


def _document(case: Case) -> Document:
    document = _base()
    case.defect(document)
    return document


def _write_yaml(document: Document, directory: Path) -> Path:
    path = directory / "bad.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _write_json_lines(document: Document, directory: Path) -> Path:
    lines = [{"record": "entity", **e} for e in document["entities"]]
    lines += [{"record": "relationship", **r} for r in document["relationships"]]
    path = directory / "bad.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return path


def _json_line(document: Document, case: Case) -> int:
    before = len(document["entities"]) if case.section == "relationships" else 0
    return before + case.index + 1


def _named(problems: list[str] | str, where: str, says: str) -> bool:
    lines = problems if isinstance(problems, list) else problems.splitlines()
    return any(where in line and says in line for line in lines)


@pytest.fixture(scope="module")
async def seeded_export(graph: Graph) -> list[str]:
    return await export_lines(graph)


async def test_the_base_dataset_is_valid(graph: Graph, tmp_path: Path) -> None:
    dataset = read_seed_files([_write_yaml(_base(), tmp_path)])
    ids = {"src-indoart", "evaluasi-spbe-2023", "pemkot-cimahi"}
    assert validate(dataset, await existing_kinds(graph, ids)) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_a_bad_seed_file_is_rejected_and_writes_nothing(
    case: Case, graph: Graph, seeded_export: list[str], tmp_path: Path
) -> None:
    path = _write_yaml(_document(case), tmp_path)
    with pytest.raises(LoadError) as raised:
        await load_dataset(graph, read_seed_files([path]))
    where = f"bad.yaml entry {case.index + 1}"
    assert _named(raised.value.problems, where, case.says), raised.value.problems
    assert "nothing was written" in str(raised.value)
    assert await export_lines(graph) == seeded_export


@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_a_bad_json_lines_file_is_rejected_and_writes_nothing(
    case: Case, graph: Graph, seeded_export: list[str], tmp_path: Path
) -> None:
    document = _document(case)
    path = _write_json_lines(document, tmp_path)
    with pytest.raises(LoadError) as raised:
        await load_dataset(graph, read_json_lines([path]))
    where = f"bad.jsonl line {_json_line(document, case)}"
    assert _named(raised.value.problems, where, case.says), raised.value.problems
    assert await export_lines(graph) == seeded_export


@pytest.mark.parametrize("case", CASES, ids=IDS)
async def test_graph_service_import_rejects_a_bad_file_and_writes_nothing(
    case: Case, graph: Graph, settings: Settings, seeded_export: list[str], tmp_path: Path
) -> None:
    document = _document(case)
    path = _write_json_lines(document, tmp_path)
    result = run_cli(["import", str(path)], cli_environment(settings))
    assert result.returncode == 2, result.stderr
    where = f"bad.jsonl line {_json_line(document, case)}"
    assert _named(result.stderr, where, case.says), result.stderr
    assert "nothing was written" in result.stderr
    assert await export_lines(graph) == seeded_export


def test_malformed_yaml_is_rejected_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("entities:\n  - id: x\n    kind: [Agency\n", "utf-8")
    with pytest.raises(LoadError) as raised:
        read_seed_files([path])
    assert _named(raised.value.problems, "broken.yaml", "cannot be read as YAML")
    assert "line 3" in raised.value.problems[0]


def test_a_seed_file_of_the_wrong_shape_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "shape.yaml"
    path.write_text("- id: x\n", "utf-8")
    with pytest.raises(LoadError) as raised:
        read_seed_files([path])
    assert _named(raised.value.problems, "shape.yaml", "must be a mapping")


async def test_a_malformed_json_line_is_rejected_naming_file_and_line(
    graph: Graph, settings: Settings, seeded_export: list[str], tmp_path: Path
) -> None:
    path = _write_json_lines(_base(), tmp_path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"record": "entity", "id": "test-bad-x",\n')
        handle.write('["not", "a", "record"]\n')
    with pytest.raises(LoadError) as raised:
        read_json_lines([path])
    assert _named(raised.value.problems, "bad.jsonl line 7", "not JSON")
    assert _named(raised.value.problems, "bad.jsonl line 8", '`record` must be "entity"')

    result = run_cli(["import", str(path)], cli_environment(settings))
    assert result.returncode == 2
    assert _named(result.stderr, "bad.jsonl line 7", "not JSON"), result.stderr
    assert await export_lines(graph) == seeded_export
