"""CPU per request of each process on the machine's shared cores, for one workload of the
benchmark: the service, the graph server (its child) and this client, read from /proc and
`time.process_time` over one timed round. Run against a service you started on a
benchmark graph (rate limit off), e.g.:

    python -m benchmarks.cpu_per_request --port 8101 --bolt 7701 \
        --data .data/bench/graph-10000-s1 --pid SERVICE_PID --only point_lookup [--raw]

With `--raw` the round is the raw driver's (the service and graph columns then show what
the graph server spends on the hand-written Cypher). A scratch tool for profiling the
request layer: `make bench` gives the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import time
from pathlib import Path

import neo4j

from benchmarks.inputs import find_inputs
from benchmarks.processes import children
from benchmarks.runner import SideStats, timed_round
from benchmarks.service_client import ServiceClient
from benchmarks.workloads import WORKLOADS
from graph_service.embedded import read_password
from graph_service.settings import EMBEDDED_DATABASE, EMBEDDED_USERNAME


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def graph_cpu_seconds(pid: int) -> float:
    return sum(cpu_seconds(child) for child in children(pid))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the service's port")
    parser.add_argument("--bolt", type=int, required=True, help="the graph's Bolt port")
    parser.add_argument("--data", type=Path, required=True, help="the graph's data dir")
    parser.add_argument("--pid", type=int, required=True, help="the service's process id")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--only", default="point_lookup", help="a workload key")
    parser.add_argument("--raw", action="store_true", help="time the raw driver instead")
    args = parser.parse_args()
    service = ServiceClient(f"http://127.0.0.1:{args.port}")
    driver = neo4j.AsyncGraphDatabase.driver(
        f"bolt://127.0.0.1:{args.bolt}", auth=(EMBEDDED_USERNAME, read_password(args.data))
    )
    try:
        inputs = await find_inputs(driver, EMBEDDED_DATABASE, service, "cpu")
        workload = next(w for w in WORKLOADS if w.key == args.only)

        async def via_service(number: int) -> None:
            await service.post(workload.document, inputs(workload.key, number)[0])

        async def via_driver(number: int) -> None:
            async with driver.session(database=EMBEDDED_DATABASE) as session:
                await session.execute_read(workload.raw, inputs(workload.key, number)[1])

        call = via_driver if args.raw else via_service
        stats = SideStats()
        before = (cpu_seconds(args.pid), graph_cpu_seconds(args.pid), time.process_time())
        await timed_round(call, itertools.count(), workload.concurrency, args.seconds, stats)
        after = (cpu_seconds(args.pid), graph_cpu_seconds(args.pid), time.process_time())
        per = [1000 * (b - a) / max(1, stats.requests) for a, b in zip(before, after, strict=True)]
        side = "raw" if args.raw else "service"
        print(
            f"{workload.key} {side}: {stats.per_second:.1f} req/s, CPU ms per request: "
            f"service {per[0]:.2f}, graph {per[1]:.2f}, client {per[2]:.2f}"
        )
    finally:
        await service.close()
        await driver.close()


if __name__ == "__main__":
    asyncio.run(main())
