"""The root `Query` type: lookups, a connection per entity kind, search and exploration."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

from graph_service.api.resolvers.aggregations import award_counts, index_score_stats, stats
from graph_service.api.resolvers.audit import audit_log
from graph_service.api.resolvers.entities import kind_list_field, node, nodes
from graph_service.api.resolvers.neighborhood import neighborhood
from graph_service.api.resolvers.neighbors import neighbors
from graph_service.api.resolvers.paths import paths, shortest_path
from graph_service.api.resolvers.provenance import supported_by
from graph_service.api.resolvers.search import search
from graph_service.api.resolvers.timeline import timeline
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
        "neighbors": strawberry.field(
            resolver=neighbors,
            description="One page of an entity's neighbours with the relationships joining "
            "them, and its relationship counts per type: a hub, a page at a time. Null when "
            "the entity does not exist.",
        ),
        "shortestPath": strawberry.field(
            resolver=shortest_path,
            name="shortestPath",
            description="A shortest path between two entities, following relationships either "
            "way; null when none is at most `maxHops` long.",
        ),
        "paths": strawberry.field(
            resolver=paths,
            description="Paths between two entities that visit no entity twice, shortest "
            "first (ties by the keys along them).",
        ),
        "timeline": strawberry.field(
            resolver=timeline,
            description="An entity's dated facts, earliest first: events, awards, index "
            "scores, positions, policies issued. Null when the entity does not exist.",
        ),
        "supported_by": strawberry.field(
            resolver=supported_by,
            description="What a source supports: the entities and relationships citing it.",
        ),
    }
    namespace["audit_log"] = strawberry.field(
        resolver=audit_log,
        description="Every write, newest first: who, when, what, before and after. Admins only.",
    )
    namespace["stats"] = strawberry.field(
        resolver=stats, description="How many entities per kind and relationships per type."
    )
    namespace["award_counts"] = strawberry.field(
        resolver=award_counts,
        description="How many received an award edition (or every award), by category and year.",
    )
    namespace["index_score_stats"] = strawberry.field(
        resolver=index_score_stats,
        description="Count, minimum, maximum and average SPBE index over the scores of the "
        "entities matching `filter` (optionally of one `year`).",
    )
    for kind in ENTITY_KINDS:
        namespace[f"list_{kind.plural}"] = kind_list_field(kind, connections[kind.name])
    for root_field in namespace.values():
        if isinstance(root_field, StrawberryField):
            nullable(root_field)
    return strawberry.type(
        type("Query", (), namespace),
        description="Read the SPBE knowledge graph: look entities up, list, search, explore.",
    )


def nullable(root_field: StrawberryField) -> None:
    """Make a root field nullable, so that its failure (a bad argument, a timeout) nulls that
    field alone, with its error, instead of the whole response (GraphQL's null bubbling)."""
    if not isinstance(root_field.type, StrawberryOptional):
        root_field.type = StrawberryOptional(root_field.type)
