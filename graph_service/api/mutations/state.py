"""Reading, inside a mutation's transaction, the entities it checks against."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph_service.api.mutations.transaction import Transaction
from graph_service.api.types.registry import entity_object
from graph_service.ontology import ENTITY_LABEL, kind_of_labels
from graph_service.queries import query

Row = dict[str, Any]


async def entity_states(tx: Transaction, ids: Iterable[str]) -> dict[str, Row]:
    """The stored labels and properties of those of `ids` that exist, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await tx.run(query("get_entity_states"), ids=wanted)
    return {row["id"]: row for row in rows}


def kinds_of(states: dict[str, Row]) -> dict[str, str]:
    return {id_: kind_of_labels(row["labels"]) for id_, row in states.items()}


def stored_entity(kind: str, props: Row) -> Any:
    """The typed GraphQL object of an entity whose stored properties are `props`."""
    return entity_object([ENTITY_LABEL, kind], props)
