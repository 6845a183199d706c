"""The root `Mutation` type: every write the ontology allows, generated from it."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.mutations.create import create_field
from graph_service.api.mutations.delete import delete_field
from graph_service.api.mutations.links import link_field, unlink_field
from graph_service.api.mutations.update import update_field
from graph_service.api.mutations.upsert import upsert_entities, upsert_field
from graph_service.ontology import ENTITY_KINDS, RELATIONSHIP_TYPES


def build_mutation_type() -> type:
    namespace: dict[str, Any] = {"__annotations__": {}}
    for kind in ENTITY_KINDS:
        stem = kind.name.lower()
        namespace[f"create_{stem}"] = create_field(kind)
        namespace[f"update_{stem}"] = update_field(kind)
        namespace[f"upsert_{stem}"] = upsert_field(kind)
        namespace[f"delete_{stem}"] = delete_field(kind)
    namespace["upsert_entities"] = strawberry.field(
        resolver=upsert_entities,
        description="Create or replace a batch of entities of any kinds in one transaction: "
        "all of them, or none. Needs the editor role.",
    )
    for rel in RELATIONSHIP_TYPES:
        namespace[f"link_{rel.name.lower()}"] = link_field(rel)
        namespace[f"unlink_{rel.name.lower()}"] = unlink_field(rel)
    return strawberry.type(
        type("Mutation", (), namespace),
        description="Curate the graph. Every mutation is one transaction, recorded in the "
        "audit log, and needs the editor or admin role.",
    )
