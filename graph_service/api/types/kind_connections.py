"""A connection type per entity kind, for the root list fields (`agencies`, `ministries`, ...)."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.types.pagination import PageInfo
from graph_service.api.types.registry import KIND_TYPES
from graph_service.ontology import ENTITY_KINDS, EntityKind, kind_noun


def _edge_and_connection(kind: EntityKind) -> type:
    node_type = KIND_TYPES[kind.name]
    edge = strawberry.type(
        type(
            f"{kind.name}Edge",
            (),
            {
                "__annotations__": {"cursor": str, "node": node_type},
                "cursor": strawberry.field(description="Where this edge sits in its connection."),
                "node": strawberry.field(description=f"The {kind_noun(kind.name)}."),
            },
        ),
        description=f"One {kind_noun(kind.name)} on a page of {kind_noun(kind.name, plural=True)}.",
    )
    namespace: dict[str, Any] = {
        "__annotations__": {"edges": list[edge], "page_info": PageInfo, "total_count": int},  # type: ignore[valid-type]
        "edges": strawberry.field(description="The entities on this page."),
        "page_info": strawberry.field(description="Where this page sits."),
        "total_count": strawberry.field(description="How many entities match in all."),
    }
    return strawberry.type(
        type(f"{kind.name}Connection", (), namespace),
        description=f"A page of {kind_noun(kind.name, plural=True)}.",
    )


def kind_connections() -> dict[str, type]:
    return {kind.name: _edge_and_connection(kind) for kind in ENTITY_KINDS}
