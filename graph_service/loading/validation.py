"""Checks a dataset against the ontology before anything is written.

Every violation is reported with the file and entry it comes from; loading writes
nothing unless the whole dataset passes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph_service.loading.periods import WINDOW_PROPERTIES, window_problems
from graph_service.loading.records import Dataset, EntityRecord, RelationshipRecord
from graph_service.ontology import (
    KINDS_BY_NAME,
    PREDICATE_BANDS,
    RELATIONSHIP_TYPES,
    RELATIONSHIPS_BY_NAME,
    SOURCE_KIND,
    Property,
    ValueType,
    kind_properties,
    relationship_properties,
)
from graph_service.text_search import normalise

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
RESERVED_PROPERTIES = {"name", "aliases"}  # top-level fields of a record, not `properties`


def check_value(prop: Property, value: Any) -> str | None:
    """Why `value` does not fit `prop`, or None when it does."""
    kind = prop.type
    if kind is ValueType.STRING:
        ok = isinstance(value, str)
    elif kind is ValueType.INT:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is ValueType.FLOAT:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind is ValueType.BOOLEAN:
        ok = isinstance(value, bool)
    elif kind is ValueType.STRING_LIST:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind is ValueType.ENUM:
        if value not in prop.choices:
            return f"`{prop.name}` must be one of {', '.join(prop.choices)} (got {value!r})"
        return None
    else:  # DATE
        if not isinstance(value, str):
            return f"`{prop.name}` must be an ISO date string YYYY-MM-DD (got {value!r})"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"`{prop.name}` must be an ISO date YYYY-MM-DD (got {value!r})"
        return None
    return None if ok else f"`{prop.name}` must be a {kind.value} (got {value!r})"


def _check_properties(
    properties: Mapping[str, Any], declared: tuple[Property, ...], owner: str
) -> list[str]:
    by_name = {p.name: p for p in declared}
    problems = []
    for name, value in properties.items():
        if name in RESERVED_PROPERTIES:
            problems.append(f"`{name}` belongs at the top level of the entry, not in properties")
            continue
        prop = by_name.get(name)
        if prop is None:
            allowed = ", ".join(sorted(n for n in by_name if n not in RESERVED_PROPERTIES))
            problems.append(f"{owner} has no property `{name}` (allowed: {allowed})")
        elif value is not None and (why := check_value(prop, value)):
            problems.append(why)
    for prop in declared:
        if prop.required and prop.name not in RESERVED_PROPERTIES and prop.name not in properties:
            problems.append(f"`{prop.name}` is required for {owner}")
    return problems


def _check_entity(entity: EntityRecord) -> list[str]:
    problems = []
    if not KEY_PATTERN.match(entity.id):
        problems.append("`id` must be 1-200 letters, digits, '.', '_', ':' or '-'")
    kind = KINDS_BY_NAME.get(entity.kind)
    if kind is None:
        return problems + [
            f"unknown kind {entity.kind!r} (known: {', '.join(sorted(KINDS_BY_NAME))})"
        ]
    problems += _check_properties(entity.properties, kind_properties(kind), entity.kind)
    if not entity.sources and entity.kind != SOURCE_KIND:
        problems.append("`sources` is required: every fact names the sources it rests on")
    return problems


def _check_relationship(rel: RelationshipRecord, kind_of: Mapping[str, str]) -> list[str]:
    rel_type = RELATIONSHIPS_BY_NAME.get(rel.type)
    if rel_type is None:
        known = ", ".join(sorted(RELATIONSHIPS_BY_NAME))
        return [f"unknown relationship type {rel.type!r} (known: {known})"]
    problems = []
    for end, key, allowed in (
        ("from", rel.from_id, rel_type.sources),
        ("to", rel.to_id, rel_type.targets),
    ):
        kind = kind_of.get(key)
        if kind is None:
            problems.append(f"`{end}` refers to a missing entity {key!r}")
        elif kind not in allowed:
            problems.append(
                f"`{end}` {key!r} is a {kind}; {rel.type} {end} must be one of "
                f"{', '.join(sorted(allowed))}"
            )
    props = rel.properties
    window = WINDOW_PROPERTIES[:2] if rel_type.dated else ()
    checked = {k: v for k, v in props.items() if k not in window}  # bounds may be YYYY(-MM)
    problems += _check_properties(checked, relationship_properties(rel_type), rel.type)
    if rel_type.dated:
        problems += window_problems(props)
    if not rel.sources:
        problems.append("`sources` is required: every fact names the sources it rests on")
    value, predicate = props.get("value"), props.get("predicate")
    if isinstance(value, int | float) and predicate in PREDICATE_BANDS:
        low, high = PREDICATE_BANDS[str(predicate)]
        fits = low <= value < high or (high == 5.0 and value == 5.0)
        if not fits:
            problems.append(
                f"predicate {predicate} does not agree with value {value} "
                f"(the {predicate} band is {low} to {high})"
            )
    behalf = props.get("on_behalf_of")
    if isinstance(behalf, str) and behalf not in kind_of:
        problems.append(f"`on_behalf_of` refers to a missing entity {behalf!r}")
    return problems


@dataclass(frozen=True)
class Namesake:
    """An entity already in the graph whose name or an alias a dataset also uses."""

    id: str
    names: tuple[str, ...]
    related: frozenset[str]  # ids of the dataset's entities it is already connected to


@dataclass(frozen=True)
class StoredLink:
    """A relationship already in the graph that a derived link of the dataset may meet."""

    type: str
    from_id: str
    to_id: str


def _linked_twice(dataset: Dataset, stored: Sequence[StoredLink]) -> list[str]:
    """Links stated both to an entity and to a part of it that the API derives from it (a
    recipient of an award edition and of one of its categories): they would be counted
    twice, so each must be linked once, to the most specific of the two."""
    problems = []
    for rel_type in (r for r in RELATIONSHIP_TYPES if r.incoming_through):
        through = str(rel_type.incoming_through)
        where: dict[tuple[str, str], str] = {}
        parents: dict[str, set[str]] = defaultdict(set)
        for rel in dataset.relationships:
            if rel.type == rel_type.name:
                where.setdefault((rel.from_id, rel.to_id), str(rel.origin))
            elif rel.type == through:
                parents[rel.to_id].add(rel.from_id)
        for link in stored:
            if link.type == rel_type.name:
                where.setdefault((link.from_id, link.to_id), "already in the graph")
            elif link.type == through:
                parents[link.to_id].add(link.from_id)
        for (from_id, to_id), origin in sorted(where.items()):
            for parent in sorted(parents.get(to_id, ())):
                if (from_id, parent) not in where:
                    continue
                other = where[(from_id, parent)]
                first = origin if origin != "already in the graph" else other
                problems.append(
                    f"{first}: {from_id!r} is linked by {rel_type.name} both to {parent!r} "
                    f"({other}) and to {to_id!r} ({origin}), which {parent!r} reaches by "
                    f"{through}; the API already counts {to_id!r}'s links as {parent!r}'s, "
                    f"so link it once, to the most specific: {to_id!r}"
                )
    return problems


def _ambiguous_terms(dataset: Dataset, namesakes: Sequence[Namesake] = ()) -> list[str]:
    """Names or aliases shared by entities that nothing relates to each other: within the
    dataset, or between the dataset and what the graph already holds."""
    owners: dict[str, set[str]] = defaultdict(set)
    origins: dict[str, str] = {}
    for entity in dataset.entities:
        origins.setdefault(entity.id, str(entity.origin))
        for term in {normalise(n) for n in [entity.name, *entity.aliases]}:
            if term:
                owners[term].add(entity.id)
    in_graph = {n.id for n in namesakes}
    for namesake in namesakes:
        origins[namesake.id] = "already in the graph"
        for term in {normalise(n) for n in namesake.names}:
            if term in owners:
                owners[term].add(namesake.id)
    related = {frozenset((r.from_id, r.to_id)) for r in dataset.relationships}
    related |= {frozenset((n.id, other)) for n in namesakes for other in n.related}
    problems = []
    for term, owner_ids in owners.items():
        ids = sorted(owner_ids)
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                if {first, second} <= in_graph or frozenset((first, second)) in related:
                    continue
                where = ", ".join(origins[x] for x in ids if x not in in_graph)
                problems.append(
                    f"{where}: the name or alias {term!r} is shared by {first!r} "
                    f"({origins[first]}) and {second!r} ({origins[second]}), which no "
                    "relationship connects; search would be ambiguous: make the alias "
                    "specific or relate the two"
                )
    return problems


def validate(
    dataset: Dataset,
    existing: Mapping[str, str] | None = None,
    namesakes: Sequence[Namesake] = (),
    stored: Sequence[StoredLink] = (),
) -> list[str]:
    """Every problem in `dataset`; `existing` maps ids already in the graph to their kinds,
    `stored` holds the graph's relationships that its derived links may meet."""
    problems: list[str] = []
    kind_of: dict[str, str] = dict(existing or {})
    first_seen: dict[str, EntityRecord] = {}
    for entity in dataset.entities:
        where = f"{entity.origin} (entity {entity.id!r})"
        if entity.id in first_seen:
            problems.append(
                f"{where}: duplicate id, first defined at {first_seen[entity.id].origin}"
            )
        else:
            first_seen[entity.id] = entity
        problems += [f"{where}: {p}" for p in _check_entity(entity)]
        stored_kind = (existing or {}).get(entity.id)
        if stored_kind is not None and stored_kind != entity.kind:
            problems.append(
                f"{where}: already in the graph as a {stored_kind}; an entity's kind cannot change"
            )
        kind_of[entity.id] = entity.kind
    for entity in dataset.entities:
        for source in entity.sources:
            if kind_of.get(source) != SOURCE_KIND:
                problems.append(
                    f"{entity.origin} (entity {entity.id!r}): source {source!r} is not a "
                    "Source entity"
                )
    seen_relationships: dict[str, RelationshipRecord] = {}
    for rel in dataset.relationships:
        where = f"{rel.origin} (relationship {rel.id!r})"
        if rel.id in seen_relationships:
            problems.append(
                f"{where}: duplicate relationship, first defined at "
                f"{seen_relationships[rel.id].origin}; give each a distinct `key`"
            )
        else:
            seen_relationships[rel.id] = rel
        problems += [f"{where}: {p}" for p in _check_relationship(rel, kind_of)]
        for source in rel.sources:
            if kind_of.get(source) != SOURCE_KIND:
                problems.append(f"{where}: source {source!r} is not a Source entity")
    problems += _ambiguous_terms(dataset, namesakes)
    problems += _linked_twice(dataset, stored)
    return problems
