"""`delete<Kind>`: an entity removed, with its relationships only when asked (`detach`)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.api.mutations import audit, citation_locks, results
from graph_service.api.mutations.access import require_editor
from graph_service.api.mutations.fields import IdArgument, Info, entity_field, not_found
from graph_service.api.mutations.inputs import article
from graph_service.api.mutations.state import entity_states, kinds_of
from graph_service.api.mutations.transaction import Abort, in_write_transaction
from graph_service.api.subscriptions import (
    EntityTouched,
    Operation,
    relationship_by_id,
    touched,
)
from graph_service.graph.executor import Transaction
from graph_service.ontology import SOURCE_KIND, EntityKind
from graph_service.queries import query


def delete_field(kind: EntityKind) -> StrawberryField:
    async def resolve(info: Info, id: strawberry.ID, detach: bool) -> Any:
        principal = require_editor(info)
        id_ = str(id)

        async def work(tx: Transaction) -> Any:
            current = (await entity_states(tx, [id_])).get(id_)
            if current is None or kinds_of({id_: current})[id_] != kind.name:
                return not_found(kind, id_)
            if kind.name == SOURCE_KIND:  # creates citing it write one of these
                await citation_locks.lock_all(tx, id_)
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
            before = {"entity": current["props"], "relationships": relationships}
            entry = audit.audit_entry(
                principal, f"delete{kind.name}", [id_, *relationships], before, None, audit.now()
            )
            rows = await tx.run(  # its kind was checked above
                query("remove_entity"),
                id=id_,
                detach=detach,
                keys=[id_, *relationships],
                audit=entry,
            )
            if not rows or rows[0]["deleted"] != 1:
                raise Abort(results.Conflict(message=f"{id_!r} changed meanwhile: try again"))
            touched(
                EntityTouched(id_, kind.name, Operation.DELETED),
                *(relationship_by_id(r, Operation.DELETED) for r in relationships),
            )
            return results.DeleteEntitySuccess(
                id=strawberry.ID(id_), relationships_deleted=len(relationships)
            )

        return await in_write_transaction(info.context, f"delete{kind.name}", work)

    return entity_field(
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
