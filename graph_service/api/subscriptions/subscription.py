"""The root `Subscription` type: live changes of the graph."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncGenerator
from typing import Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.subscriptions import changes
from graph_service.api.subscriptions.types import GraphChange, graph_change
from graph_service.api.types.values import EntityKindName, RelationshipTypeName


@dataclasses.dataclass(frozen=True)
class ChangeFilter:
    kinds: frozenset[str] | None
    relationship_types: frozenset[str] | None
    ids: frozenset[str] | None

    def apply(self, change: changes.GraphChange) -> changes.GraphChange | None:
        """The part of `change` the subscriber asked for; None when nothing is left."""
        only_relationships = self.kinds is None and self.relationship_types is not None
        only_entities = self.relationship_types is None and self.kinds is not None
        entities = tuple(
            e
            for e in change.entities
            if not only_relationships
            and (self.kinds is None or e.kind in self.kinds)
            and (self.ids is None or e.id in self.ids)
        )
        relationships = tuple(
            r
            for r in change.relationships
            if not only_entities
            and (self.relationship_types is None or r.type in self.relationship_types)
            and (self.ids is None or not self.ids.isdisjoint({r.id, r.from_id, r.to_id}))
        )
        if not entities and not relationships:
            return None
        return dataclasses.replace(change, entities=entities, relationships=relationships)


def _names(values: list[Any] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(getattr(v, "value", str(v)) for v in values)


async def graph_changed(
    info: strawberry.Info[Context, None],
    kinds: Annotated[
        list[EntityKindName] | None,
        strawberry.argument(description="Only entities of these kinds."),
    ] = None,
    relationship_types: Annotated[
        list[RelationshipTypeName] | None,
        strawberry.argument(description="Only relationships of these types."),
    ] = None,
    ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(
            description="Only these entities, and the relationships with these keys or ends."
        ),
    ] = None,
) -> AsyncGenerator[GraphChange, None]:
    wanted = ChangeFilter(_names(kinds), _names(relationship_types), _names(ids))
    broker = info.context.changes
    if broker is None:
        return
    async for change in broker.changes():
        selected = wanted.apply(change)
        if selected is not None:
            yield graph_change(selected)


def build_subscription_type() -> type:
    namespace: dict[str, Any] = {
        "__annotations__": {},
        "graph_changed": strawberry.subscription(
            resolver=graph_changed,
            description="What each committed mutation changed: the entities and relationships "
            "it created, changed or deleted. With neither `kinds` nor `relationshipTypes`, "
            "both; with one of them, only that side; `ids` narrows either side.",
        ),
    }
    return strawberry.type(
        type("Subscription", (), namespace),
        description="Follow the graph live (graphql-transport-ws over WebSocket, or graphql-sse).",
    )
