"""Filter inputs generated from the ontology: one per entity kind, and per relationship.

`<Kind>Filter` holds an operator input per property of the kind, `id` and `name`, a
condition per relationship field (`awardsReceived: {some: {rank: {lte: 5}}}`), and
`and`/`or`/`not`. A relationship condition filters the relationship's own properties and
the entity at its other end (its key, name and properties), one level deep. Each generated
input records what its fields mean in `FIELD_SPECS`, which `compile.py` reads.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import strawberry

from graph_service.api.filters.operators import IDFilter, StringFilter, operator_input
from graph_service.ontology import (
    ENTITY_KINDS,
    KINDS_BY_NAME,
    RELATIONSHIP_TYPES,
    EntityKind,
    Property,
    RelationshipType,
    kind_noun,
    kind_nouns,
    kind_properties,
    relationship_properties,
    relationship_words,
    relationships_from,
    relationships_to,
    with_article,
)


@dataclass(frozen=True)
class FieldSpec:
    """What one field of a generated filter input means."""

    role: str  # id | name | prop | rel_prop | node | relation | and | or | not
    prop: Property | None = None
    rel: RelationshipType | None = None
    direction: str | None = None  # OUT or IN, for `relation`


FIELD_SPECS: dict[str, dict[str, FieldSpec]] = {}
_module = sys.modules[__name__]


def type_stem(rel: RelationshipType) -> str:
    """RECEIVED_AWARD -> ReceivedAward (as the edge types are named)."""
    return "".join(part.capitalize() for part in rel.name.split("_"))


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _input(name: str, description: str, fields: list[tuple[str, Any, str, FieldSpec]]) -> type:
    """A Strawberry input named `name`; annotations may name other generated inputs."""
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __name__}
    for graphql_name, annotation, text, _ in fields:
        attr = f"f_{graphql_name}"
        namespace["__annotations__"][attr] = annotation
        namespace[attr] = strawberry.field(default=None, name=graphql_name, description=text)
    FIELD_SPECS[name] = {f"f_{graphql_name}": spec for graphql_name, _, _, spec in fields}
    cls = strawberry.input(type(name, (), namespace), description=description)
    setattr(_module, name, cls)
    return cls


def _merged_properties(kinds: Iterable[EntityKind]) -> list[Property]:
    """The properties of `kinds`, minus any name two kinds declare with different types."""
    found: dict[str, Property] = {}
    clashes: set[str] = set()
    for kind in kinds:
        for prop in kind_properties(kind):
            seen = found.setdefault(prop.name, prop)
            if (seen.type, seen.choices) != (prop.type, prop.choices):
                clashes.add(prop.name)
    return [p for name, p in found.items() if name not in clashes]


def _value_fields(props: Iterable[Property], role: str) -> list[tuple[str, Any, str, FieldSpec]]:
    fields: list[tuple[str, Any, str, FieldSpec]] = []
    for prop in props:
        if prop.name == "name" and role == "prop":
            spec = FieldSpec("name", prop)
            fields.append(("name", StringFilter | None, "Conditions on the name.", spec))
            continue
        text = f"Conditions on `{_camel(prop.name)}`: {prop.description}"
        fields.append((_camel(prop.name), operator_input(prop) | None, text, FieldSpec(role, prop)))
    return fields


def _a_relationship(rel: RelationshipType) -> str:
    """ "a received-award relationship", for descriptions."""
    return f"{with_article(relationship_words(rel.name))} relationship"


def _end_filter(rel: RelationshipType, direction: str) -> type:
    kinds = rel.targets if direction == "OUT" else rel.sources
    end = "End" if direction == "OUT" else "Start"
    props = _merged_properties(KINDS_BY_NAME[k] for k in sorted(kinds))
    fields = [("id", IDFilter | None, "Conditions on the entity's key.", FieldSpec("id"))]
    fields += _value_fields(props, "prop")
    return _input(
        f"{type_stem(rel)}{end}Filter",
        f"Conditions on the entity at the {end.lower()} of {_a_relationship(rel)} "
        f"(one of the {kind_nouns(sorted(kinds))}); all must hold.",
        fields,
    )


def edge_filter_name(rel: RelationshipType, direction: str) -> str:
    return f"{type_stem(rel)}{'' if direction == 'OUT' else 'Inverse'}EdgeFilter"


def _edge_filter(rel: RelationshipType, direction: str) -> type:
    name = edge_filter_name(rel, direction)
    node = _end_filter(rel, direction)
    way = "its end entity" if direction == "OUT" else "its start entity"
    fields = _value_fields(relationship_properties(rel), "rel_prop")
    fields.append(("node", node | None, f"Conditions on {way}.", FieldSpec("node")))
    fields += _combinators(name)
    return _input(
        name,
        f"Conditions on {_a_relationship(rel)}: its properties and {way}. Fields given "
        "together must all hold.",
        fields,
    )


def _combinators(name: str) -> list[tuple[str, Any, str, FieldSpec]]:
    return [
        ("and", f"list[{name}] | None", "Every one of these must hold.", FieldSpec("and")),
        ("or", f"list[{name}] | None", "At least one of these must hold.", FieldSpec("or")),
        ("not", f"{name} | None", "This must not hold.", FieldSpec("not")),
    ]


def _condition(rel: RelationshipType, direction: str) -> type:
    edge = _edge_filter(rel, direction)
    inverse = "" if direction == "OUT" else "Inverse"
    return _input(
        f"{type_stem(rel)}{inverse}Condition",
        f"A condition on an entity's {relationship_words(rel.name)} relationships "
        f"({'outgoing' if direction == 'OUT' else 'incoming'}). Quantifiers given together "
        "must all hold.",
        [
            ("some", edge | None, "At least one relationship matches.", FieldSpec("some")),
            ("none", edge | None, "No relationship matches.", FieldSpec("none")),
            (
                "all",
                edge | None,
                "Every relationship matches (true when there are none).",
                FieldSpec("all"),
            ),
        ],
    )


CONDITIONS: dict[tuple[str, str], type] = {
    (rel.name, direction): _condition(rel, direction)
    for rel in RELATIONSHIP_TYPES
    for direction in ("OUT", "IN")
}


def _relation_fields(kinds: Iterable[EntityKind]) -> list[tuple[str, Any, str, FieldSpec]]:
    found: dict[str, tuple[RelationshipType, str]] = {}
    clashes: set[str] = set()
    for kind in kinds:
        pairs = [(r, "OUT", r.outgoing_field) for r in relationships_from(kind.name)]
        pairs += [(r, "IN", r.incoming_field) for r in relationships_to(kind.name)]
        for rel, direction, field in pairs:
            if found.setdefault(field, (rel, direction)) != (rel, direction):
                clashes.add(field)
    return [
        (
            field,
            CONDITIONS[(rel.name, direction)] | None,
            f"Conditions on the `{field}` relationships ({relationship_words(rel.name)}).",
            FieldSpec("relation", rel=rel, direction=direction),
        )
        for field, (rel, direction) in found.items()
        if field not in clashes
    ]


def entity_filter(name: str, kinds: list[EntityKind], description: str) -> type:
    """A filter over entities of `kinds`: their properties and relationship fields."""
    fields = [("id", IDFilter | None, "Conditions on the entity's key.", FieldSpec("id"))]
    fields += _value_fields(_merged_properties(kinds), "prop")
    fields += _relation_fields(kinds)
    fields += _combinators(name)
    return _input(name, description, fields)


KIND_FILTERS: dict[str, type] = {
    kind.name: entity_filter(
        f"{kind.name}Filter",
        [kind],
        f"Conditions on {kind_noun(kind.name, plural=True)}. Fields given together must all hold.",
    )
    for kind in ENTITY_KINDS
}
EDGE_FILTERS: dict[tuple[str, str], type] = {
    (rel.name, direction): getattr(_module, edge_filter_name(rel, direction))
    for rel in RELATIONSHIP_TYPES
    for direction in ("OUT", "IN")
}
