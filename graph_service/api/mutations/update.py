"""`update<Kind>`: some fields of an entity changed, the rest kept."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.api.mutations import audit, results
from graph_service.api.mutations.access import require_editor
from graph_service.api.mutations.checked_writes import replace_entity
from graph_service.api.mutations.checks import EntityItem, check_entities, patched_record
from graph_service.api.mutations.fields import IdArgument, Info, entity_field, not_found
from graph_service.api.mutations.inputs import ENTITY_PATCHES, article
from graph_service.api.mutations.state import entity_states, kinds_of, stored_entity
from graph_service.api.mutations.transaction import in_write_transaction
from graph_service.api.subscriptions import EntityTouched, Operation, touched
from graph_service.graph.executor import Transaction
from graph_service.loading.rows import entity_from_row, entity_row
from graph_service.ontology import EntityKind


def update_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, id: strawberry.ID, input: Any) -> Any:
        principal = require_editor(info)
        id_ = str(id)
        new_sources = [str(s) for s in input.sources or []] if input.sources else []

        async def work(tx: Transaction) -> Any:
            states = await entity_states(tx, [id_, *new_sources])
            current = states.get(id_)
            if current is None or kinds_of({id_: current})[id_] != kind.name:
                return not_found(kind, id_)
            before = current["props"]
            record = patched_record(
                entity_from_row(current["labels"], before), kind, input, "input"
            )
            unread = set(record.sources) - states.keys()  # kept sources: not read above
            states.update(await entity_states(tx, unread))
            problems = await check_entities(
                tx, [EntityItem("input", kind, record)], kinds_of(states)
            )
            if problems:
                return results.problems(*problems)
            props = entity_row(record)["props"]
            entry = audit.audit_entry(
                principal, f"update{kind.name}", [id_], before, props, audit.now()
            )
            await replace_entity(tx, record, entry)
            touched(EntityTouched(id_, kind.name, Operation.UPDATED))
            return results.UpdateEntitySuccess(entity=stored_entity(kind.name, props))

        return await in_write_transaction(info.context, f"update{kind.name}", work)

    return entity_field(
        resolve,
        f"update{kind.name}",
        f"Change some fields of {article(kind.name)}; fields left out stay. Needs the editor role.",
        id=IdArgument,
        input=Annotated[
            ENTITY_PATCHES[kind.name], strawberry.argument(description="The fields to change.")
        ],
        **{"return": results.UpdateEntityResult},
    )
