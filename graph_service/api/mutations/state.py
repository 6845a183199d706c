"""Reading, inside a mutation's transaction, the entities it checks against, and locking them.

Reading is not enough under concurrency: a create citing source S and a delete of S may
each read a graph in which the other has not happened, and both commit (write skew). So
every entity a mutation checks is also written (`_revision` bumped) in the same
transaction: on Neo4j that takes the node's write lock, which a concurrent delete waits
for (the delete takes it too, before it counts what cites the entity); on ArcadeDB, whose
transactions are optimistic, two commits that change one record conflict and the later
one fails with a transient error, which the driver retries from the start, re-reading.
Either way one of the two writes sees the other, so a write never cites a deleted entity.
A create writes a lock of each source it cites instead (`citation_locks`), so that creates
citing one source do not collide with each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph_service.api.mutations.transaction import Transaction
from graph_service.api.types.registry import entity_object
from graph_service.ontology import ENTITY_LABEL, kind_of_labels
from graph_service.queries import query

Row = dict[str, Any]


async def entity_states(tx: Transaction, ids: Iterable[str]) -> dict[str, Row]:
    """The stored labels and properties of those of `ids` that exist, by id; each is locked
    for the rest of the transaction (in id order, so two writers cannot deadlock)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await tx.run(query("lock_entity_states"), ids=wanted)
    return {row["id"]: row for row in rows}


def kinds_of(states: dict[str, Row]) -> dict[str, str]:
    return {id_: kind_of_labels(row["labels"]) for id_, row in states.items()}


def stored_entity(kind: str, props: Row) -> Any:
    """The typed GraphQL object of an entity whose stored properties are `props`."""
    return entity_object([ENTITY_LABEL, kind], props)
