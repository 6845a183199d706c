"""The synthetic graph: deterministic, valid beside the seed, shaped like the SPBE domain."""

from __future__ import annotations

import collections
import io
from pathlib import Path

import pytest

from graph_service.cli import main
from graph_service.loading import (
    packaged_seed_files,
    read_json_lines,
    read_seed_files,
    validate,
)
from graph_service.loading.parsing import parse_entity, parse_relationship
from graph_service.loading.records import Origin
from graph_service.ontology import PREDICATE_BANDS
from graph_service.synthetic import generate_lines, plan_counts, write_json_lines

ENTITIES = 2_000


def test_same_seed_same_graph_and_another_seed_another() -> None:
    first, again, other = io.StringIO(), io.StringIO(), io.StringIO()
    write_json_lines(ENTITIES, first, seed=3)
    write_json_lines(ENTITIES, again, seed=3)
    write_json_lines(ENTITIES, other, seed=4)
    assert first.getvalue() == again.getvalue()
    assert first.getvalue() != other.getvalue()


def test_graph_is_valid_beside_the_seed_and_shaped_like_the_domain() -> None:
    dataset = read_seed_files(packaged_seed_files())
    seeded = len(dataset.entities)
    kinds: collections.Counter[str] = collections.Counter()
    degree: collections.Counter[str] = collections.Counter()
    for number, line in enumerate(generate_lines(ENTITIES), start=1):
        origin = Origin("synthetic", number, "line")
        if line["record"] == "entity":
            dataset.entities.append(parse_entity(line, origin))
            kinds[line["kind"]] += 1
        else:
            rel = parse_relationship(line, origin)
            dataset.relationships.append(rel)
            degree[rel.to_id] += 1
    assert validate(dataset) == []
    assert len(dataset.entities) - seeded == ENTITIES == plan_counts(ENTITIES).total
    synthetic_rels = [r for r in dataset.relationships if r.from_id.startswith("syn-")]
    assert 1.5 <= len(synthetic_rels) / ENTITIES <= 3
    assert {"LocalGovernment", "Region", "Ministry", "Agency", "Official", "Evaluation"} <= set(
        kinds
    )
    assert {"Award", "AwardCategory", "Event", "Policy", "Source"} <= set(kinds)
    evaluation, scores = max(
        ((k, v) for k, v in degree.items() if k.startswith("syn-eval-")), key=lambda kv: kv[1]
    )
    assert scores > 100, f"{evaluation} should be a hub"
    levels = {e.properties.get("level") for e in dataset.entities if e.kind == "LocalGovernment"}
    assert {"PROVINCE", "CITY", "REGENCY"} <= levels
    for rel in synthetic_rels:
        if rel.type == "HAS_SPBE_INDEX":
            low, high = PREDICATE_BANDS[rel.properties["predicate"]]
            assert low <= rel.properties["value"] < high


def test_too_small_a_graph_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        plan_counts(10)


def test_cli_writes_json_lines_that_import_reads(tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonl"
    assert main(["generate", "--entities", "300", "--seed", "2", "-o", str(out)]) == 0
    dataset = read_json_lines([out])
    assert len(dataset.entities) == 300
    assert main(["generate", "--entities", "5", "-o", str(out)]) == 2
