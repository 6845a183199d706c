"""Every type, field, argument and input field of the schema has a description written for
people: kinds and relationship types in words, not as machine names."""

from __future__ import annotations

import re

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from graph_service.api.schema import build_schema
from graph_service.ontology import KINDS_BY_NAME, RELATIONSHIPS_BY_NAME

BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


def _undescribed() -> list[str]:
    schema = build_schema()._schema
    missing: list[str] = []
    for name, gtype in schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not gtype.description:
            missing.append(f"type {name}")
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in gtype.fields.items():
                if not field.description:
                    missing.append(f"field {name}.{field_name}")
                missing += [
                    f"argument {name}.{field_name}({arg_name})"
                    for arg_name, arg in field.args.items()
                    if not arg.description
                ]
        elif isinstance(gtype, GraphQLInputObjectType):
            missing += [
                f"input field {name}.{field_name}"
                for field_name, field in gtype.fields.items()
                if not field.description
            ]
    return missing


def test_every_type_field_and_argument_is_described() -> None:
    missing = _undescribed()
    assert missing == [], f"{len(missing)} undescribed, e.g. {missing[:20]}"


def _descriptions() -> list[tuple[str, str]]:
    """(where, description) for every type, field, argument, input field and enum value."""
    schema = build_schema()._schema
    found: list[tuple[str, str]] = []
    for name, gtype in schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:  # graphql-core's own words
            continue
        found.append((f"type {name}", gtype.description or ""))
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in gtype.fields.items():
                found.append((f"field {name}.{field_name}", field.description or ""))
                found += [
                    (f"argument {name}.{field_name}({arg_name})", arg.description or "")
                    for arg_name, arg in field.args.items()
                ]
        elif isinstance(gtype, GraphQLInputObjectType):
            found += [
                (f"input field {name}.{field_name}", field.description or "")
                for field_name, field in gtype.fields.items()
            ]
        elif isinstance(gtype, GraphQLEnumType):
            found += [
                (f"enum value {name}.{value_name}", value.description or "")
                for value_name, value in gtype.values.items()
            ]
    return found


def _schema_names() -> tuple[frozenset[str], frozenset[str]]:
    """The schema's enum values written in capitals (`INDEX_SCORES_VALUE`, `OUT`) and its
    type names of more than one word (`GovernmentLevel`)."""
    schema = build_schema()._schema
    values = {
        value
        for name, gtype in schema.type_map.items()
        if isinstance(gtype, GraphQLEnumType) and not name.startswith("__")
        for value in gtype.values
        if value.isupper()
    }
    types = {name for name in schema.type_map if len(re.findall(r"[A-Z][a-z]+", name)) > 1}
    return frozenset(values - ACRONYMS_AS_WORDS), frozenset(types)


# Enum values that are also ordinary abbreviations in a sentence ("a source without a URL").
ACRONYMS_AS_WORDS = frozenset({"URL"})
ENUM_VALUES, TYPE_NAMES = _schema_names()


def _machine_names(sentence: str) -> list[str]:
    """Names written for machines inside a sentence: kinds, relationship types, enum
    values, schema type names and camelCase field names."""
    text = re.sub(r"`[^`]*`", "", sentence)  # code spans name API values on purpose
    bad: list[str] = []
    bad += [w for w in re.findall(r"\b[A-Z][A-Z0-9_]+\b", text) if w in ENUM_VALUES]
    bad += [w for w in re.findall(r"\b[A-Z][A-Za-z]+\b", text) if w in TYPE_NAMES]
    bad += re.findall(r"\b[a-z]+[A-Z][A-Za-z]*\b", text)  # a field name: linkGoverns
    for kind in KINDS_BY_NAME:
        words = re.findall(r"[A-Z][a-z]+", kind)
        if len(words) > 1:
            bad += re.findall(rf"\b{kind}\b", text)  # CamelCase: LocalGovernment
            glued = re.findall(rf"\b{kind.lower()}\b", text, re.IGNORECASE)
            bad += [g for g in glued if g != kind]  # glued: localgovernment
        else:  # one word: only where a sentence uses it as a noun, "a Source entity"
            bad += re.findall(rf"\b(?:a|an|the|of) {kind}\b|\b{kind} (?:entity|entities)\b", text)
    bad += [rel for rel in RELATIONSHIPS_BY_NAME if re.search(rf"\b{rel}\b", text)]
    return list(dict.fromkeys(bad))


def test_machine_names_are_caught() -> None:
    assert _machine_names("A localgovernment.") == ["localgovernment"]
    assert _machine_names("A page of LocalGovernment entities.") == ["LocalGovernment"]
    assert _machine_names("Key of a Source entity.") == ["a Source"]
    assert _machine_names("The Agency entities.") == ["Agency entities"]
    assert _machine_names("A page of RECEIVED_AWARD relationships.") == ["RECEIVED_AWARD"]
    assert _machine_names("GOVERNS relationships") == ["GOVERNS"]
    assert _machine_names("Filter by `RECEIVED_AWARD` or `LocalGovernment`.") == []
    assert _machine_names("A local government; the Digital Government Award 2024.") == []
    assert _machine_names("By a property (e.g. INDEX_SCORES_VALUE).") == ["INDEX_SCORES_VALUE"]
    assert _machine_names("OUT when it starts the relationship.") == ["OUT"]
    assert _machine_names("Conditions on a GovernmentLevel value.") == ["GovernmentLevel"]
    assert _machine_names("The mutation that wrote, e.g. linkGoverns.") == ["linkGoverns"]
    assert _machine_names("`OUT` when it starts; GovTech, SPBE and a URL.") == []


def test_descriptions_name_kinds_and_relationships_in_words() -> None:
    """ "A local government.", not "A localgovernment." or "A page of LocalGovernment entities"."""
    bad = [
        (where, text, names) for where, text in _descriptions() if (names := _machine_names(text))
    ]
    assert bad == [], f"{len(bad)} descriptions use machine names, e.g. {bad[:10]}"
