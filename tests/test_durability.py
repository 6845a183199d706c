"""No acknowledged write is lost and no failed one leaves a trace, through faults.

A real `graph-service serve` process (with its supervised embedded graph) takes concurrent
mutations while its graph is killed, and while the service itself is stopped with SIGTERM
and started again. Afterwards every mutation that answered success is in the graph with
exactly one audit entry, none that failed is, and nothing is there twice. SIGTERM lets
a request in flight finish before the graph stops.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest
from neo4j import GraphDatabase
from prometheus_client.parser import text_string_to_metric_families

from graph_service.embedded import read_password
from graph_service.settings import EMBEDDED_DATABASE, EMBEDDED_USERNAME
from tests.service_process import EDITOR_KEY, ServiceProcess

AUTH = {"Authorization": f"Bearer {EDITOR_KEY}"}
SOURCE = "src-durability"
CREATE = """mutation ($input: PlatformInput!) {
  createPlatform(input: $input) { __typename }
}"""
CREATE_SOURCE = (
    'mutation { createSource(input: {id: "' + SOURCE + '", name: "Durability", '
    'url: "https://example.org/d"}) { __typename } }'
)
UPSERT = """mutation ($inputs: [EntityInput!]!) {
  upsertEntities(inputs: $inputs) { __typename ... on UpsertEntitiesSuccess { created } }
}"""
WRITERS = 4


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    process = ServiceProcess(tmp_path_factory.mktemp("durability") / "graph")
    process.start()
    try:
        created = httpx.post(
            process.url + "/graphql", json={"query": CREATE_SOURCE}, headers=AUTH, timeout=30
        )
        assert created.json()["data"]["createSource"]["__typename"] == "CreateEntitySuccess"
        yield process
    finally:
        process.kill()


class Writers:
    """Concurrent clients creating platforms with unique ids, noting what was acknowledged."""

    def __init__(self, url: str, prefix: str) -> None:
        self.url = url
        self.prefix = prefix
        self.acknowledged: list[str] = []
        self.failed: list[str] = []
        self.in_flight = 0
        self._stop = asyncio.Event()
        self._go = asyncio.Event()
        self._go.set()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._write(n)) for n in range(WRITERS)]

    async def stop(self) -> None:
        self._stop.set()
        self._go.set()
        await asyncio.gather(*self._tasks)

    async def pause(self, timeout: float = 60) -> None:
        """No new writes; returns once none is in flight."""
        self._go.clear()
        deadline = time.monotonic() + timeout
        while self.in_flight:
            assert time.monotonic() < deadline, "a write never finished"
            await asyncio.sleep(0.01)

    def resume(self) -> None:
        self._go.set()

    async def until_acknowledged(self, more: int, timeout: float) -> None:
        target = len(self.acknowledged) + more
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < target:
            assert time.monotonic() < deadline, f"only {len(self.acknowledged)} of {target}"
            await asyncio.sleep(0.05)

    async def _write(self, writer: int) -> None:
        async with httpx.AsyncClient(base_url=self.url, headers=AUTH, timeout=30) as client:
            for number in range(1_000_000):
                await self._go.wait()
                if self._stop.is_set():
                    return
                key = f"{self.prefix}-{writer}-{number}"
                variables = {"input": {"id": key, "name": key, "sources": [SOURCE]}}
                self.in_flight += 1
                try:
                    succeeded = await _succeeded(client, CREATE, variables, "createPlatform")
                finally:
                    self.in_flight -= 1
                if succeeded:
                    self.acknowledged.append(key)
                else:
                    self.failed.append(key)
                    await asyncio.sleep(0.1)


async def _succeeded(
    client: httpx.AsyncClient, document: str, variables: dict[str, Any], field: str
) -> bool:
    try:
        response = await client.post("/graphql", json={"query": document, "variables": variables})
    except httpx.HTTPError:  # refused, reset, or closed while the service was down
        return False
    if response.status_code != 200:
        assert response.status_code == 503, response.text  # nothing else is expected here
        assert response.headers["Retry-After"]
        return False
    result = (response.json().get("data") or {}).get(field) or {}
    return str(result.get("__typename", "")).endswith("Success")


def stored(service: ServiceProcess, prefix: str) -> tuple[list[str], dict[str, int]]:
    """The ids under `prefix` in the graph (with repeats, if any) and audit entries per id."""
    auth = (EMBEDDED_USERNAME, read_password(service.data_dir))
    with GraphDatabase.driver(f"bolt://127.0.0.1:{service.bolt_port}", auth=auth) as driver:
        nodes, _, _ = driver.execute_query(
            "MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id",
            prefix=prefix,
            database_=EMBEDDED_DATABASE,
        )
        audits, _, _ = driver.execute_query(
            "MATCH (a:AuditEntry) UNWIND a.target_ids AS id WITH id WHERE id STARTS WITH $prefix "
            "RETURN id, count(*) AS entries",
            prefix=prefix,
            database_=EMBEDDED_DATABASE,
        )
    return [r["id"] for r in nodes], {r["id"]: r["entries"] for r in audits}


def assert_exactly_the_acknowledged(
    service: ServiceProcess, writers: Writers, also: list[str] | None = None
) -> None:
    ids, audits = stored(service, writers.prefix)
    acknowledged = set(writers.acknowledged) | set(also or [])
    assert len(ids) == len(set(ids)), "an entity was stored twice"
    assert acknowledged - set(ids) == set(), "acknowledged writes were lost"
    assert set(ids) - acknowledged == set(), "a write that failed left a trace"
    assert set(audits) == set(ids), "an entity without its audit entry, or the reverse"
    assert set(audits.values()) == {1}, "an audit entry written twice"


async def test_writes_hold_while_the_graph_is_killed(service: ServiceProcess) -> None:
    writers = Writers(service.url, "dur-kill")
    writers.start()
    try:
        await writers.until_acknowledged(20, timeout=30)
        killed = service.graph_pid()
        os.kill(killed, signal.SIGKILL)
        await writers.until_acknowledged(20, timeout=90)  # the graph is back by itself
        # The writes went on across a restart of the graph (on a fast machine the restart
        # can fall inside the writers' retries, so none of them need fail).
        assert service.graph_pid() != killed, "the graph was not restarted"
    finally:
        await writers.stop()
    assert_exactly_the_acknowledged(service, writers)


async def in_flight_at_the_service(url: str) -> float:
    """GraphQL requests the service is answering now (its in-flight gauge)."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        text = (await client.get("/metrics")).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "graph_service_requests_in_flight":
                return float(sample.value)
    return 0.0


async def a_batch_in_flight(
    service: ServiceProcess, client: httpx.AsyncClient, writers: Writers, batches: list[str]
) -> asyncio.Task[bool]:
    """A batch of writes the service is busy with (the writers paused while it is seen),
    its ids noted in `batches`; should a batch end before it is seen, another is sent."""
    await writers.pause()
    try:
        for attempt in range(5):
            ids = [f"dur-term-batch-{attempt}-{n}" for n in range(300)]
            batch = [{"platform": {"id": i, "name": i, "sources": [SOURCE]}} for i in ids]
            batches.extend(ids)
            task = asyncio.create_task(
                _succeeded(client, UPSERT, {"inputs": batch}, "upsertEntities")
            )
            while not task.done():
                if await in_flight_at_the_service(service.url) >= 1:  # the writers are paused
                    return task
            assert task.result(), "a batch failed before SIGTERM"
        raise AssertionError("every batch ended before the service was seen busy with it")
    finally:
        writers.resume()


async def test_sigterm_drains_in_flight_writes_and_a_restart_loses_none(
    service: ServiceProcess,
) -> None:
    writers = Writers(service.url, "dur-term")
    batches: list[str] = []
    writers.start()
    try:
        await writers.until_acknowledged(20, timeout=30)
        async with httpx.AsyncClient(base_url=service.url, headers=AUTH, timeout=60) as client:
            in_flight = await a_batch_in_flight(service, client, writers, batches)
            log_start = len(service.log())
            status = await asyncio.to_thread(service.terminate)
            assert status == 0, service.log()[-3000:]
            assert await in_flight, "the request in flight at SIGTERM was not let finish"
        # The graph outlived the requests: no query found it gone during the drain.
        assert "graph circuit opened" not in service.log()[log_start:]
        await asyncio.to_thread(service.start)
        await writers.until_acknowledged(20, timeout=60)
    finally:
        await writers.stop()
    assert len(writers.failed) > 0, "nothing was refused while the service was down"
    assert_exactly_the_acknowledged(service, writers, also=batches)
