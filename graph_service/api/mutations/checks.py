"""Mutation inputs as loader records, checked field by field against the ontology.

The loader's own rules (`loading.validation`) decide what is valid, so the graph holds
the same shapes whether a fact came from a seed file or from GraphQL; this module only
names the bad field of each problem in the client's terms (`input.sources[1]`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from strawberry import UNSET
from strawberry.utils.str_converters import to_camel_case

from graph_service.api.mutations.inputs import ENVELOPE, stored_value
from graph_service.graph.executor import Transaction
from graph_service.loading.records import Dataset, EntityRecord, Origin, RelationshipRecord
from graph_service.loading.validation import KEY_PATTERN, StoredLink, check_value, validate
from graph_service.loading.writer import namesakes_in_graph
from graph_service.ontology import (
    SOURCE_KIND,
    EntityKind,
    Property,
    RelationshipType,
    kind_properties,
    relationship_properties,
)

Problem = tuple[str, str]  # (field path, message)
KEY_RULE = "must be 1-200 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
_TICKED = re.compile(r"`([a-z_]+)`")


@dataclass
class EntityItem:
    """One entity of a mutation, with the path of its input in the arguments."""

    path: str
    kind: EntityKind
    record: EntityRecord


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def entity_record(kind: EntityKind, data: Any, path: str) -> EntityRecord:
    """The loader record of a `<Kind>Input`."""
    props = {
        p.name: stored_value(p, getattr(data, p.name))
        for p in kind_properties(kind)
        if p.name not in ENVELOPE
    }
    return EntityRecord(
        id=str(data.id),
        kind=kind.name,
        name=data.name,
        aliases=list(data.aliases or []),
        properties={k: v for k, v in props.items() if v is not None},
        sources=[str(s) for s in data.sources or []],
        unverified=bool(data.unverified),
        origin=Origin(path, 0),
    )


def patched_record(current: EntityRecord, kind: EntityKind, patch: Any, path: str) -> EntityRecord:
    """`current` with the fields the patch sets; null removes an optional property."""
    props = dict(current.properties)
    for prop in kind_properties(kind):
        if prop.name in ENVELOPE:
            continue
        value = getattr(patch, prop.name)
        if value is None:
            props.pop(prop.name, None)
        elif value is not UNSET:
            props[prop.name] = stored_value(prop, value)
    record = EntityRecord(
        id=current.id,
        kind=kind.name,
        name=current.name,
        aliases=list(current.aliases),
        properties=props,
        sources=list(current.sources),
        unverified=current.unverified,
        origin=Origin(path, 0),
    )
    if patch.name is not UNSET:
        record.name = patch.name if patch.name is not None else ""
    if patch.aliases is not UNSET:
        record.aliases = list(patch.aliases or [])
    if patch.sources is not UNSET:
        record.sources = [str(s) for s in patch.sources or []]
    if patch.unverified is not UNSET:
        record.unverified = bool(patch.unverified)
    return record


def _check_properties(
    path: str, declared: Sequence[Property], values: Mapping[str, Any]
) -> list[Problem]:
    problems = []
    for prop in declared:
        if prop.name in ENVELOPE:
            continue
        field = _join(path, to_camel_case(prop.name))
        value = values.get(prop.name)
        if value is None:
            if prop.required:
                problems.append((field, f"`{to_camel_case(prop.name)}` is required"))
        elif why := check_value(prop, value):
            problems.append((field, why))
    return problems


def _check_sources(path: str, sources: Sequence[str], known: Mapping[str, str]) -> list[Problem]:
    problems = []
    for i, source in enumerate(sources):
        if known.get(source) != SOURCE_KIND:
            problems.append(
                (f"{_join(path, 'sources')}[{i}]", f"{source!r} is not a Source entity")
            )
    return problems


def record_problems(item: EntityItem) -> list[Problem]:
    """The bad fields of `item` that show without the graph (all but its names and sources)."""
    record, path = item.record, item.path
    problems: list[Problem] = []
    if not KEY_PATTERN.match(record.id):
        problems.append((_join(path, "id"), f"`id` {KEY_RULE}"))
    if not record.name.strip():
        problems.append((_join(path, "name"), "`name` must not be blank"))
    problems += _check_properties(path, kind_properties(item.kind), record.properties)
    if not record.sources and item.kind.name != SOURCE_KIND:
        problems.append(
            (_join(path, "sources"), "`sources` is required: name the sources of the facts")
        )
    return problems


async def check_entities(
    tx: Transaction, items: Sequence[EntityItem], known: Mapping[str, str]
) -> list[Problem]:
    """Every bad field of `items`; `known` maps ids (graph and batch) to their kinds. Names
    and aliases are checked against the graph too, inside the mutation's transaction."""
    problems: list[Problem] = []
    for item in items:
        problems += record_problems(item)
        problems += _check_sources(item.path, item.record.sources, known)
    if problems:
        return problems
    dataset = Dataset(entities=[item.record for item in items])
    wheres = {f"{i.record.origin} (entity {i.record.id!r})": i.path for i in items}
    namesakes = await namesakes_in_graph(tx.run, dataset)
    return _translate(validate(dataset, known, namesakes), wheres)


def check_relationship(
    rel_type: RelationshipType,
    record: RelationshipRecord,
    known: Mapping[str, str],
    stored: Sequence[StoredLink] = (),
) -> list[Problem]:
    """Every bad argument of a link; missing endpoints are the caller's NotFound. `stored`:
    the graph's relationships a derived link may meet (`loading.writer.stored_links`)."""
    problems: list[Problem] = []
    if record.key is not None and not KEY_PATTERN.match(record.key):
        problems.append(("key", f"`key` {KEY_RULE}"))
    for end, id_, allowed in (
        ("from", record.from_id, rel_type.sources),
        ("to", record.to_id, rel_type.targets),
    ):
        kind = known.get(id_)
        if kind is not None and kind not in allowed:
            problems.append(
                (
                    end,
                    f"{id_!r} is a {kind}; {rel_type.name} `{end}` must be one of "
                    f"{', '.join(sorted(allowed))}",
                )
            )
    problems += _check_properties(
        "properties", relationship_properties(rel_type), record.properties
    )
    if not record.sources:
        problems.append(("sources", "`sources` is required: name the sources of the fact"))
    problems += _check_sources("", record.sources, known)
    if problems:
        return problems
    wheres = {f"{record.origin} (relationship {record.id!r})": "properties"}
    return _translate(validate(Dataset(relationships=[record]), known, (), stored), wheres)


def _translate(messages: list[str], wheres: Mapping[str, str]) -> list[Problem]:
    """The loader's messages as field problems: the record's path, and the field it names."""
    problems = []
    for message in messages:
        path, text = "", message
        for where, where_path in wheres.items():
            if message.startswith(where + ": "):
                path, text = where_path, message[len(where) + 2 :]
                break
        else:
            for where, where_path in wheres.items():
                if message.startswith(where.split(" (")[0]):
                    path = where_path
                    break
            text = message.split(": ", 1)[-1]
        named = _TICKED.search(text)
        field = _join(path, to_camel_case(named.group(1))) if named else (path or "input")
        problems.append((field, text))
    return problems
