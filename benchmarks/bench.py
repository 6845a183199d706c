"""`make bench`: the service against the raw async driver, workload by workload.

    python -m benchmarks.bench [--entities 10000] [--seed 1] [--rounds 3] [--round-seconds 4]

Loads a synthetic graph of the given size once (`graph-service generate` + `import`, kept
in .data/bench/), starts `graph-service serve` on it as `make run` does, and for each
workload: checks that the service (GraphQL over HTTP, aiohttp) and the raw async neo4j
driver (hand-written Cypher) give the same answers, reads the service's Cypher round
trips and graph milliseconds from `X-Graph-Trace: 1`, then times both sides in
alternating rounds of concurrent clients. Prints a table; writes JSON and markdown to
benchmarks/results/. Everything goes through the public GraphQL API.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import neo4j
from neo4j.exceptions import ConstraintError, Neo4jError

from benchmarks import report
from benchmarks.inputs import BENCH_ID_PREFIX, Inputs, find_inputs
from benchmarks.processes import (
    children,
    load_synthetic_graph,
    pick_ports,
    rss_mib,
    running_service,
    service_environment,
)
from benchmarks.runner import alternate
from benchmarks.service_client import ServiceClient, ServiceError
from benchmarks.workloads import WORKLOADS, RawQuery, Workload
from graph_service.api.auth import hash_api_key
from graph_service.embedded import read_password
from graph_service.graph.connection import INITIAL_RETRY_DELAY_SECONDS
from graph_service.settings import EMBEDDED_DATABASE, EMBEDDED_USERNAME

ROOT = Path(__file__).resolve().parent.parent
RAW_WRITE_ATTEMPTS = 3


async def _check(
    workload: Workload,
    service: ServiceClient,
    driver: neo4j.AsyncDriver,
    inputs: Inputs,
    requests: int,
) -> dict[str, Any]:
    """Both sides' answers for a few inputs, and the service's trace of each."""
    same, trips, graph_ms, mismatch = True, [], [], None
    for number in range(requests):
        variables, params = inputs(workload.key, number)
        body = await service.post(workload.document, variables, trace=True)
        trace = (body.get("extensions") or {}).get("graph") or {}
        trips.append(trace.get("queryCount"))
        graph_ms.append(trace.get("milliseconds"))
        mine = workload.canonical_service(body["data"], variables)
        theirs = await _raw_call(workload, driver, params)
        if workload.state is not None:
            mine = (mine, await _read_state(workload.state, driver, variables))
            theirs = (theirs, await _read_state(workload.state, driver, params))
        if mine != theirs:
            same, mismatch = False, {"service": repr(mine)[:500], "raw": repr(theirs)[:500]}
    known_trips = [t for t in trips if t is not None]
    known_ms = [m for m in graph_ms if m is not None]
    return {
        "same_answers": same,
        "mismatch": mismatch,
        "round_trips": max(known_trips) if known_trips else None,
        "graph_ms": round(statistics.median(known_ms), 2) if known_ms else None,
    }


async def _raw_call(workload: Workload, driver: neo4j.AsyncDriver, params: dict[str, Any]) -> Any:
    # A write that lost a race to make a unique node (two creates making one citation lock)
    # runs again, as the service's mutations do: the driver retries only transient errors.
    for attempt in range(1, RAW_WRITE_ATTEMPTS + 1):
        try:
            async with driver.session(database=EMBEDDED_DATABASE) as session:
                execute = session.execute_write if workload.write else session.execute_read
                return await execute(workload.raw, params)
        except ConstraintError:
            if not workload.write or attempt == RAW_WRITE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


async def _read_state(state: RawQuery, driver: neo4j.AsyncDriver, params: dict[str, Any]) -> Any:
    async with driver.session(database=EMBEDDED_DATABASE) as session:
        return await session.execute_read(state, params)


def _failed(workload: Workload, error: str) -> dict[str, Any]:
    return {
        "key": workload.key,
        "name": workload.name,
        "concurrency": workload.concurrency,
        "error": error[:1000],
        "same_answers": False,
    }


async def _run_workload(
    args: argparse.Namespace,
    workload: Workload,
    service: ServiceClient,
    driver: neo4j.AsyncDriver,
    inputs: Inputs,
) -> dict[str, Any]:
    if workload.key in inputs.unavailable:
        return _failed(workload, inputs.unavailable[workload.key])
    checked = await _check(workload, service, driver, inputs, args.checks)

    async def via_service(number: int) -> None:
        await service.post(workload.document, inputs(workload.key, number)[0])

    async def via_driver(number: int) -> None:
        await _raw_call(workload, driver, inputs(workload.key, number)[1])

    service_stats, raw_stats = await alternate(
        via_service, via_driver, workload.concurrency, args.rounds, args.round_seconds
    )
    ratio = service_stats.per_second / raw_stats.per_second if raw_stats.per_second else None
    return {
        "key": workload.key,
        "name": workload.name,
        "concurrency": workload.concurrency,
        "service": service_stats.summary(),
        "raw": raw_stats.summary(),
        "ratio": None if ratio is None else round(ratio, 3),
        **checked,
    }


async def _measure(
    args: argparse.Namespace, base_url: str, token: str, bolt: int, data_dir: Path, pid: int
) -> list[dict[str, Any]]:
    service = ServiceClient(base_url, token)
    # The raw side retries a lost write race after the service's short delay, not the
    # driver's default second: the same retry policy for the same work.
    driver = neo4j.AsyncGraphDatabase.driver(
        f"bolt://127.0.0.1:{bolt}",
        auth=(EMBEDDED_USERNAME, read_password(data_dir)),
        initial_retry_delay=INITIAL_RETRY_DELAY_SECONDS,
    )
    run = secrets.token_hex(3)
    results = []
    try:
        inputs = await find_inputs(driver, EMBEDDED_DATABASE, service, run)
        for workload in WORKLOADS:
            if args.only and not any(o in workload.key for o in args.only):
                continue
            try:
                result = await _run_workload(args, workload, service, driver, inputs)
            except (ServiceError, aiohttp.ClientError, ValueError, Neo4jError, OSError) as error:
                result = _failed(workload, str(error))
            result["service_rss_mib"] = round(rss_mib(pid), 1)
            results.append(result)
            print(report.line(result), flush=True)
        await driver.execute_query(
            "MATCH (n:Platform) WHERE n.id STARTS WITH $prefix DETACH DELETE n",
            prefix=f"{BENCH_ID_PREFIX}{run}-",
            database_=EMBEDDED_DATABASE,
        )
    finally:
        await service.close()
        await driver.close()
    return results


def run_bench(args: argparse.Namespace) -> dict[str, Any]:
    data_root = Path(args.data_dir)
    data_dir = data_root / f"graph-{args.entities}-s{args.seed}"
    jsonl = data_root / f"synthetic-{args.entities}-s{args.seed}.jsonl"
    loaded = load_synthetic_graph(data_dir, jsonl, args.entities, args.seed)
    token = secrets.token_urlsafe(24)
    keys = json.dumps({hash_api_key(token): {"subject": "benchmark", "roles": ["editor"]}})
    ports = pick_ports()
    env = service_environment(data_dir, ports, keys)
    if args.graph_timeout is not None:
        env["GRAPH_SERVICE_GRAPH_TIMEOUT"] = str(args.graph_timeout)
    base_url = f"http://127.0.0.1:{ports.service}"
    load_before = os.getloadavg()[0]
    with running_service(env, base_url, data_root / "service.log") as process:
        workloads = asyncio.run(_measure(args, base_url, token, ports.bolt, data_dir, process.pid))
        graph_rss = max((rss_mib(c) for c in children(process.pid)), default=float("nan"))
        service_rss = rss_mib(process.pid)
    relationships = loaded["records"] - args.entities
    return {
        "meta": {
            "entities": args.entities,
            "relationships": int(relationships),
            "seed": args.seed,
            "rounds": args.rounds,
            "round_seconds": args.round_seconds,
            "graph_timeout": args.graph_timeout,
            "cpus": os.cpu_count(),
            "load_before": round(load_before, 1),
            "load_after": round(os.getloadavg()[0], 1),
            "service_rss_mib": round(service_rss, 1),
            "graph_rss_mib": round(graph_rss, 1),
            "import": loaded,
            "python": sys.version.split()[0],
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        },
        "workloads": workloads,
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000, help="synthetic graph size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per side")
    parser.add_argument("--round-seconds", type=float, default=4.0, help="length of a round")
    parser.add_argument(
        "--checks", type=int, default=6, help="requests per workload whose answers are compared"
    )
    parser.add_argument(
        "--graph-timeout",
        type=float,
        help="the service's GRAPH_SERVICE_GRAPH_TIMEOUT (default: its own, as `make run`)",
    )
    parser.add_argument("--only", nargs="*", help="run only workloads whose key contains one")
    parser.add_argument("--data-dir", default=str(ROOT / ".data" / "bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = run_bench(args)
    stem = f"bench-{args.entities}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}"
    json_path, md_path = report.write(results, args.out, stem)
    print()
    print(report.markdown(results))
    print(f"results: {json_path} and {md_path}")
    return 0 if all(w["same_answers"] for w in results["workloads"]) else 1


if __name__ == "__main__":
    sys.exit(main())
