"""A validated load that only creates, written by the embedded graph itself (`embedded.bulk_entry`).

The importer writes the load's rows (the Cypher path's rows, `bulk_rows`) to a file in the
graph's data directory, journals the ids it is about to create (the `LoadStage` nodes of
`staging`, all written before the first vertex), and asks the graph's process to write the
file with ArcadeDB's batch API, reading its progress back. If the graph reports a failure,
the connection drops, or the importer is interrupted, the journal's `discard_load` removes
what was written, as for a staged load; an importer killed outright is found by the next
`open_graph`, and the graph stops writing when its connection closes.

Only the embedded graph offers this; against Neo4j the Cypher path stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

import orjson

from graph_service.embedded.bulk_entry import rows_dir, socket_path
from graph_service.graph.errors import GraphError
from graph_service.graph.executor import Graph
from graph_service.loading.bulk_rows import write_rows_file
from graph_service.loading.records import Dataset
from graph_service.loading.staging import LoadJournal, discard_load, plan_stages
from graph_service.queries import query

logger = logging.getLogger(__name__)

_JOURNAL_STAGE = 20_000  # ids per journal node, as a staged load's stages
_LINE_LIMIT = 1 << 20


class BulkLoadFailed(GraphError):
    """The graph could not write the rows file; the load was taken back. A graph error,
    so that `graph-service import` reports it as one (exit status 2, no traceback)."""


def bulk_entry_of(data_dir: Path | None) -> Path | None:
    """The bulk-load socket of the embedded graph in `data_dir`, if it offers one."""
    if data_dir is None:
        return None
    path = socket_path(data_dir.expanduser().absolute())
    return path if path.is_socket() else None


async def write_natively(
    graph: Graph,
    dataset: Dataset,
    data_dir: Path,
    *,
    on_records: Callable[[int], object] | None = None,
    journal: LoadJournal | None = None,
    timeout_seconds: float | None = None,
) -> None:
    """Write `dataset` (validated, only creating) through the graph's bulk entry; all or
    nothing."""
    data_dir = data_dir.expanduser().absolute()
    journal = journal or LoadJournal.new()
    directory = rows_dir(data_dir)
    directory.mkdir(mode=0o700, exist_ok=True)
    rows_file = directory / f"{journal.load}.jsonl"
    try:
        await asyncio.to_thread(_write_file, dataset, rows_file)
        stages = plan_stages(dataset, _JOURNAL_STAGE)
        # Every id of a million-entity load: the import's patience, not a request's.
        await graph.write_all(
            [journal.stage_statement(number, stage) for number, stage in enumerate(stages)],
            timeout_seconds=timeout_seconds,
        )
        entry = socket_path(data_dir)
        try:
            await _request(entry, {"rows": rows_file.name}, on_records)
        except BaseException as error:
            logger.warning(
                "the bulk load %s failed (%s: %s): removing what it wrote",
                journal.load,
                type(error).__name__,
                error,
            )
            await asyncio.shield(_take_back(graph, data_dir, journal.load))
            raise
        await graph.write_all(
            [(query("delete_load_stages"), {"load": journal.load})],
            timeout_seconds=timeout_seconds,
        )
    finally:
        with contextlib.suppress(FileNotFoundError):
            rows_file.unlink()


async def wait_until_bulk_idle(data_dir: Path | None) -> None:
    """Return once the embedded graph in `data_dir` runs no bulk load (a cancelled one
    stops at its next chunk): what it wrote can then be taken back for good."""
    entry = bulk_entry_of(data_dir)
    if entry is not None:
        with contextlib.suppress(BulkLoadFailed, OSError, ValueError):
            await _request(entry, {}, None)


async def _take_back(graph: Graph, data_dir: Path, load: str) -> None:
    await wait_until_bulk_idle(data_dir)
    await discard_load(graph, load)


def _write_file(dataset: Dataset, path: Path) -> None:
    with path.open("wb") as out:
        path.chmod(0o600)
        write_rows_file(dataset, out)


async def _request(
    entry: Path, request: dict[str, str], on_records: Callable[[int], object] | None
) -> None:
    try:
        reader, writer = await asyncio.open_unix_connection(str(entry), limit=_LINE_LIMIT)
    except OSError as error:
        raise BulkLoadFailed(f"the graph's bulk entry {entry} did not answer: {error}") from None
    try:
        writer.write(orjson.dumps(request) + b"\n")
        await writer.drain()
        while line := await reader.readline():
            message = orjson.loads(line)
            if "records" in message:
                if on_records is not None:
                    on_records(int(message["records"]))
            elif message.get("done"):
                return
            else:
                raise BulkLoadFailed(f"the graph could not write the load: {message.get('error')}")
        raise BulkLoadFailed("the graph closed the bulk load's connection before it finished")
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
