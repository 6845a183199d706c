"""The JSON Lines exchange format of `graph-service import` and `export`.

One JSON object a line: `{"record": "entity", "id", "kind", "name", "aliases",
"properties", "sources", "unverified"}` or `{"record": "relationship", "type", "from",
"to", "key", "properties", "sources", "unverified"}`. Entities come before relationships
in an export, but an import accepts them in any order.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from graph_service.graph.executor import Graph
from graph_service.loading.parsing import parse_entity, parse_relationship
from graph_service.loading.records import (
    Dataset,
    EntityRecord,
    LoadError,
    Origin,
    RelationshipRecord,
)
from graph_service.loading.rows import entity_from_row, relationship_from_row
from graph_service.queries import query

EXPORT_PAGE = 1000


def read_json_lines(
    paths: Iterable[Path], on_lines: Callable[[int], object] | None = None
) -> Dataset:
    """Every record of `paths`; `on_lines` hears how many lines were read, every 1,000 and
    at the end of each file (progress bars)."""
    dataset = Dataset()
    problems: list[str] = []
    for path in paths:
        try:
            handle = path.open(encoding="utf-8")
        except OSError as error:
            problems.append(f"{path}: cannot be read: {error.strerror}")
            continue
        with handle:
            number = 0
            for number, line in enumerate(handle, start=1):
                if on_lines is not None and number % 1000 == 0:
                    on_lines(1000)
                if not line.strip():
                    continue
                origin = Origin(path.name, number, "line")
                try:
                    entry = json.loads(line)
                    record = entry.get("record") if isinstance(entry, dict) else None
                    if record == "entity":
                        dataset.entities.append(parse_entity(entry, origin))
                    elif record == "relationship":
                        dataset.relationships.append(parse_relationship(entry, origin))
                    else:
                        raise ValueError('`record` must be "entity" or "relationship"')
                except json.JSONDecodeError as error:
                    problems.append(f"{path.name} line {number}: not JSON: {error.msg}")
                except ValueError as error:
                    problems.append(f"{path.name} line {number}: {error}")
            if on_lines is not None:
                on_lines(number % 1000)
    if problems:
        raise LoadError(problems)
    return dataset


def entity_line(entity: EntityRecord) -> dict[str, Any]:
    line: dict[str, Any] = {
        "record": "entity",
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": entity.aliases,
        "properties": entity.properties,
        "sources": entity.sources,
    }
    if entity.unverified:
        line["unverified"] = True
    return line


def relationship_line(rel: RelationshipRecord) -> dict[str, Any]:
    line: dict[str, Any] = {
        "record": "relationship",
        "type": rel.type,
        "from": rel.from_id,
        "to": rel.to_id,
        "properties": rel.properties,
        "sources": rel.sources,
    }
    if rel.key is not None:
        line["key"] = rel.key
    if rel.unverified:
        line["unverified"] = True
    return line


async def iter_records(graph: Graph) -> AsyncIterator[EntityRecord | RelationshipRecord]:
    """Every entity, then every relationship, read in keyset pages."""
    after = ""
    while True:
        rows = await graph.read(query("export_entities"), after=after, limit=EXPORT_PAGE)
        for row in rows:
            yield entity_from_row(row["labels"], row["props"])
        if len(rows) < EXPORT_PAGE:
            break
        after = rows[-1]["props"]["id"]
    after = ""
    while True:
        rows = await graph.read(query("export_relationships"), after=after, limit=EXPORT_PAGE)
        for row in rows:
            yield relationship_from_row(row["type"], row["from"], row["to"], row["props"])
        if len(rows) < EXPORT_PAGE:
            break
        after = rows[-1]["props"]["id"]


async def iter_graph(graph: Graph) -> AsyncIterator[dict[str, Any]]:
    """Every entity, then every relationship, as export lines."""
    async for record in iter_records(graph):
        if isinstance(record, EntityRecord):
            yield entity_line(record)
        else:
            yield relationship_line(record)


async def export_graph(graph: Graph, out: TextIO) -> int:
    count = 0
    async for line in iter_graph(graph):
        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def dataset_lines(dataset: Dataset) -> Iterator[dict[str, Any]]:
    for entity in dataset.entities:
        yield entity_line(entity)
    for rel in dataset.relationships:
        yield relationship_line(rel)
