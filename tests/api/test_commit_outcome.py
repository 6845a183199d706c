"""A write whose commit lost its answer (the graph went away while committing) answers
what actually happened: success when the write is in the graph after all, found by its
audit entry once the graph answers; the graph's unavailability when it is not."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from graph_service.api.context import Context, Principal
from graph_service.api.schema import build_schema
from graph_service.graph.errors import GraphCommitUnknown
from graph_service.graph.executor import Graph, QueryLog, Transaction
from graph_service.queries import CypherQuery
from graph_service.settings import Settings

T = TypeVar("T")
EDITOR = Principal("editor@test", frozenset({"editor"}))
CREATE = """mutation ($input: PlatformInput!) {
  createPlatform(input: $input) { __typename ... on CreateEntitySuccess { entity { id } } }
}"""
STORED = CypherQuery(
    "test_commit_outcome_stored",
    "MATCH (n:Entity {id: $id}) RETURN count(n) AS entities",
)
LOOKUPS = CypherQuery(
    "test_commit_outcome_lookups",
    "CALL () { MATCH (t:SearchTerm {entity: $id}) RETURN count(t) AS terms }"
    " CALL () { MATCH (c:Citation {key: $id}) RETURN count(c) AS citations }"
    " RETURN terms, citations",
)
REMOVE = CypherQuery(
    "test_commit_outcome_remove",
    "CALL () { MATCH (n:Entity {id: $id}) DETACH DELETE n }"
    " CALL () { MATCH (t:SearchTerm {entity: $id}) DELETE t }"
    " CALL () { MATCH (c:Citation {key: $id}) DELETE c }",
)


class AnswerLost(Graph):
    """The real graph; each write transaction commits (or, with `commits=False`, does not)
    and then its answer is lost, as when the connection drops during COMMIT."""

    def __init__(self, graph: Graph, *, commits: bool) -> None:
        super().__init__(graph.driver, graph.database, graph.timeout_seconds)
        self.commits = commits

    async def transact(
        self,
        work: Callable[[Transaction], Awaitable[T]],
        *,
        write: bool,
        timeout_seconds: float | None = None,
    ) -> T:
        if not write:
            return await super().transact(work, write=False, timeout_seconds=timeout_seconds)
        if self.commits:
            await super().transact(work, write=True, timeout_seconds=timeout_seconds)
        else:
            await work(cast(Any, _Refusing()))  # the attempt ran, and was not committed
        raise GraphCommitUnknown("the connection went away while committing (by the test)")


class _Refusing:
    async def run(self, *args: Any, **kwargs: Any) -> Any:
        raise GraphCommitUnknown("the connection went away (by the test)")


async def _create(graph: Graph, settings: Settings, entity_id: str) -> Any:
    log = QueryLog()
    context = Context(
        request=cast(Any, None),
        response=None,
        graph=graph,
        settings=settings,
        log=log,
        principal=EDITOR,
    )
    variables = {"input": {"id": entity_id, "name": entity_id, "sources": ["src-indoart"]}}
    return await build_schema().execute(CREATE, variable_values=variables, context_value=context)


async def _lookups(graph: Graph, entity_id: str) -> int:
    [row] = await graph.read(LOOKUPS, id=entity_id)
    return int(row["terms"]) + int(row["citations"])


async def _stored(graph: Graph, entity_id: str) -> int:
    [row] = await graph.read(STORED, id=entity_id)
    return int(row["entities"])


async def test_a_commit_whose_answer_was_lost_answers_success_when_it_happened(
    graph: Graph, settings: Settings
) -> None:
    entity_id = "test-commit-outcome-committed"
    try:
        result = await _create(AnswerLost(graph, commits=True), settings, entity_id)
        assert result.errors is None, result.errors
        created = result.data["createPlatform"]
        assert created == {"__typename": "CreateEntitySuccess", "entity": {"id": entity_id}}
        assert await _stored(graph, entity_id) == 1
        assert await _lookups(graph, entity_id) > 0
    finally:
        await graph.write(REMOVE, id=entity_id)
        assert await _lookups(graph, entity_id) == 0  # nothing left for later tests


async def test_a_commit_whose_answer_was_lost_fails_when_nothing_was_written(
    graph: Graph, settings: Settings
) -> None:
    entity_id = "test-commit-outcome-lost"
    try:
        result = await _create(AnswerLost(graph, commits=False), settings, entity_id)
        assert result.errors, result.data
        assert result.errors[0].extensions["code"] == "GRAPH_UNAVAILABLE"
        assert await _stored(graph, entity_id) == 0
    finally:
        await graph.write(REMOVE, id=entity_id)
