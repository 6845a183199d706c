"""Round trips and time of a few nested queries, against a freshly seeded embedded graph.

Run: `python benchmarks/round_trips.py [--repeat N]`. It starts its own embedded graph on
free ports in a temporary directory, loads the seed data, sends each query over HTTP with
the trace header, and prints the Cypher round trips, the time spent in the graph and the
wall time per request (median of N runs after one warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_service.api.app import create_app  # noqa: E402
from graph_service.embedded import EmbeddedGraphProcess  # noqa: E402
from graph_service.embedded.ports import free_ports
from graph_service.graph.connection import connection_for, open_driver  # noqa: E402
from graph_service.graph.executor import Graph  # noqa: E402
from graph_service.graph.schema_setup import ensure_schema  # noqa: E402
from graph_service.loading import load_dataset, packaged_seed_files, read_seed_files  # noqa: E402
from graph_service.settings import Settings, load_settings  # noqa: E402

SOURCES = "sources { id url }"
QUERIES: dict[str, str] = {
    "local governments (1 level)": "{ localGovernments(first: 100) { edges { node { id } } } }",
    "+ awards (2 levels)": """{ localGovernments(first: 100) { edges { node { id
        awardsReceived(first: 10) { edges { rank node { id } } } } } } }""",
    "+ categories' award (3 levels)": """{ localGovernments(first: 100) { edges { node { id
        awardsReceived(first: 10) { edges { rank node { id
          ... on AwardCategory { award(first: 1) { edges { node { id } } } } } } } } } } }""",
    "+ sources on every level but the leaf": f"""{{ localGovernments(first: 100) {{ edges {{
        node {{ id {SOURCES} awardsReceived(first: 10) {{ edges {{ rank {SOURCES} node {{ id
          {SOURCES} ... on AwardCategory {{ award(first: 1) {{ edges {{ node {{ id }} }} }}
        }} }} }} }} }} }} }} }}""",
    "agencies + awards + categories' award": """{ agencies(first: 100) { edges { node { id
        awardsReceived(first: 10) { edges { rank node { id
          ... on AwardCategory { award(first: 1) { edges { node { id } } } } } } } } } } }""",
    "neighborhood depth 2": """{ neighborhood(id: "pemkot-cimahi", depth: 2) {
        nodes { id } edges { type } } }""",
    "neighborhood depth 3": """{ neighborhood(id: "pemkot-cimahi", depth: 3, limit: 500) {
        nodes { id } edges { type } } }""",
    "shortestPath": """{ shortestPath(from: "pemkot-cimahi", to: "kementerian-panrb") {
        length } }""",
    "paths (4 hops, 20)": """{ paths(from: "kementerian-panrb", to: "pemkot-cimahi",
        maxHops: 4, first: 20) { length } }""",
    "timeline": """{ timeline(id: "kementerian-panrb", first: 50) {
        edges { node { date description } } } }""",
    "search": """{ search(query: "kota", first: 20) { edges { node { id } } } }""",
}


async def _seed(settings: Settings) -> None:
    connection = connection_for(settings)
    driver = open_driver(connection)
    try:
        graph = Graph(driver, connection.database, settings.graph_timeout_seconds)
        await ensure_schema(graph)
        await load_dataset(graph, read_seed_files(packaged_seed_files()))
    finally:
        await driver.close()


def run(repeat: int) -> None:
    bolt, http = free_ports(2)
    with tempfile.TemporaryDirectory() as data_dir:
        settings = load_settings(
            {
                "GRAPH_SERVICE_DATA_DIR": data_dir,
                "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt),
                "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http),
                "GRAPH_SERVICE_RATE_LIMIT": "0",
            }
        )
        with EmbeddedGraphProcess(settings):
            asyncio.run(_seed(settings))
            with TestClient(create_app(settings)) as client:
                print(f"{'query':40} {'round trips':>11} {'graph ms':>9} {'wall ms':>8}")
                for name, text in QUERIES.items():
                    counts, graph_ms, wall_ms = [], [], []
                    for i in range(repeat + 1):
                        started = time.perf_counter()
                        response = client.post(
                            "/graphql", json={"query": text}, headers={"X-Graph-Trace": "1"}
                        )
                        elapsed = (time.perf_counter() - started) * 1000
                        body = response.json()
                        if body.get("errors"):
                            raise SystemExit(f"{name}: {body['errors'][0]['message']}")
                        if i == 0:
                            continue  # warm-up: plans and connections
                        trace = body["extensions"]["graph"]
                        counts.append(trace["queryCount"])
                        graph_ms.append(trace["milliseconds"])
                        wall_ms.append(elapsed)
                    print(
                        f"{name:40} {max(counts):>11} {statistics.median(graph_ms):>9.1f} "
                        f"{statistics.median(wall_ms):>8.1f}"
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs per query.")
    run(parser.parse_args().repeat)


if __name__ == "__main__":
    main()
