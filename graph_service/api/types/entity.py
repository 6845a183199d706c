"""The `Node` and `Entity` interfaces every kind of entity implements."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_service.api.context import Context
from graph_service.api.types.values import EntityKindName
from graph_service.ontology import SOURCE_KIND, kind_of_labels

if TYPE_CHECKING:
    SourceType = Any
else:
    SourceType = Annotated["Source", strawberry.lazy("graph_service.api.types.kinds")]  # noqa: F821


@strawberry.interface(description="An object with a globally unique, stable id (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Globally unique, stable and readable key, e.g. `pemkot-cimahi`."
    )


@strawberry.interface(
    description="Anything in the knowledge graph: a body, a person, an event, a policy, "
    "an award, a source. Every entity names the sources its facts rest on."
)
class Entity(Node):
    props: strawberry.Private[dict[str, Any]]
    labels: strawberry.Private[list[str]]
    # What a translated read fetched below this entity, by response key (see api/translate).
    nested: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @strawberry.field(description="The name in its official or most common form.")
    def name(self) -> str:
        return str(self.props.get("name", ""))

    @strawberry.field(description="Other names and abbreviations people write.")
    def aliases(self) -> list[str]:
        return list(self.props.get("aliases") or [])

    @strawberry.field(description="A short description, where the sources give one.")
    def description(self) -> str | None:
        return self.props.get("description")

    @strawberry.field(description="A remark on the facts, e.g. where sources disagree.")
    def note(self) -> str | None:
        return self.props.get("note")

    @strawberry.field(description="The entity's kind.")
    def kind(self) -> EntityKindName:
        return EntityKindName(kind_of_labels(self.labels))

    @strawberry.field(
        description="False when the entity rests only on a secondary source without a URL."
    )
    def verified(self) -> bool:
        return not self.props.get("unverified", False)

    @strawberry.field(description="The sources the entity's facts were read from.")
    def sources(self, info: strawberry.Info[Context, None]) -> list[SourceType]:
        if "sources" in self.nested:
            return self.nested["sources"]
        ids = self.props.get("sources") or []
        return info.context.reader.entities(info, ids, [SOURCE_KIND])  # type: ignore[return-value]
