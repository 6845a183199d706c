"""Per-request Python CPU and throughput of a running service, beside the raw driver.

Run against a service you started (e.g. `make run`, with GRAPH_SERVICE_RATE_LIMIT=0):
`python benchmarks/request_overhead.py --url http://127.0.0.1:8000/graphql --pid PID`.
For each workload it alternates rounds of (a) HTTP requests to the service from N
concurrent clients and (b) the raw async driver running hand-written Cypher for the same
answer against the same graph, and prints req/s, p50 and the ratio service/raw. With
`--pid` (the service's process) it also prints the service's CPU milliseconds per request,
read from /proc: the Python cost of a request, whatever the client and graph spend; the
raw side's CPU per request is this process's own (driver and event loop only).

A scratch tool for the request layer's profile; `make bench` is the project's harness.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx2 as httpx
from neo4j import AsyncDriver

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_service.graph.connection import connection_for, open_driver  # noqa: E402
from graph_service.settings import load_settings  # noqa: E402

POINT = """{ node(id: "pemkot-cimahi") { ... on LocalGovernment { name
  awardsReceived { edges { rank year node { name } } } } } }"""
POINT_RAW = """MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r:RECEIVED_AWARD]->(c)
WITH n, r, c ORDER BY r.rank, r.year DESC, c.name
RETURN n.name AS name, collect({rank: r.rank, year: r.year, name: c.name}) AS awards"""
NESTED = """{ localGovernments(first: 100) { edges { node { name awardsReceived(first: 20) {
  edges { rank year node { name ... on AwardCategory { award(first: 5) { edges { node { name }
  } } } } } } } } } }"""
NESTED_RAW = """MATCH (n:LocalGovernment) WITH n ORDER BY n.name, n.id LIMIT 100
CALL (n) {
  OPTIONAL MATCH (n)-[r:RECEIVED_AWARD]->(c)
  CALL (c) { OPTIONAL MATCH (a:Award)-[:HAS_CATEGORY]->(c) RETURN collect(a.name) AS award }
  WITH r, c, award ORDER BY r.rank, r.year DESC, c.name
  RETURN collect({rank: r.rank, year: r.year, name: c.name, award: award}) AS awards
}
RETURN n.name AS name, awards"""

WORKLOADS: dict[str, tuple[str, str, dict[str, Any], int]] = {
    "point": (POINT, POINT_RAW, {"id": "pemkot-cimahi"}, 16),
    "nested": (NESTED, NESTED_RAW, {}, 4),
}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(call: Callable[[], Awaitable[None]], clients: int, seconds: float) -> list[float]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def client() -> None:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies


FAILURES: list[str] = []


async def service_round(
    http: httpx.AsyncClient, url: str, document: str, clients: int, seconds: float
) -> list[float]:
    async def call() -> None:
        response = await http.post(url, json={"query": document})
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            FAILURES.append(f"{response.status_code} {str(body)[:200]}")

    return await drive(call, clients, seconds)


async def raw_round(
    driver: AsyncDriver,
    database: str | None,
    cypher: str,
    params: dict[str, Any],
    clients: int,
    seconds: float,
) -> list[float]:
    async def call() -> None:
        async with driver.session(database=database) as session:

            async def work(tx: Any) -> list[dict[str, Any]]:
                result = await tx.run(cypher, params)
                return [record.data() async for record in result]

            await session.execute_read(work)

    return await drive(call, clients, seconds)


def summary(latencies: list[float], seconds: float) -> tuple[float, float]:
    return len(latencies) / seconds, statistics.median(latencies) * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--pid", type=int, help="the service's process id, for its CPU")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workload", choices=sorted(WORKLOADS), action="append")
    parser.add_argument("--no-raw", action="store_true")
    args = parser.parse_args()
    settings = load_settings()
    connection = connection_for(settings)
    driver = open_driver(connection)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        for name in args.workload or sorted(WORKLOADS):
            document, cypher, params, clients = WORKLOADS[name]
            service: list[float] = []
            raw: list[float] = []
            cpu = raw_cpu = 0.0
            await service_round(http, args.url, document, clients, 0.5)  # warm up
            for _ in range(args.rounds):
                before = cpu_seconds(args.pid) if args.pid else 0.0
                service += await service_round(http, args.url, document, clients, args.seconds)
                cpu += (cpu_seconds(args.pid) - before) if args.pid else 0.0
                if not args.no_raw:
                    before = time.process_time()
                    raw += await raw_round(
                        driver, connection.database, cypher, params, clients, args.seconds
                    )
                    raw_cpu += time.process_time() - before
            total = args.seconds * args.rounds
            rps, p50 = summary(service, total)
            line = f"{name:7s} c={clients:2d} service {rps:7.1f} req/s p50 {p50:6.1f} ms"
            if args.pid:
                line += f"  service CPU {cpu * 1000 / len(service):6.2f} ms/req"
            if raw:
                raw_rps, raw_p50 = summary(raw, total)
                line += f" | raw {raw_rps:7.1f} req/s p50 {raw_p50:6.1f} ms"
                line += f" CPU {raw_cpu * 1000 / len(raw):5.2f} ms/req | ratio {rps / raw_rps:.2f}"
            if FAILURES:
                line += f" | {len(FAILURES)} failed, e.g. {FAILURES[0]}"
                FAILURES.clear()
            print(line, flush=True)
    await driver.close()


if __name__ == "__main__":
    asyncio.run(main())
