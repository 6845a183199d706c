"""A large load that only creates is written in stages; a failure, an interruption or a
killed importer leaves the graph as it was (the journal of committed stages is undone)."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import pytest
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import DatabaseError, Neo4jError, TransientError

from graph_service.graph.connection import connection_for
from graph_service.graph.errors import GraphConflict, GraphError, GraphUnavailable
from graph_service.graph.executor import Graph
from graph_service.loading import Dataset, EntityRecord, RelationshipRecord, load_dataset, staging
from graph_service.loading.staging import (
    LoadJournal,
    Stage,
    discard_abandoned_loads,
    only_creates,
    plan_stages,
)
from graph_service.loading.writer import plan_statements
from graph_service.queries import CypherQuery
from graph_service.settings import Settings
from graph_service.text_search import indexed_terms
from tests.loading.scratch import export_lines

PREFIX = "test-staged-"
LOOKUPS = CypherQuery(
    "test_staged_lookups",
    "CALL () { MATCH (t:SearchTerm) WHERE t.entity STARTS WITH $prefix RETURN count(t) AS terms }"
    " CALL () { MATCH (c:Citation) WHERE c.key STARTS WITH $prefix RETURN count(c) AS citations }"
    " CALL () { MATCH (s:LoadStage) RETURN count(s) AS stages }"
    " RETURN terms, citations, stages",
)
REMOVE = CypherQuery(
    "test_staged_remove",
    "CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n }"
    " CALL () { MATCH (t:SearchTerm) WHERE t.entity STARTS WITH $prefix DELETE t }"
    " CALL () { MATCH (c:Citation) WHERE c.key STARTS WITH $prefix DELETE c }",
)


def _dataset() -> Dataset:
    """Five new offices in a chain, the first part of a local government already there."""
    offices = [
        EntityRecord(
            id=f"{PREFIX}{n}",
            kind="Office",
            name=f"Kantor Bertahap Nomor {n}",
            sources=["src-indoart"],
        )
        for n in range(5)
    ]
    parts = [
        RelationshipRecord("PART_OF", a.id, b.id, sources=["src-indoart"])
        for a, b in zip(offices[1:], offices[:-1], strict=True)
    ]
    parts.append(
        RelationshipRecord("PART_OF", offices[0].id, "pemkot-cimahi", sources=["src-indoart"])
    )
    return Dataset(entities=offices, relationships=parts)


async def _lookups(graph: Graph) -> dict[str, Any]:
    [row] = await graph.read(LOOKUPS, prefix=PREFIX)
    return row


class GoneAfter(Graph):
    """The real graph, whose connection is lost after `stages` staged transactions."""

    def __init__(self, graph: Graph, stages: int, timeout_seconds: float | None = None) -> None:
        super().__init__(graph.driver, graph.database, timeout_seconds or graph.timeout_seconds)
        self.stages = stages

    async def write_all(
        self,
        statements: Sequence[tuple[CypherQuery, dict[str, Any]]],
        on_statement: Callable[[int], object] | None = None,
        timeout_seconds: float | None = None,
    ) -> None:
        if any(q.name == "create_load_stage" for q, _ in statements):
            if self.stages == 0:
                raise GraphUnavailable("the graph went away (injected by the test)")
            self.stages -= 1
        await super().write_all(statements, on_statement, timeout_seconds)


def test_only_a_load_that_creates_everything_it_links_is_staged() -> None:
    dataset = _dataset()
    assert only_creates(dataset, {"pemkot-cimahi"})
    assert not only_creates(dataset, {f"{PREFIX}3"})  # an update: one transaction
    between_existing = RelationshipRecord("PART_OF", "pemkot-cimahi", "pemprov-jawa-barat")
    dataset.relationships.append(between_existing)
    assert not only_creates(dataset, {"pemkot-cimahi", "pemprov-jawa-barat"})


def test_stages_put_entities_before_the_relationships_they_link() -> None:
    stages = plan_stages(_dataset(), size=2)
    assert [s.size for s in stages] == [2, 2, 1, 2, 2, 1]
    assert all(not s.relationships for s in stages[:3])
    assert all(not s.entities for s in stages[3:])


async def test_a_staged_load_writes_everything_and_leaves_no_journal(graph: Graph) -> None:
    before = await export_lines(graph)
    try:
        await load_dataset(graph, _dataset(), stage_records=2)
        after = await export_lines(graph)
        assert len(after) == len(before) + 10
        terms = sum(len(indexed_terms(e.name, e.aliases)) for e in _dataset().entities)
        assert await _lookups(graph) == {"terms": terms, "citations": 10, "stages": 0}
    finally:
        await graph.write(REMOVE, prefix=PREFIX)


@pytest.mark.parametrize("committed", [0, 2, 4])
async def test_a_staged_load_that_fails_takes_back_its_stages(graph: Graph, committed: int) -> None:
    before = await export_lines(graph)
    with pytest.raises(GraphUnavailable):
        await load_dataset(GoneAfter(graph, committed), _dataset(), stage_records=2)
    assert await export_lines(graph) == before
    assert await _lookups(graph) == {"terms": 0, "citations": 0, "stages": 0}


async def test_a_failed_load_is_taken_back_whatever_the_requests_timeout(graph: Graph) -> None:
    # The service's graph timeout (10 s by default) bounds requests; the import gives its
    # statements its own, and taking a load back must not fall under the request's either.
    before = await export_lines(graph)
    impatient = GoneAfter(graph, stages=2, timeout_seconds=1e-6)
    with pytest.raises(GraphUnavailable):
        await load_dataset(impatient, _dataset(), stage_records=2, timeout_seconds=60)
    assert await export_lines(graph) == before
    assert await _lookups(graph) == {"terms": 0, "citations": 0, "stages": 0}


async def test_the_journal_of_a_killed_importer_is_undone_at_the_next_start(
    graph: Graph,
) -> None:
    before = await export_lines(graph)
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = LoadJournal("test-killed-load", LoadJournal.new().host, int(finished.stdout))
    dataset = _dataset()
    # What the killed importer committed: all the entities, one stage of relationships.
    stages = plan_stages(dataset, size=5)[:2]
    for number, stage in enumerate(stages):
        statements = plan_statements(Dataset(stage.entities, stage.relationships))
        await graph.write_all([*statements, dead.stage_statement(number, stage)])
    assert await _lookups(graph) != {"terms": 0, "citations": 0, "stages": 0}
    alive = LoadJournal("test-running-load", dead.host, LoadJournal.new().pid)
    await graph.write_all([alive.stage_statement(0, Stage())])  # a load still running
    try:
        assert await discard_abandoned_loads(graph) == ["test-killed-load"]
        assert await export_lines(graph) == before
        assert await _lookups(graph) == {"terms": 0, "citations": 0, "stages": 1}
    finally:
        await graph.write(CypherQuery("test_staged_forget", "MATCH (s:LoadStage) DELETE s"))


QUIESCE = (
    "The asynchronous executor of database 'spbe' did not quiesce within 60000 ms: a worker "
    "is still busy inside a task"
)


class FailingProgress:
    """A progress callback that raises `error` from inside the stage's transaction, `times`
    times, from the statement after the first `after`: the graph rolls that transaction
    back, as it does one that met a transient error."""

    def __init__(self, error: Exception, after: int, times: int) -> None:
        self.error, self.after, self.times = error, after, times
        self.calls = 0
        self.rows = 0

    def __call__(self, rows: int) -> None:
        self.rows += rows
        if rows < 0:  # an attempt's progress, taken back
            return
        self.calls += 1
        if self.calls > self.after and self.times > 0:
            self.times -= 1
            raise self.error


@pytest.fixture
async def impatient_driver_graph(graph: Graph, settings: Settings) -> AsyncIterator[Graph]:
    """The test graph through a driver that does not retry transactions itself, so that
    a transient error reaches the stage."""
    connection = connection_for(settings)
    driver = AsyncGraphDatabase.driver(
        connection.uri, auth=connection.auth, max_transaction_retry_time=0
    )
    try:
        yield Graph(driver, graph.database, graph.timeout_seconds)
    finally:
        await driver.close()


def _first_stage_statements() -> int:
    first = plan_stages(_dataset(), size=2)[0]
    return len(plan_statements(Dataset(first.entities, first.relationships))) + 1  # + journal


@pytest.mark.parametrize(
    "error",
    [TransientError("injected by the test"), DatabaseError(QUIESCE)],
    ids=["retryable", "quiesce"],
)
async def test_a_stage_that_fails_transiently_is_run_again_and_written_once(
    graph: Graph,
    impatient_driver_graph: Graph,
    error: Neo4jError,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(staging, "STAGE_RETRY_DELAYS_SECONDS", (0.0, 0.0, 0.0))
    before = await export_lines(graph)
    progress = FailingProgress(error, after=_first_stage_statements(), times=2)
    try:
        with caplog.at_level(logging.WARNING, logger=staging.__name__):
            await load_dataset(
                impatient_driver_graph, _dataset(), stage_records=2, on_batch=progress
            )
        assert "stage 1 of the staged load" in caplog.text
        assert "retrying it in 0 s (retry 1 of 3)" in caplog.text
        assert progress.times == 0  # both failures happened
        assert progress.rows == 10  # what was rolled back is not counted
        assert len(await export_lines(graph)) == len(before) + 10  # each record once
        terms = sum(len(indexed_terms(e.name, e.aliases)) for e in _dataset().entities)
        assert await _lookups(graph) == {"terms": terms, "citations": 10, "stages": 0}
    finally:
        await graph.write(REMOVE, prefix=PREFIX)


async def test_a_stage_that_keeps_failing_transiently_is_given_up_and_taken_back(
    graph: Graph,
    impatient_driver_graph: Graph,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(staging, "STAGE_RETRY_DELAYS_SECONDS", (0.0, 0.0, 0.0))
    before = await export_lines(graph)
    progress = FailingProgress(DatabaseError(QUIESCE), after=_first_stage_statements(), times=9)
    with caplog.at_level(logging.WARNING, logger=staging.__name__), pytest.raises(GraphError):
        await load_dataset(impatient_driver_graph, _dataset(), stage_records=2, on_batch=progress)
    assert "(retry 3 of 3)" in caplog.text
    assert progress.times == 9 - 4  # the first attempt and three retries
    assert await export_lines(graph) == before
    assert await _lookups(graph) == {"terms": 0, "citations": 0, "stages": 0}


class CommitsThenFails(Graph):
    """The real graph, whose second stage commits and then reports a transient error (as if
    the answer to the commit were lost on the way)."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.driver, graph.database, graph.timeout_seconds)
        self.failed = False

    async def write_all(
        self,
        statements: Sequence[tuple[CypherQuery, dict[str, Any]]],
        on_statement: Callable[[int], object] | None = None,
        timeout_seconds: float | None = None,
    ) -> None:
        await super().write_all(statements, on_statement, timeout_seconds)
        journal = [p for q, p in statements if q.name == "create_load_stage"]
        if journal and journal[0]["stage"]["number"] == 1 and not self.failed:
            self.failed = True
            raise GraphConflict("injected by the test") from TransientError("injected")


async def test_a_stage_that_committed_before_its_error_is_not_written_twice(
    graph: Graph, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(staging, "STAGE_RETRY_DELAYS_SECONDS", (0.0, 0.0, 0.0))
    before = await export_lines(graph)
    committing = CommitsThenFails(graph)
    try:
        with caplog.at_level(logging.WARNING, logger=staging.__name__):
            await load_dataset(committing, _dataset(), stage_records=2)
        assert committing.failed
        assert "stage 1 of the staged load" in caplog.text
        assert "had committed after all" in caplog.text
        assert len(await export_lines(graph)) == len(before) + 10
        assert (await _lookups(graph))["stages"] == 0
    finally:
        await graph.write(REMOVE, prefix=PREFIX)
