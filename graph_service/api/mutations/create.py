"""`create<Kind>`: one statement checks and writes the entity in the common case.

A create whose fields are fine goes straight to `checked_writes.create_entity`, which
writes only if the graph agrees (id free, sources Sources, names nobody else's). When it
does not, nothing was written, and the ordinary checks explain why in the same
transaction, which is then rolled back; names alike only once compacted pass those
checks, and are then accepted.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.api.context import Principal
from graph_service.api.mutations import audit, results
from graph_service.api.mutations.access import require_editor
from graph_service.api.mutations.checked_writes import CheckedWrite, create_entity
from graph_service.api.mutations.checks import (
    EntityItem,
    check_entities,
    entity_record,
    record_problems,
)
from graph_service.api.mutations.fields import Info, entity_field
from graph_service.api.mutations.inputs import ENTITY_INPUTS, article
from graph_service.api.mutations.state import entity_states, kinds_of, stored_entity
from graph_service.api.mutations.transaction import Abort, in_write_transaction
from graph_service.api.subscriptions import EntityTouched, Operation, touched
from graph_service.graph.errors import GraphConflict
from graph_service.graph.executor import Transaction
from graph_service.loading.rows import entity_row
from graph_service.ontology import EntityKind


def _taken(id_: str) -> results.Conflict:
    return results.Conflict(message=f"an entity with the id {id_!r} exists: update or upsert it")


async def _write(
    tx: Transaction, principal: Principal, item: EntityItem, namesakes: tuple[str, ...] = ()
) -> CheckedWrite:
    record, kind = item.record, item.kind
    props = entity_row(record)["props"]
    entry = audit.audit_entry(
        principal, f"create{kind.name}", [record.id], None, props, audit.now()
    )
    return await create_entity(tx, kind, record, entry, namesakes)


async def _refusal(
    tx: Transaction, principal: Principal, item: EntityItem, namesakes: tuple[str, ...]
) -> Any:
    """The answer to a create the checked write refused (or was not tried for), from the
    ordinary checks; None when they pass and the create is then written, `namesakes`
    (alike only once compacted) accepted."""
    record = item.record
    states = await entity_states(tx, [record.id, *record.sources])
    if record.id in states:
        return _taken(record.id)
    known = {**kinds_of(states), record.id: item.kind.name}
    problems = await check_entities(tx, [item], known)
    if problems:
        return results.problems(*problems)
    if not (await _write(tx, principal, item, namesakes)).written:
        raise GraphConflict(f"{record.id!r}: the graph changed meanwhile")  # run it again
    return None


def create_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, input: Any) -> Any:
        principal = require_editor(info)
        item = EntityItem("input", kind, entity_record(kind, input, "input"))
        record = item.record

        async def work(tx: Transaction) -> Any:
            if record_problems(item):
                raise Abort(await _refusal(tx, principal, item, ()))
            done = await _write(tx, principal, item)
            if done.taken:
                raise Abort(_taken(record.id))
            if not done.written:
                refused = await _refusal(tx, principal, item, done.namesakes)
                if refused is not None:
                    raise Abort(refused)
            touched(EntityTouched(record.id, kind.name, Operation.CREATED))
            props = entity_row(record)["props"]
            return results.CreateEntitySuccess(entity=stored_entity(kind.name, props))

        return await in_write_transaction(info.context, f"create{kind.name}", work)

    return entity_field(
        resolve,
        f"create{kind.name}",
        f"Create {article(kind.name)}; a Conflict when its id is taken. Needs the editor role.",
        input=Annotated[ENTITY_INPUTS[kind.name], strawberry.argument(description="The entity.")],
        **{"return": results.CreateEntityResult},
    )
