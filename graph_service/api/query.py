"""The root `Query` type: lookups, a connection per entity kind, search and exploration."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.resolvers.entities import kind_list_field, node, nodes
from graph_service.api.resolvers.neighborhood import neighborhood
from graph_service.api.resolvers.search import search
from graph_service.api.types.kind_connections import kind_connections
from graph_service.ontology import ENTITY_KINDS


def build_query_type() -> type:
    connections = kind_connections()
    namespace: dict[str, Any] = {
        "__annotations__": {},
        "node": strawberry.field(resolver=node, description="The entity with this key (Relay)."),
        "nodes": strawberry.field(
            resolver=nodes, description="The entities with these keys, in order (Relay)."
        ),
        "search": strawberry.field(
            resolver=search,
            description="Entities whose name or alias matches, best first: exact name, exact "
            "alias, prefix, then substring. Case, accents and punctuation are ignored.",
        ),
        "neighborhood": strawberry.field(
            resolver=neighborhood,
            description="The entities and relationships within `depth` hops of an entity.",
        ),
    }
    for kind in ENTITY_KINDS:
        namespace[f"list_{kind.plural}"] = kind_list_field(kind, connections[kind.name])
    return strawberry.type(
        type("Query", (), namespace),
        description="Read the SPBE knowledge graph: look entities up, list, search, explore.",
    )
