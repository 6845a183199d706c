"""What schema setup costs `graph-service serve` at start on an existing graph.

Run on a COPY of a benchmark graph (it drops indexes):
`python benchmarks/schema_setup.py DATA_DIR [--drop INDEX ...]`. It starts the embedded
graph in DATA_DIR on free ports, times schema setup three times with everything in place
(the first on a cold graph), then drops the named indexes and times the setup that builds
them again, and once more.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_service.embedded import EmbeddedGraphProcess  # noqa: E402
from graph_service.embedded.ports import free_ports  # noqa: E402
from graph_service.graph.connection import connection_for, open_driver  # noqa: E402
from graph_service.graph.executor import Graph  # noqa: E402
from graph_service.graph.schema_setup import SETUP_TIMEOUT_SECONDS, ensure_schema  # noqa: E402
from graph_service.queries import CypherQuery  # noqa: E402
from graph_service.settings import load_settings  # noqa: E402


async def _timed(graph: Graph, what: str) -> None:
    started = time.perf_counter()
    await ensure_schema(graph)
    print(f"{what}: {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)


async def main(data_dir: Path, drop: list[str]) -> None:
    bolt, http = free_ports(2)
    settings = load_settings(
        {
            "GRAPH_SERVICE_DATA_DIR": str(data_dir),
            "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt),
            "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http),
        }
    )
    with EmbeddedGraphProcess(settings):
        connection = connection_for(settings)
        driver = open_driver(connection)
        try:
            graph = Graph(driver, connection.database, SETUP_TIMEOUT_SECONDS)
            for run in ("cold", "warm", "warm"):
                await _timed(graph, f"setup, everything in place ({run})")
            if drop:
                for name in drop:  # names come from the operator's command line, not a client
                    await graph.write(CypherQuery("drop", f"DROP INDEX {name} IF EXISTS"))
                await _timed(graph, f"setup, building {', '.join(drop)}")
                await _timed(graph, "setup, everything in place again")
        finally:
            await driver.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--drop", nargs="*", default=[], help="indexes to drop, then rebuild")
    args = parser.parse_args()
    asyncio.run(main(args.data_dir, args.drop))
