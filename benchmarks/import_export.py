"""Import and export throughput on a scratch embedded graph (a benchmark, not a test).

    python benchmarks/import_export.py [--entities 10000] [--relationships 10000]

Generates N synthetic agencies (plus one source) and N PART_OF relationships between them,
writes them as JSON Lines, imports them into a fresh embedded graph in a temporary
directory through the same path as `graph-service import` (parse, validate, UNWIND batches,
one transaction), exports the graph again, and prints records/s for each phase and the peak
resident memory of this process and of the graph server.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from graph_service.embedded import EmbeddedGraphProcess
from graph_service.embedded.ports import free_ports
from graph_service.graph.connection import connection_for, open_driver
from graph_service.graph.executor import Graph
from graph_service.graph.schema_setup import ensure_schema
from graph_service.loading import export_graph, load_dataset, read_json_lines
from graph_service.settings import load_settings


def synthetic_lines(entities: int, relationships: int, seed: int = 7) -> list[dict[str, Any]]:
    """One Source, `entities` agencies citing it, `relationships` PART_OF between them."""
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = [
        {
            "record": "entity",
            "id": "bench-source",
            "kind": "Source",
            "name": "Benchmark source",
            "properties": {"url": "https://example.org/benchmark"},
        }
    ]
    keys = [f"bench-agency-{i:06d}" for i in range(entities)]
    for i, key in enumerate(keys):
        lines.append(
            {
                "record": "entity",
                "id": key,
                "kind": "Agency",
                "name": f"Benchmark Agency {i:06d}",
                "aliases": [f"BA{i:06d}"],
                "properties": {"description": f"Synthetic agency number {i}."},
                "sources": ["bench-source"],
            }
        )
    for i in range(relationships):
        lines.append(
            {
                "record": "relationship",
                "type": "PART_OF",
                "from": keys[i % entities],
                "to": keys[rng.randrange(entities)],
                "key": f"bench-{i}",
                "sources": ["bench-source"],
            }
        )
    return lines


def _peak_rss_mib(pid: int | None = None) -> float:
    """Peak resident set of this process (or `pid`, from /proc), in MiB."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(entities: int, relationships: int) -> None:
    with tempfile.TemporaryDirectory(prefix="graph-bench-") as tmp:
        root = Path(tmp)
        bolt, http = free_ports(2)
        settings = load_settings(
            {
                "GRAPH_SERVICE_DATA_DIR": str(root / "graph"),
                "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt),
                "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http),
            }
        )
        path = root / "bench.jsonl"
        lines = synthetic_lines(entities, relationships)
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
        total = len(lines)
        print(f"{total} records ({entities + 1} entities, {relationships} relationships)")

        with EmbeddedGraphProcess(settings) as process:
            connection = connection_for(settings)
            driver = open_driver(connection)
            try:
                graph = Graph(driver, connection.database, settings.graph_timeout_seconds)
                await ensure_schema(graph)

                started = time.perf_counter()
                dataset = read_json_lines([path])
                parsed = time.perf_counter()
                await load_dataset(graph, dataset, timeout_seconds=3600)
                imported = time.perf_counter()
                out = io.StringIO()
                count = await export_graph(graph, out)
                exported = time.perf_counter()
                assert count == total, f"exported {count} records, imported {total}"

                started_again = time.perf_counter()
                await load_dataset(graph, read_json_lines([path]), timeout_seconds=3600)
                reimported = time.perf_counter()
            finally:
                await driver.close()
            server_rss = _peak_rss_mib(process.pid)

        def rate(seconds: float) -> str:
            return f"{seconds:7.2f} s  {total / seconds:9.0f} records/s"

        print(f"parse JSON Lines      {rate(parsed - started)}")
        print(f"import (validate+write) {rate(imported - parsed)}")
        print(f"import end to end     {rate(imported - started)}")
        print(f"re-import (idempotent) {rate(reimported - started_again)}")
        print(f"export                {rate(exported - imported)}")
        print(
            f"peak RSS: this process {_peak_rss_mib():.0f} MiB, graph server {server_rss:.0f} MiB"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=10_000)
    args = parser.parse_args(argv)
    asyncio.run(run(args.entities, args.relationships))
    return 0


if __name__ == "__main__":
    sys.exit(main())
