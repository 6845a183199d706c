"""Reading the YAML seed files of `seed/` (see seed/README.md for their shape)."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import yaml

from graph_service.loading.parsing import parse_entity, parse_relationship
from graph_service.loading.records import Dataset, LoadError, Origin


def packaged_seed_files() -> list[Path]:
    root = Path(str(files("graph_service.seed")))
    return sorted(root.glob("*.yaml"))


def read_seed_files(paths: Iterable[Path]) -> Dataset:
    """Parse every file; raise `LoadError` naming each malformed entry."""
    dataset = Dataset()
    problems: list[str] = []
    for path in paths:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            problems.append(f"{path.name}: cannot be read as YAML: {error}")
            continue
        if not isinstance(document, dict) or set(document) - {"entities", "relationships"}:
            problems.append(f"{path.name}: must be a mapping with `entities` and `relationships`")
            continue
        for index, entry in enumerate(document.get("entities") or [], start=1):
            origin = Origin(path.name, index)
            try:
                dataset.entities.append(parse_entity(entry, origin))
            except ValueError as error:
                problems.append(f"{origin} (entities): {error}")
        for index, entry in enumerate(document.get("relationships") or [], start=1):
            origin = Origin(path.name, index)
            try:
                dataset.relationships.append(parse_relationship(entry, origin))
            except ValueError as error:
                problems.append(f"{origin} (relationships): {error}")
    if problems:
        raise LoadError(problems)
    return dataset
