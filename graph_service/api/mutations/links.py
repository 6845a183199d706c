"""Resolvers that link and unlink entities, one write transaction each."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import UNSET
from strawberry.types.field import StrawberryField

from graph_service.api.context import Context
from graph_service.api.mutations import audit, results
from graph_service.api.mutations.access import require_editor
from graph_service.api.mutations.checks import check_relationship
from graph_service.api.mutations.inputs import RELATIONSHIP_INPUTS, article, stored_value
from graph_service.api.mutations.state import entity_states, kinds_of, stored_entity
from graph_service.api.mutations.transaction import in_write_transaction
from graph_service.api.subscriptions import Operation, relationship_by_id, touched
from graph_service.api.types.relationships import EDGE_TYPES, type_stem
from graph_service.graph.errors import GraphConflict
from graph_service.graph.executor import Transaction
from graph_service.loading.lookups import citation_entries
from graph_service.loading.records import Dataset, Origin, RelationshipRecord
from graph_service.loading.rows import relationship_row
from graph_service.loading.writer import stored_links
from graph_service.ontology import RelationshipType, relationship_properties
from graph_service.queries import render

Info = strawberry.Info[Context, None]
From = Annotated[
    strawberry.ID, strawberry.argument(name="from", description="Key of the start entity.")
]
To = Annotated[strawberry.ID, strawberry.argument(description="Key of the end entity.")]
Key = Annotated[
    str | None,
    strawberry.argument(
        description="Tells apart several relationships of this type between the same two "
        "entities (e.g. one per year)."
    ),
]


def _record(
    rel: RelationshipType,
    from_: str,
    to: str,
    key: str | None,
    properties: Any = None,
    sources: list[strawberry.ID] | None = None,
    unverified: bool = False,
) -> RelationshipRecord:
    values = {
        p.name: stored_value(p, getattr(properties, p.name))
        for p in relationship_properties(rel)
        if properties is not None
    }
    return RelationshipRecord(
        type=rel.name,
        from_id=from_,
        to_id=to,
        key=key,
        properties={k: v for k, v in values.items() if v is not None},
        sources=[str(s) for s in sources or []],
        unverified=unverified,
        origin=Origin("arguments", 0),
    )


def _ends(record: RelationshipRecord) -> dict[str, str]:
    return {"from": record.from_id, "to": record.to_id, "id": record.id}


def link_field(rel: RelationshipType) -> StrawberryField:
    props_type = RELATIONSHIP_INPUTS[rel.name]
    required = any(p.required for p in relationship_properties(rel))

    async def resolve(
        info: Info,
        from_: strawberry.ID,
        to: strawberry.ID,
        sources: list[strawberry.ID],
        key: str | None = None,
        properties: Any = UNSET,  # no default in the schema: a required input has none
        unverified: bool = False,
    ) -> Any:
        principal = require_editor(info)
        given = None if properties is UNSET else properties
        record = _record(rel, str(from_), str(to), key, given, sources, unverified)
        behalf = record.properties.get("on_behalf_of")

        async def work(tx: Transaction) -> Any:
            referenced = [record.from_id, record.to_id, *record.sources]
            states = await entity_states(tx, referenced + ([behalf] if behalf else []))
            for end in (record.from_id, record.to_id):
                if end not in states:
                    return results.NotFound(
                        id=strawberry.ID(end), message=f"no entity has the id {end!r}"
                    )
            stored = await stored_links(tx.run, Dataset(relationships=[record]))
            problems = check_relationship(rel, record, kinds_of(states), stored)
            if problems:
                return results.problems(*problems)
            before = await tx.run(render("get_relationship", rel=rel), **_ends(record))
            props = relationship_row(record)["props"]
            entry = audit.audit_entry(
                principal,
                f"link{type_stem(rel)}",
                [record.id, record.from_id, record.to_id],
                before[0]["props"] if before else None,
                props,
                audit.now(),
            )
            # Both ends exist (checked above): the relationship is merged, so a link repeated
            # replaces its properties instead of adding a second relationship; its
            # citations and audit entry go in the same statement.
            rows = await tx.run(
                render("link_relationship", rel=rel),
                **_ends(record),
                props=props,
                citations=citation_entries(record),
                audit=entry,
            )
            if rows[0]["linked"] != 1:
                raise GraphConflict(f"{record.id!r}: an end vanished meanwhile")  # run again
            done = Operation.UPDATED if before else Operation.CREATED
            touched(relationship_by_id(record.id, done))
            ends = {end: states[end] for end in (record.from_id, record.to_id)}
            kinds = kinds_of(ends)
            return results.LinkSuccess(
                created=not before,
                from_=stored_entity(kinds[record.from_id], ends[record.from_id]["props"]),
                edge=EDGE_TYPES[rel.name](
                    cursor="",
                    node=stored_entity(kinds[record.to_id], ends[record.to_id]["props"]),
                    props=props,
                ),
            )

        return await in_write_transaction(info.context, f"link{type_stem(rel)}", work)

    described = "required" if required else "optional"
    resolve.__annotations__ = {
        "info": Info,
        "from_": From,
        "to": To,
        "sources": Annotated[
            list[strawberry.ID],
            strawberry.argument(description="Keys of the sources the fact rests on."),
        ],
        "key": Key,
        "properties": Annotated[
            props_type if required else props_type | None,
            strawberry.argument(description=f"The relationship's properties ({described})."),
        ],
        "unverified": Annotated[
            bool, strawberry.argument(description="True when it rests on a secondary source.")
        ],
        "return": results.LinkResult,
    }
    return strawberry.field(
        resolver=resolve,
        name=f"link{type_stem(rel)}",
        description=f"Create {article(rel.name)} relationship, or replace the one with the "
        f"same ends and key. {rel.description} Needs the editor role.",
    )


def unlink_field(rel: RelationshipType) -> StrawberryField:
    async def resolve(
        info: Info, from_: strawberry.ID, to: strawberry.ID, key: str | None = None
    ) -> Any:
        principal = require_editor(info)
        record = _record(rel, str(from_), str(to), key)

        async def work(tx: Transaction) -> Any:
            before = await tx.run(render("get_relationship", rel=rel), **_ends(record))
            if not before:
                return results.NotFound(
                    id=strawberry.ID(record.id),
                    message=f"no {rel.name} relationship has the id {record.id!r}",
                )
            entry = audit.audit_entry(
                principal,
                f"unlink{type_stem(rel)}",
                [record.id, record.from_id, record.to_id],
                before[0]["props"],
                None,
                audit.now(),
            )
            # the relationship, its citations and the audit entry in one statement
            await tx.run(render("unlink_relationship", rel=rel), **_ends(record), audit=entry)
            touched(relationship_by_id(record.id, Operation.DELETED))
            return results.UnlinkSuccess(relationship_id=strawberry.ID(record.id))

        return await in_write_transaction(info.context, f"unlink{type_stem(rel)}", work)

    resolve.__annotations__ = {
        "info": Info,
        "from_": From,
        "to": To,
        "key": Key,
        "return": results.UnlinkResult,
    }
    return strawberry.field(
        resolver=resolve,
        name=f"unlink{type_stem(rel)}",
        description=f"Delete {article(rel.name)} relationship. Needs the editor role.",
    )
