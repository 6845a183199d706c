"""The GraphQL types of `graphChanged`: which entities and relationships a write touched."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from graph_service.api.subscriptions import changes
from graph_service.api.types.values import EntityKindName, RelationshipTypeName

ChangeOperation: Any = strawberry.enum(
    changes.Operation, description="What a committed write did to an entity or relationship."
)


@strawberry.type(description="An entity a committed write created, changed or deleted.")
class EntityChange:
    id: strawberry.ID = strawberry.field(description="The entity's key.")
    kind: EntityKindName = strawberry.field(description="The entity's kind.")
    operation: ChangeOperation = strawberry.field(description="What the write did to it.")


@strawberry.type(description="A relationship a committed write created, changed or deleted.")
class RelationshipChange:
    id: strawberry.ID = strawberry.field(description="The relationship's stable key.")
    type: RelationshipTypeName = strawberry.field(description="The relationship type.")
    from_id: strawberry.ID = strawberry.field(name="from", description="Key of the start entity.")
    to_id: strawberry.ID = strawberry.field(name="to", description="Key of the end entity.")
    operation: ChangeOperation = strawberry.field(description="What the write did to it.")


@strawberry.type(description="What one committed mutation changed in the graph.")
class GraphChange:
    mutation: str = strawberry.field(
        description="The mutation field that wrote, e.g. `linkGoverns`."
    )
    at: dt.datetime = strawberry.field(description="When the write committed (UTC).")
    entities: list[EntityChange] = strawberry.field(description="The entities it touched.")
    relationships: list[RelationshipChange] = strawberry.field(
        description="The relationships it touched."
    )


def graph_change(change: changes.GraphChange) -> GraphChange:
    return GraphChange(
        mutation=change.mutation,
        at=change.at,
        entities=[
            EntityChange(id=strawberry.ID(e.id), kind=EntityKindName(e.kind), operation=e.operation)
            for e in change.entities
        ],
        relationships=[
            RelationshipChange(
                id=strawberry.ID(r.id),
                type=RelationshipTypeName(r.type),
                from_id=strawberry.ID(r.from_id),
                to_id=strawberry.ID(r.to_id),
                operation=r.operation,
            )
            for r in change.relationships
        ],
    )
