"""The benchmark's graph and service: a synthetic graph loaded once per size through
`graph-service import`, and the service started as `make run` starts it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx

from graph_service.embedded.ports import free_ports

READY_TIMEOUT_SECONDS = 240.0


def graph_service_command() -> list[str]:
    script = Path(sys.executable).parent / "graph-service"
    return [str(script)] if script.exists() else [sys.executable, "-m", "graph_service"]


@dataclass(frozen=True)
class Ports:
    service: int
    bolt: int
    http: int


def service_environment(data_dir: Path, ports: Ports, api_keys: str = "{}") -> dict[str, str]:
    """The environment of a service on its embedded graph in `data_dir`, with no rate limit
    (the benchmark is one client sending thousands of requests a minute)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_SERVICE_"))}
    env.update(
        GRAPH_SERVICE_DATA_DIR=str(data_dir),
        GRAPH_SERVICE_PORT=str(ports.service),
        GRAPH_SERVICE_EMBEDDED_BOLT_PORT=str(ports.bolt),
        GRAPH_SERVICE_EMBEDDED_HTTP_PORT=str(ports.http),
        GRAPH_SERVICE_RATE_LIMIT="0",
        GRAPH_SERVICE_API_KEYS=api_keys,
    )
    return env


def pick_ports() -> Ports:
    service, bolt, http = free_ports(3)
    return Ports(service, bolt, http)


def load_synthetic_graph(data_dir: Path, jsonl: Path, entities: int, seed: int) -> dict[str, float]:
    """Generate (once) and import (once per data dir) the synthetic graph; what it cost.

    The marker `loaded.json` is written only after an import succeeded, so an interrupted
    load is redone from an empty graph.
    """
    marker = data_dir / "loaded.json"
    if marker.exists():
        loaded: dict[str, float] = json.loads(marker.read_text())
        return loaded
    if data_dir.exists():
        raise SystemExit(f"{data_dir} holds a partial load: remove it and run again")
    jsonl.parent.mkdir(parents=True, exist_ok=True)
    if not jsonl.exists():
        partial = jsonl.with_suffix(".partial")
        command = ["generate", "--entities", str(entities), "--seed", str(seed), "-o", str(partial)]
        subprocess.run([*graph_service_command(), *command], check=True)
        partial.rename(jsonl)
    env = service_environment(data_dir, pick_ports())
    records = sum(1 for _ in jsonl.open(encoding="utf-8"))
    started = time.perf_counter()
    subprocess.run([*graph_service_command(), "import", str(jsonl)], env=env, check=True)
    seconds = time.perf_counter() - started
    loaded = {
        "records": records,
        "import_seconds": round(seconds, 2),
        "import_records_per_second": round(records / seconds, 1),
    }
    marker.write_text(json.dumps(loaded))
    return loaded


def rss_mib(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


@contextlib.contextmanager
def running_service(
    env: dict[str, str], base_url: str, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """`graph-service serve` (which starts its embedded graph), ready to answer, its output
    in `log`; stopped with SIGINT afterwards, as Ctrl-C stops `make run`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*graph_service_command(), "serve"], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the service exited with {process.returncode}: see {log}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("the service did not become ready in time")
            time.sleep(0.5)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
