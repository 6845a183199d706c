"""Large loads that only create, written in stages that a failure or a kill takes back.

One transaction holding a whole large import makes the graph keep every change in memory
until the commit (302,299 records took the embedded graph to about 4 GiB; a million did not
fit). A load that only creates (no entity of it is in the graph yet, so every relationship
has a new endpoint) is instead written in stages of `STAGE_RECORDS` records, one transaction
each: entities first, kind by kind, then relationships, type by type, each with its lookup
nodes. Each stage also writes a `LoadStage` journal node naming what it created, in the same
transaction, so the journal holds exactly what the graph holds.

A stage whose transaction fails on a transient error (one the driver marks retryable, such
as ArcadeDB's "did not quiesce" while an index compacts, after the driver's own retries) is
run again, `len(STAGE_RETRY_DELAYS_SECONDS)` times at most, after those pauses: it was
rolled back, and its journal node, read before each retry, says whether it committed after
all. If a stage fails otherwise, or the import is interrupted, `discard_load` removes what
the committed stages created: `DETACH DELETE` of the new entities takes every relationship
of the load with them (each has a new endpoint), then their search terms and citations. If
the importer is killed before it can, the next `open_graph` (every `graph-service` command
but `serve` without `--seed-if-empty`) finds the journal of a load whose process is gone and
discards it.
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

from neo4j.exceptions import DriverError, IncompleteCommit, Neo4jError

from graph_service.graph.executor import Graph
from graph_service.loading.lookups import Statement
from graph_service.loading.records import Dataset, EntityRecord, RelationshipRecord
from graph_service.queries import query

logger = logging.getLogger(__name__)

STAGE_RECORDS = 20_000
# A load whose importer runs on another machine is taken as abandoned when its journal has
# not grown for this long (a stage takes seconds).
ABANDONED_AFTER_SECONDS = 15 * 60.0
# Pauses before the retries of a stage that failed on a transient error: ArcadeDB waits 60 s
# for its asynchronous side (an index compaction) before it gives up on a statement.
STAGE_RETRY_DELAYS_SECONDS: tuple[float, ...] = (10.0, 30.0, 90.0)
# ArcadeDB's words when a compaction holds its asynchronous executor (sent as a transient
# error; also recognised if it comes under another code).
_QUIESCE_MESSAGE = "did not quiesce"
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
    """Write each stage in its own transaction with its journal node, again after a
    transient failure; on any other failure (or cancellation, or transient failures past
    the retries) take back the stages already committed, then re-raise."""
    journal = journal or LoadJournal.new()
    try:
        for number, (stage, statements) in enumerate(stages):
            await _write_stage(
                graph,
                [*statements, journal.stage_statement(number, stage)],
                number,
                journal.load,
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


async def _write_stage(
    graph: Graph,
    statements: list[Statement],
    number: int,
    load: str,
    *,
    on_statement: Callable[[int], object] | None,
    timeout_seconds: float | None,
) -> None:
    for retry in range(len(STAGE_RETRY_DELAYS_SECONDS) + 1):
        reported = 0

        def progress(rows: int) -> None:
            nonlocal reported
            reported += rows
            if on_statement is not None:
                on_statement(rows)

        try:
            await graph.write_all(
                statements, on_statement=progress, timeout_seconds=timeout_seconds
            )
            return
        except Exception as error:
            if retry == len(STAGE_RETRY_DELAYS_SECONDS) or not transient(error):
                raise
            delay = STAGE_RETRY_DELAYS_SECONDS[retry]
            logger.warning(
                "stage %d of the staged load %s failed on a transient error (%s); retrying "
                "it in %g s (retry %d of %d)",
                number,
                load,
                error,
                delay,
                retry + 1,
                len(STAGE_RETRY_DELAYS_SECONDS),
            )
        if on_statement is not None and reported:
            on_statement(-reported)  # the progress of the rolled-back attempt
        await asyncio.sleep(delay)
        if await _committed(graph, load, number):  # then it must not be written twice
            logger.warning("stage %d of the staged load %s had committed after all", number, load)
            return


async def _committed(graph: Graph, load: str, number: int) -> bool:
    """Whether stage `number` of `load` is in the graph: its journal node commits with it."""
    rows = await graph.read(query("get_load_stages"), load=load)
    return any(row["number"] == number for row in rows)


def transient(error: BaseException) -> bool:
    """Whether `error` (a service error, or what it was raised from) is one the driver
    marks retryable, or ArcadeDB's quiesce timeout: the transaction was rolled back, and
    running it again may succeed. A commit whose outcome is unknown is not."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, IncompleteCommit):
            return False
        if isinstance(seen, (DriverError, Neo4jError)) and seen.is_retryable():
            return True
        message = f"{seen} {getattr(seen, 'message', '') or ''}"
        if _QUIESCE_MESSAGE in message:
            return True
        seen = seen.__cause__
    return False


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
