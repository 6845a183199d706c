"""A path between two entities: its entities in order and the relationships joining them."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.types.entity import Entity
from graph_service.api.types.registry import entity_object
from graph_service.api.types.subgraph import GraphEdge, graph_edge


@strawberry.type(
    description="A path: entities in order from the start, and the edges joining them."
)
class Path:
    nodes: list[Entity] = strawberry.field(
        description="The entities along the path, the start first and the end last."
    )
    edges: list[GraphEdge] = strawberry.field(
        description="The relationships along the path; edge i joins node i and node i + 1 "
        "(in either direction: see its `from` and `to`)."
    )

    @strawberry.field(description="How many relationships the path follows (hops).")
    def length(self) -> int:
        return len(self.edges)


def path_object(row: dict[str, Any]) -> Path:
    """A `Path` from a row of `nodes` (labels, props) and `edges` (type, from, to, rel)."""
    return Path(
        nodes=[entity_object(n["labels"], n["props"]) for n in row["nodes"]],
        edges=[graph_edge(e) for e in row["edges"]],
    )
