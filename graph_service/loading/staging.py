"""Large loads that only create, written in stages that a failure or a kill takes back.

One transaction holding a whole large import makes the graph keep every change in memory
until the commit (302,299 records took the embedded graph to about 4 GiB; a million did not
fit). A load that only creates (no entity of it is in the graph yet, so every relationship
has a new endpoint) is instead written in stages of `STAGE_RECORDS` records, one transaction
each: entities first, kind by kind, then relationships, type by type, each with its lookup
nodes. Each stage also writes a `LoadStage` journal node naming what it created, in the same
transaction, so the journal holds exactly what the graph holds.

If a stage fails, or the import is interrupted, `discard_load` removes what the committed
stages created: `DETACH DELETE` of the new entities takes every relationship of the load with
them (each has a new endpoint), then their search terms and citations. If the importer is
killed before it can, the next `open_graph` (every `graph-service` command but `serve`
without `--seed-if-empty`) finds the journal of a load whose process is gone and discards it.
Readers see a staged import's entities as the stages commit; the validation before the
first stage is the same as for a one-transaction load.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph_service.graph.executor import Graph
from graph_service.loading.lookups import Statement
from graph_service.loading.records import Dataset, EntityRecord, RelationshipRecord
from graph_service.queries import query

logger = logging.getLogger(__name__)

STAGE_RECORDS = 20_000
# A load whose importer runs on another machine is taken as abandoned when its journal has
# not grown for this long (a stage takes seconds).
ABANDONED_AFTER_SECONDS = 15 * 60.0
DISCARD_BATCH = 5000
# Deleting what a stage of 20,000 records wrote can take a while on a big graph.
DISCARD_TIMEOUT_SECONDS = 3600.0


@dataclass
class Stage:
    entities: list[EntityRecord] = field(default_factory=list)
    relationships: list[RelationshipRecord] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.entities) + len(self.relationships)


def only_creates(dataset: Dataset, existing: Collection[str]) -> bool:
    """Whether `dataset` writes no entity already in the graph and every relationship it
    writes has an endpoint new in the load (so deleting the new entities removes it)."""
    new = {e.id for e in dataset.entities}
    if any(entity_id in existing for entity_id in new):
        return False
    return all(r.from_id in new or r.to_id in new for r in dataset.relationships)


def plan_stages(dataset: Dataset, size: int = STAGE_RECORDS) -> list[Stage]:
    """Entities sorted by kind, then relationships by type, cut into stages of `size`."""
    entities = sorted(dataset.entities, key=lambda e: e.kind)
    relationships = sorted(dataset.relationships, key=lambda r: r.type)
    stages = [Stage(entities=entities[i : i + size]) for i in range(0, len(entities), size)]
    stages += [
        Stage(relationships=relationships[i : i + size]) for i in range(0, len(relationships), size)
    ]
    return stages


@dataclass(frozen=True)
class LoadJournal:
    """Who writes a staged load: its journal nodes carry these, to find an abandoned one."""

    load: str
    host: str
    pid: int

    @classmethod
    def new(cls) -> LoadJournal:
        return cls(uuid.uuid4().hex, socket.gethostname(), os.getpid())

    def stage_statement(self, number: int, stage: Stage) -> Statement:
        entry = {
            "load": self.load,
            "host": self.host,
            "pid": self.pid,
            "number": number,
            "written_at": time.time(),
            "entities": [e.id for e in stage.entities],
            "relationships": [r.id for r in stage.relationships],
        }
        return query("create_load_stage"), {"stage": entry}


async def write_in_stages(
    graph: Graph,
    stages: Iterable[tuple[Stage, list[Statement]]],
    *,
    on_statement: Callable[[int], object] | None = None,
    timeout_seconds: float | None = None,
    journal: LoadJournal | None = None,
) -> None:
    """Write each stage in its own transaction with its journal node; on any failure (or
    cancellation) take back the stages already committed, then re-raise."""
    journal = journal or LoadJournal.new()
    try:
        for number, (stage, statements) in enumerate(stages):
            await graph.write_all(
                [*statements, journal.stage_statement(number, stage)],
                on_statement=on_statement,
                timeout_seconds=timeout_seconds,
            )
    except BaseException as error:
        logger.warning(
            "the staged load %s failed (%s: %s): removing what it wrote",
            journal.load,
            type(error).__name__,
            error,
        )
        await asyncio.shield(discard_load(graph, journal.load))
        raise
    await graph.write(query("delete_load_stages"), load=journal.load)


def _batches(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _patient(graph: Graph) -> Graph:
    """`graph` with the patience of an import rather than a request's timeout: taking a
    load back must not fail halfway because one delete of a big graph took long."""
    return Graph(graph.driver, graph.database, DISCARD_TIMEOUT_SECONDS)


async def discard_load(graph: Graph, load: str) -> None:
    """Remove what the committed stages of `load` created, last stage first; each stage's
    journal node goes last, in the same transaction as its final batch, so a discard that
    is itself interrupted can be run again."""
    graph = _patient(graph)
    stages = await graph.read(query("get_load_stages"), load=load)
    for stage in stages:
        entity_ids: list[str] = list(stage["entities"] or [])
        keys = [*(stage["relationships"] or []), *entity_ids]
        statements: list[Statement] = [
            (query("delete_citations"), {"keys": batch}) for batch in _batches(keys, DISCARD_BATCH)
        ]
        for batch in _batches(entity_ids, DISCARD_BATCH):
            statements.append((query("delete_search_terms"), {"keys": batch}))
            statements.append((query("delete_entities_detach"), {"ids": batch}))
        for statement in statements:
            await graph.write_all([statement])
        await graph.write(query("delete_load_stage"), load=load, number=stage["number"])


def _abandoned(row: dict[str, Any], now: float) -> bool:
    if now - float(row["last_written"] or 0) > ABANDONED_AFTER_SECONDS:
        return True
    if row["host"] != socket.gethostname():
        return False
    try:
        os.kill(int(row["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


async def discard_abandoned_loads(graph: Graph) -> list[str]:
    """Discard every staged load whose importer is gone; the loads discarded."""
    graph = _patient(graph)
    rows = await graph.read(query("list_unfinished_loads"))
    discarded = []
    now = time.time()
    for row in rows:
        if _abandoned(row, now):
            logger.warning("discarding the unfinished staged load %s", row["load"])
            await discard_load(graph, row["load"])
            discarded.append(row["load"])
    return discarded
