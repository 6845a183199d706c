"""What each field of a translated read is, for the fast path: one table for the
eligibility check and the shaper, so the two always agree.

A field is either a plain value (read by the very function GraphQL execution would call,
then serialised by its GraphQL type), or one of the structural fields the translated rows
carry: an entity's relationship connections and sources, a connection's edges, page info
and count, an edge's cursor and node, a subgraph's or path's entities and relationships.
Anything else (an entity link resolved through the DataLoader, introspection, the other
root fields) is not served by the fast path.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from operator import attrgetter
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.types.field import StrawberryField

from graph_service.api.direct_fields import simple_resolver
from graph_service.api.translate.selection import kind_fields
from graph_service.api.types.relationships import type_stem
from graph_service.api.types.subgraph import TYPED_EDGES
from graph_service.ontology import ENTITY_KINDS, RELATIONSHIP_TYPES

# Roles of the object types a translated read returns.
ENTITY, REL_CONNECTION, REL_EDGE, LIST_CONNECTION, LIST_EDGE, PAGE_INFO = range(6)
SUBGRAPH, PATH, GRAPH_EDGE = range(6, 9)
# What a field is.
TYPENAME, VALUE, RELATION, SOURCES, EDGES, PAGE, TOTAL, CURSOR, NODE = range(9)
ENTITIES, GRAPH_EDGES = range(9, 11)  # a subgraph's or path's `nodes` and `edges`

ROOT_LISTS = {kind.plural: kind.name for kind in ENTITY_KINDS}
EXPLORATIONS = frozenset({"neighborhood", "shortestPath"})


@cache
def roles() -> dict[str, int]:
    """GraphQL object type name -> its role."""
    found = {kind.name: ENTITY for kind in ENTITY_KINDS}
    for rel in RELATIONSHIP_TYPES:
        found[f"{type_stem(rel)}Connection"] = REL_CONNECTION
        found[f"{type_stem(rel)}Edge"] = REL_EDGE
    for kind in ENTITY_KINDS:
        found[f"{kind.name}Connection"] = LIST_CONNECTION
        found[f"{kind.name}Edge"] = LIST_EDGE
    found["PageInfo"] = PAGE_INFO
    found["Subgraph"] = SUBGRAPH
    found["Path"] = PATH
    for edge in TYPED_EDGES.values():
        found[edge_type_name(edge)] = GRAPH_EDGE
    return found


def edge_type_name(edge: type) -> str:
    """The GraphQL name of a typed `GraphEdge` class (`ReceivedAwardRelationship`)."""
    name: str = edge.__strawberry_definition__.name  # type: ignore[attr-defined]
    return name


_STRUCTURE = {
    ENTITY: {"sources": SOURCES},
    REL_CONNECTION: {"edges": EDGES, "pageInfo": PAGE, "totalCount": TOTAL},
    LIST_CONNECTION: {"edges": EDGES, "pageInfo": PAGE, "totalCount": TOTAL},
    REL_EDGE: {"cursor": CURSOR, "node": NODE, "sources": SOURCES},
    LIST_EDGE: {"cursor": CURSOR, "node": NODE},
    PAGE_INFO: {},
    SUBGRAPH: {"nodes": ENTITIES, "edges": GRAPH_EDGES},
    PATH: {"nodes": ENTITIES, "edges": GRAPH_EDGES},
    GRAPH_EDGE: {},
}


def field_kind(object_type: GraphQLObjectType, name: str) -> int | None:
    """What field `name` of `object_type` is, or None when the fast path cannot serve it."""
    if name == "__typename":
        return TYPENAME
    role = roles().get(object_type.name)
    if role is None or name not in object_type.fields:
        return None
    structural = _STRUCTURE[role].get(name)
    if structural is not None:
        return structural
    if role == ENTITY:
        meaning = kind_fields(object_type.name).get(name)
        if meaning is not None and meaning[0] == "rel":
            return RELATION
    return VALUE if value_reader(object_type, name) is not None else None


def value_reader(object_type: GraphQLObjectType, name: str) -> Callable[[Any], Any] | None:
    """The function GraphQL execution calls for a plain value field (its resolver, called
    as `direct_fields` calls it, or the attribute read of a field without one)."""
    field = (object_type.fields[name].extensions or {}).get("strawberry-definition")
    if not isinstance(field, StrawberryField):
        return None
    if field.base_resolver is None:
        plain = not (field.extensions or field.permission_classes or field.directives)
        return attrgetter(field.python_name) if plain else None
    return simple_resolver(field)


def possible_types(schema: GraphQLSchema, type_name: str) -> frozenset[str]:
    """The object types a value of `type_name` may have."""
    named = schema.get_type(type_name)
    if isinstance(named, GraphQLObjectType):
        return frozenset({named.name})
    return frozenset(t.name for t in schema.get_possible_types(named))  # type: ignore[arg-type]
