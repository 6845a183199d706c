"""What a mutation answers: a success, or the expected failure that explains itself."""

from __future__ import annotations

from typing import Annotated, Any, Union

import strawberry

from graph_service.api.types.entity import Entity
from graph_service.api.types.relationships import EDGE_TYPES


@strawberry.type(description="One input field that cannot be accepted, and why.")
class FieldProblem:
    field: str = strawberry.field(
        description="Path of the bad field in the arguments, e.g. `input.sources[0]`."
    )
    message: str = strawberry.field(description="What is wrong and how to fix it.")


@strawberry.type(description="The input broke the ontology's rules; nothing was written.")
class ValidationFailed:
    problems: list[FieldProblem] = strawberry.field(description="Every bad field.")


@strawberry.type(description="No entity or relationship has this id; nothing was written.")
class NotFound:
    id: strawberry.ID = strawberry.field(description="The id that was not found.")
    message: str = strawberry.field(description="What was looked for.")


@strawberry.type(description="The change clashes with the graph as it is; nothing was written.")
class Conflict:
    message: str = strawberry.field(description="What clashes and how to resolve it.")


@strawberry.type(description="The entity was created.")
class CreateEntitySuccess:
    entity: Entity = strawberry.field(description="The entity as stored.")


@strawberry.type(description="The entity was changed.")
class UpdateEntitySuccess:
    entity: Entity = strawberry.field(description="The entity as stored.")


@strawberry.type(description="The entity was created or replaced.")
class UpsertEntitySuccess:
    entity: Entity = strawberry.field(description="The entity as stored.")
    created: bool = strawberry.field(description="True when no entity had this id before.")


@strawberry.type(description="Every entity of the batch was created or replaced.")
class UpsertEntitiesSuccess:
    entities: list[Entity] = strawberry.field(description="The entities as stored, in order.")
    created: int = strawberry.field(description="How many ids were new.")
    updated: int = strawberry.field(description="How many existing entities were replaced.")


@strawberry.type(description="The entity was deleted.")
class DeleteEntitySuccess:
    id: strawberry.ID = strawberry.field(description="The deleted entity's id.")
    relationships_deleted: int = strawberry.field(
        description="How many relationships were deleted with it (only with `detach`)."
    )


RelationshipEdge: Any = Annotated[
    Union[tuple(EDGE_TYPES.values())],  # noqa: UP007 (a union built from a generated list)
    strawberry.union("RelationshipEdge", description="A relationship of any type, as an edge."),
]


@strawberry.type(description="The relationship was created or replaced.")
class LinkSuccess:
    created: bool = strawberry.field(description="True when the relationship is new.")
    from_: Entity = strawberry.field(name="from", description="The entity it starts at.")
    edge: RelationshipEdge = strawberry.field(
        description="The relationship as stored, its `node` being the entity it ends at."
    )


@strawberry.type(description="The relationship was deleted.")
class UnlinkSuccess:
    relationship_id: strawberry.ID = strawberry.field(description="Its id.")


def _union(name: str, description: str, *members: type) -> Any:
    return Annotated[Union[members], strawberry.union(name, description=description)]  # noqa: UP007


CreateEntityResult = _union(
    "CreateEntityResult",
    "What a create answers.",
    CreateEntitySuccess,
    ValidationFailed,
    Conflict,
)
UpdateEntityResult = _union(
    "UpdateEntityResult", "What an update answers.", UpdateEntitySuccess, ValidationFailed, NotFound
)
UpsertEntityResult = _union(
    "UpsertEntityResult", "What an upsert answers.", UpsertEntitySuccess, ValidationFailed, Conflict
)
UpsertEntitiesResult = _union(
    "UpsertEntitiesResult",
    "What a batch upsert answers.",
    UpsertEntitiesSuccess,
    ValidationFailed,
    Conflict,
)
DeleteEntityResult = _union(
    "DeleteEntityResult", "What a delete answers.", DeleteEntitySuccess, NotFound, Conflict
)
LinkResult = _union("LinkResult", "What a link answers.", LinkSuccess, ValidationFailed, NotFound)
UnlinkResult = _union("UnlinkResult", "What an unlink answers.", UnlinkSuccess, NotFound)


def problems(*pairs: tuple[str, str]) -> ValidationFailed:
    return ValidationFailed(problems=[FieldProblem(field=f, message=m) for f, m in pairs])
