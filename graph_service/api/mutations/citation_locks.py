"""Citation locks: what a create citing a source and a delete of that source both write.

A write must never cite a deleted source, so a create citing source S and a delete of S
must not both commit: each has to write something the other writes (see `state`). The
create used to write S itself, so every two creates citing one source collided too (on
ArcadeDB, whose transactions are optimistic, the later commit failed and ran again; on
Neo4j they queued on S's lock). Instead each source has `LOCKS` lock nodes (`CitationLock`,
no `Entity` label, made on first use): a create writes one of them, chosen at random, and
a delete of the source writes them all. Two creates citing S now collide only when they
pick the same lock (one time in `LOCKS` (64) for a pair); a create and the delete always do.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from graph_service.api.mutations.transaction import Transaction
from graph_service.queries import query

LOCKS = 64


def _key(source: str, lock: int) -> str:
    return f"{source}#{lock}"


def one_lock_each(sources: Iterable[str]) -> list[str]:
    """A lock of each source, at random, in key order (so two writers never deadlock)."""
    return sorted(_key(s, random.randrange(LOCKS)) for s in set(sources))


async def lock_all(tx: Transaction, source: str) -> None:
    """Write every lock of `source`: concurrent creates citing it conflict with this."""
    await tx.run(query("lock_citations"), keys=[_key(source, i) for i in range(LOCKS)])
