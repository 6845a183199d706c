"""Identifiers written into generated Cypher: only the ontology's, checked before use."""

from __future__ import annotations

import re
from functools import cache

from graph_service.ontology import (
    ENTITY_KINDS,
    ENTITY_LABEL,
    RELATIONSHIP_TYPES,
    kind_properties,
    relationship_properties,
)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Stored on every node or relationship beside the declared properties.
_STORED = {"id", "sources", "unverified", "search_terms", "valid_from", "valid_to", "key"}
_REL_TYPES = frozenset(r.name for r in RELATIONSHIP_TYPES)


@cache
def property_names() -> frozenset[str]:
    names = set(_STORED)
    for kind in ENTITY_KINDS:
        names.update(p.name for p in kind_properties(kind))
    for rel in RELATIONSHIP_TYPES:
        names.update(p.name for p in relationship_properties(rel))
    return frozenset(names)


def prop(name: str) -> str:
    if name not in property_names() or not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a property of the ontology")
    return name


def label(name: str) -> str:
    if name != ENTITY_LABEL and name not in {k.name for k in ENTITY_KINDS}:
        raise ValueError(f"{name!r} is not a label of the ontology")
    return name


def rel_type(name: str) -> str:
    if name not in _REL_TYPES:
        raise ValueError(f"{name!r} is not a relationship type of the ontology")
    return name
