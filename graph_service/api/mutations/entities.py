"""Resolvers that create, change and delete entities, one write transaction each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from strawberry import UNSET
from strawberry.types.field import StrawberryField

from graph_service.api.context import Context, Principal
from graph_service.api.mutations import audit, results
from graph_service.api.mutations.access import require_editor
from graph_service.api.mutations.checks import (
    EntityItem,
    check_entities,
    entity_record,
    patched_record,
)
from graph_service.api.mutations.inputs import (
    ENTITY_INPUTS,
    ENTITY_PATCHES,
    EntityInput,
    article,
    field_name,
)
from graph_service.api.mutations.state import entity_states, kinds_of, stored_entity
from graph_service.api.mutations.transaction import Abort, in_write_transaction
from graph_service.api.subscriptions import (
    EntityTouched,
    Operation,
    relationship_by_id,
    touched,
)
from graph_service.graph.executor import Transaction
from graph_service.loading.lookups import forget_statements, lookup_statements
from graph_service.loading.records import Dataset
from graph_service.loading.rows import entity_from_row, entity_row
from graph_service.loading.writer import plan_statements
from graph_service.ontology import ENTITY_KINDS, EntityKind
from graph_service.queries import query, render

Info = strawberry.Info[Context, None]
IdArgument = Annotated[strawberry.ID, strawberry.argument(description="The entity's key.")]


def _field(resolve: Any, name: str, description: str, **arguments: Any) -> StrawberryField:
    resolve.__annotations__ = {"info": Info, **arguments}
    return strawberry.field(resolver=resolve, name=name, description=description)


def _not_found(kind: EntityKind, id_: str) -> results.NotFound:
    return results.NotFound(id=strawberry.ID(id_), message=f"no {kind.name} has the id {id_!r}")


def create_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, input: Any) -> Any:
        principal = require_editor(info)
        record = entity_record(kind, input, "input")

        async def work(tx: Transaction) -> Any:
            states = await entity_states(tx, [record.id, *record.sources])
            if record.id in states:
                return results.Conflict(
                    message=f"an entity with the id {record.id!r} exists: update or upsert it"
                )
            known = {**kinds_of(states), record.id: kind.name}
            problems = await check_entities(tx, [EntityItem("input", kind, record)], known)
            if problems:
                return results.problems(*problems)
            row = entity_row(record)
            props = row["props"]
            await tx.run(render("create_entities", kind=kind), rows=[row])
            await tx.run_all(lookup_statements([record], []))
            entry = audit.audit_entry(
                principal, f"create{kind.name}", [record.id], None, props, audit.now()
            )
            await audit.record(tx, [entry])
            touched(EntityTouched(record.id, kind.name, Operation.CREATED))
            return results.CreateEntitySuccess(entity=stored_entity(kind.name, props))

        return await in_write_transaction(info.context, f"create{kind.name}", work)

    return _field(
        resolve,
        f"create{kind.name}",
        f"Create {article(kind.name)}; a Conflict when its id is taken. Needs the editor role.",
        input=Annotated[ENTITY_INPUTS[kind.name], strawberry.argument(description="The entity.")],
        **{"return": results.CreateEntityResult},
    )


def update_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, id: strawberry.ID, input: Any) -> Any:
        principal = require_editor(info)
        id_ = str(id)
        new_sources = [str(s) for s in input.sources or []] if input.sources else []

        async def work(tx: Transaction) -> Any:
            states = await entity_states(tx, [id_, *new_sources])
            current = states.get(id_)
            if current is None or kinds_of({id_: current})[id_] != kind.name:
                return _not_found(kind, id_)
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
            row = entity_row(record)
            props = row["props"]
            await tx.run(query("update_entities"), rows=[row])  # short of a row: rolled back
            await tx.run_all(lookup_statements([record], [], existing={id_}))
            entry = audit.audit_entry(
                principal, f"update{kind.name}", [id_], before, props, audit.now()
            )
            await audit.record(tx, [entry])
            touched(EntityTouched(id_, kind.name, Operation.UPDATED))
            return results.UpdateEntitySuccess(entity=stored_entity(kind.name, props))

        return await in_write_transaction(info.context, f"update{kind.name}", work)

    return _field(
        resolve,
        f"update{kind.name}",
        f"Change some fields of {article(kind.name)}; fields left out stay. Needs the editor role.",
        id=IdArgument,
        input=Annotated[
            ENTITY_PATCHES[kind.name], strawberry.argument(description="The fields to change.")
        ],
        **{"return": results.UpdateEntityResult},
    )


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

    return _field(
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


def delete_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, id: strawberry.ID, detach: bool) -> Any:
        principal = require_editor(info)
        id_ = str(id)

        async def work(tx: Transaction) -> Any:
            current = (await entity_states(tx, [id_])).get(id_)
            if current is None or kinds_of({id_: current})[id_] != kind.name:
                return _not_found(kind, id_)
            deps = (await tx.run(query("get_entity_dependents"), id=id_))[0]
            citing = deps["citingEntities"] + deps["citingRelationships"]
            if citing:
                return results.Conflict(
                    message=f"{id_!r} is cited as a source by {deps['citingEntities']} entities "
                    f"and {deps['citingRelationships']} relationships: change their sources first"
                )
            relationships = sorted(set(deps["relationships"]))
            if relationships and not detach:
                return results.Conflict(
                    message=f"{id_!r} has {len(relationships)} relationships: unlink them, "
                    "or delete with `detach: true` to delete them too"
                )
            name = "delete_entity_detach" if detach else "delete_entity"
            rows = await tx.run(query(name), id=id_)  # its kind was checked above
            if not rows or rows[0]["deleted"] != 1:
                raise Abort(results.Conflict(message=f"{id_!r} changed meanwhile: try again"))
            await tx.run_all(forget_statements([id_], relationships))
            before = {"entity": current["props"], "relationships": relationships}
            entry = audit.audit_entry(
                principal, f"delete{kind.name}", [id_, *relationships], before, None, audit.now()
            )
            await audit.record(tx, [entry])
            touched(
                EntityTouched(id_, kind.name, Operation.DELETED),
                *(relationship_by_id(r, Operation.DELETED) for r in relationships),
            )
            return results.DeleteEntitySuccess(
                id=strawberry.ID(id_), relationships_deleted=len(relationships)
            )

        return await in_write_transaction(info.context, f"delete{kind.name}", work)

    return _field(
        resolve,
        f"delete{kind.name}",
        f"Delete {article(kind.name)}. Without `detach` an entity that has relationships is a "
        "Conflict; with it, its relationships go too. Needs the editor role.",
        id=IdArgument,
        detach=Annotated[
            bool, strawberry.argument(description="Also delete the entity's relationships.")
        ],
        **{"return": results.DeleteEntityResult},
    )
