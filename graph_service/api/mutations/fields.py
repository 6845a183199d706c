"""What the entity mutations' fields share: the resolver's types, the field, a NotFound."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.api.context import Context
from graph_service.api.mutations import results
from graph_service.ontology import EntityKind

Info = strawberry.Info[Context, None]
IdArgument = Annotated[strawberry.ID, strawberry.argument(description="The entity's key.")]


def entity_field(resolve: Any, name: str, description: str, **arguments: Any) -> StrawberryField:
    resolve.__annotations__ = {"info": Info, **arguments}
    return strawberry.field(resolver=resolve, name=name, description=description)


def not_found(kind: EntityKind, id_: str) -> results.NotFound:
    return results.NotFound(id=strawberry.ID(id_), message=f"no {kind.name} has the id {id_!r}")
