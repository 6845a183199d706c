"""`upsert<Kind>` and `upsertEntities`: entities created or replaced whole, with the loader's
statements (a batch of any kinds in one transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from strawberry import UNSET
from strawberry.types.field import StrawberryField

from graph_service.api.context import Principal
from graph_service.api.mutations import audit, results
from graph_service.api.mutations.access import require_editor
from graph_service.api.mutations.checks import EntityItem, check_entities, entity_record
from graph_service.api.mutations.fields import Info, entity_field
from graph_service.api.mutations.inputs import ENTITY_INPUTS, EntityInput, article, field_name
from graph_service.api.mutations.state import entity_states, kinds_of, stored_entity
from graph_service.api.mutations.transaction import Abort, in_write_transaction
from graph_service.api.subscriptions import EntityTouched, Operation, touched
from graph_service.graph.executor import Transaction
from graph_service.loading.records import Dataset
from graph_service.loading.rows import entity_row
from graph_service.loading.writer import plan_statements
from graph_service.ontology import ENTITY_KINDS, EntityKind


async def _upsert(
    tx: Transaction, principal: Principal, items: Sequence[EntityItem], operation: str
) -> tuple[list[Any], int]:
    """Write `items` with the loader's statements; the objects written and how many are new.

    Raises `Abort` with the result to answer when the items cannot be written.
    """
    ids = [i.record.id for i in items]
    states = await entity_states(tx, ids + [s for i in items for s in i.record.sources])
    existing = kinds_of(states)
    clashes = [
        f"{item.path}: {item.record.id!r} is a {existing[item.record.id]}, not a {item.kind.name}"
        for item in items
        if existing.get(item.record.id, item.kind.name) != item.kind.name
    ]
    if clashes:
        raise Abort(results.Conflict(message="; ".join(clashes)))
    known = {**existing, **{i.record.id: i.kind.name for i in items}}
    problems = await check_entities(tx, items, known)
    if problems:
        raise Abort(results.problems(*problems))
    dataset = Dataset(entities=[i.record for i in items])
    for statement, params in plan_statements(
        dataset, batch_size=max(len(items), 1), existing=existing.keys()
    ):
        await tx.run(statement, **params)
    at = audit.now()
    written, entries = [], []
    for item in items:
        props = entity_row(item.record)["props"]
        before = states[item.record.id]["props"] if item.record.id in states else None
        entries.append(audit.audit_entry(principal, operation, [item.record.id], before, props, at))
        written.append(stored_entity(item.kind.name, props))
        done = Operation.UPDATED if item.record.id in states else Operation.CREATED
        touched(EntityTouched(item.record.id, item.kind.name, done))
    await audit.record(tx, entries)
    return written, sum(1 for id_ in ids if id_ not in states)


def upsert_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, input: Any) -> Any:
        principal = require_editor(info)
        item = EntityItem("input", kind, entity_record(kind, input, "input"))

        async def work(tx: Transaction) -> Any:
            written, created = await _upsert(tx, principal, [item], f"upsert{kind.name}")
            return results.UpsertEntitySuccess(entity=written[0], created=created == 1)

        return await in_write_transaction(info.context, f"upsert{kind.name}", work)

    return entity_field(
        resolve,
        f"upsert{kind.name}",
        f"Create {article(kind.name)}, or replace the one with this id (every field). "
        "Needs the editor role.",
        input=Annotated[ENTITY_INPUTS[kind.name], strawberry.argument(description="The entity.")],
        **{"return": results.UpsertEntityResult},
    )


def _batch_items(inputs: Sequence[Any]) -> tuple[list[EntityItem], list[tuple[str, str]]]:
    items, problems = [], []
    for index, one_of in enumerate(inputs):
        chosen = [k for k in ENTITY_KINDS if getattr(one_of, field_name(k)) not in (None, UNSET)]
        if len(chosen) != 1:
            problems.append((f"inputs[{index}]", "set exactly one field, the entity's kind"))
            continue
        kind = chosen[0]
        path = f"inputs[{index}].{field_name(kind)}"
        data = getattr(one_of, field_name(kind))
        items.append(EntityItem(path, kind, entity_record(kind, data, path)))
    return items, problems


async def upsert_entities(
    info: Info,
    inputs: Annotated[
        list[EntityInput],  # type: ignore[valid-type]
        strawberry.argument(description="The entities, of any kinds, in order."),
    ],
) -> results.UpsertEntitiesResult:
    principal = require_editor(info)
    limit = info.context.settings.max_batch_size
    if len(inputs) > limit:
        return results.problems(
            ("inputs", f"at most {limit} entities per batch (got {len(inputs)})")
        )
    items, problems = _batch_items(inputs)
    if problems:
        return results.problems(*problems)

    async def work(tx: Transaction) -> Any:
        written, created = await _upsert(tx, principal, items, "upsertEntities")
        return results.UpsertEntitiesSuccess(
            entities=written, created=created, updated=len(written) - created
        )

    return await in_write_transaction(info.context, "upsertEntities", work)
