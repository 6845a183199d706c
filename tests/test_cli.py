"""`graph-service` as a user runs it: a subprocess with its environment, against real graphs."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from graph_service.graph.executor import Graph
from graph_service.settings import Settings
from tests.loading.scratch import (
    ScratchGraph,
    cli_environment,
    export_lines,
    graph_service_command,
    run_cli,
    scratch_graph,
)


def _plain_environment(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_SERVICE_"))}
    env.update(variables)
    return env


def _synthetic_file(path: Path, bodies: int) -> int:
    """`bodies` agencies in a chain of PART_OF, all citing one source; returns the line count."""
    lines = [
        {
            "record": "entity",
            "id": "syn-source",
            "kind": "Source",
            "name": "Synthetic source",
            "properties": {"url": "https://example.org/synthetic"},
        }
    ]
    for i in range(bodies):
        lines.append(
            {
                "record": "entity",
                "id": f"syn-agency-{i:05d}",
                "kind": "Agency",
                "name": f"Synthetic Agency {i:05d}",
                "sources": ["syn-source"],
            }
        )
    for i in range(1, bodies):
        lines.append(
            {
                "record": "relationship",
                "type": "PART_OF",
                "from": f"syn-agency-{i:05d}",
                "to": f"syn-agency-{i - 1:05d}",
                "sources": ["syn-source"],
            }
        )
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return len(lines)


def _renamed_file(path: Path, bodies: int, prefix: str) -> int:
    """`_synthetic_file` with its ids and names under `prefix`, to import beside it."""
    records = _synthetic_file(path, bodies)
    text = path.read_text("utf-8").replace("syn-", f"{prefix}-").replace("Synthetic", prefix)
    path.write_text(text, "utf-8")
    return records


@pytest.fixture(scope="module")
async def scratch(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ScratchGraph]:
    async with scratch_graph(tmp_path_factory.mktemp("cli-scratch")) as graph:
        yield graph


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GRAPH_SERVICE_PORT", "eighty"),
        ("GRAPH_SERVICE_EMBEDDED_BOLT_PORT", "99999"),
        ("NEO4J_URI", "http://127.0.0.1:7474"),
    ],
)
def test_a_configuration_error_exits_2_naming_the_variable(variable: str, value: str) -> None:
    result = run_cli(["export"], _plain_environment(**{variable: value}))
    assert result.returncode == 2
    assert variable in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_seed_check_passes() -> None:
    result = run_cli(["seed", "--check"], _plain_environment())
    assert result.returncode == 0, result.stderr
    assert "seed is valid" in result.stdout


async def test_seeding_twice_gives_the_same_graph(graph: Graph, settings: Settings) -> None:
    before = await export_lines(graph)
    result = run_cli(["seed"], cli_environment(settings))
    assert result.returncode == 0, result.stderr
    assert "seeded" in result.stdout
    assert await export_lines(graph) == before


async def test_export_writes_the_whole_graph(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "graph.jsonl"
    result = run_cli(["export", "--output", str(out)], cli_environment(settings))
    assert result.returncode == 0, result.stderr
    lines = out.read_text("utf-8").splitlines()
    assert lines == await export_lines(graph)
    assert f"exported {len(lines)} records" in result.stderr


async def test_a_large_import_shows_progress_and_is_idempotent(
    scratch: ScratchGraph, tmp_path: Path
) -> None:
    path = tmp_path / "synthetic.jsonl"
    records = _synthetic_file(path, 1000)
    assert records == 2000
    env = cli_environment(scratch.settings)

    first = run_cli(["import", str(path)], env)
    assert first.returncode == 0, first.stderr
    assert "imported 1001 entities and 999 rels" in first.stdout
    assert f"{records}/{records}" in first.stderr  # tqdm's counter, on stderr
    assert "rec/s" in first.stderr or "s/rec" in first.stderr
    exported = await export_lines(scratch.graph)
    assert len(exported) == records

    second = run_cli(["import", str(path)], env)
    assert second.returncode == 0, second.stderr
    assert await export_lines(scratch.graph) == exported


async def test_a_small_import_shows_no_progress_bar(scratch: ScratchGraph, tmp_path: Path) -> None:
    path = tmp_path / "small.jsonl"
    records = _synthetic_file(path, 10)
    result = run_cli(["import", str(path)], cli_environment(scratch.settings))
    assert result.returncode == 0, result.stderr
    assert f"{records}/{records}" not in result.stderr


def test_api_key_prints_a_key_that_its_configuration_entry_grants(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from starlette.requests import Request

    from graph_service.api.auth.authenticator import Authenticator
    from graph_service.cli import main
    from graph_service.settings import load_settings

    assert main(["api-key", "--subject", "curator", "--role", "editor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    key = lines[0].rsplit(" ", 1)[1]
    configured = load_settings({"GRAPH_SERVICE_API_KEYS": lines[-1]})
    assert key not in lines[-1]  # only its digest is configured
    request = Request({"type": "http", "headers": [(b"authorization", f"Bearer {key}".encode())]})
    principal = Authenticator.from_settings(configured).authenticate(request)
    assert principal is not None
    assert (principal.subject, principal.roles) == ("curator", frozenset({"editor"}))


def _kill_once_written(
    process: subprocess.Popen[bytes], enough: Callable[[int], bool], before: str
) -> int:
    """Reads the import's progress bar (tqdm's counter: "| 1250/7999 [") from its stderr
    until `enough` of the records are written, then kills it; returns that count."""
    assert process.stderr is not None
    written, seen = 0, b""
    while not enough(written):
        chunk = process.stderr.read1(4096)
        assert chunk, f"the import ended before {before}: {seen[-500:]!r}"
        seen = (seen + chunk)[-4096:]
        counts = re.findall(rb"\| *(\d+)/\d+ \[", seen)
        written = int(counts[-1]) if counts else 0
    process.kill()
    process.wait()
    process.stderr.close()
    return written


@pytest.mark.parametrize("fraction", [0.1, 0.8])
async def test_an_import_killed_midway_leaves_the_graph_as_it_was(
    scratch: ScratchGraph, tmp_path: Path, fraction: float
) -> None:
    path = tmp_path / "big.jsonl"
    records = _renamed_file(path, 4000, "killed")
    before = await export_lines(scratch.graph)
    process = subprocess.Popen(
        [*graph_service_command(), "import", str(path)],
        env=cli_environment(scratch.settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _kill_once_written(process, lambda written: written >= fraction * records, f"{fraction:.0%}")
    assert await export_lines(scratch.graph) == before


def _embedded_environment(settings: Settings) -> dict[str, str]:
    """The environment of a user importing into the embedded graph of `settings`, which is
    running: the import uses it, and its bulk writer, rather than starting one."""
    return _plain_environment(
        GRAPH_SERVICE_DATA_DIR=str(settings.data_dir),
        GRAPH_SERVICE_EMBEDDED_BOLT_PORT=str(settings.embedded_bolt_port),
        GRAPH_SERVICE_EMBEDDED_HTTP_PORT=str(settings.embedded_http_port),
    )


async def test_an_import_into_the_embedded_graph_is_written_by_its_bulk_writer(
    scratch: ScratchGraph, tmp_path: Path
) -> None:
    path = tmp_path / "bulk.jsonl"
    records = _renamed_file(path, 1500, "bulk")
    before = len(await export_lines(scratch.graph))
    result = run_cli(["import", str(path)], _embedded_environment(scratch.settings))
    assert result.returncode == 0, result.stderr
    assert "imported 1501 entities and 1499 rels (bulk)" in result.stdout
    assert f"{records}/{records}" in result.stderr
    assert len(await export_lines(scratch.graph)) == before + records


async def test_a_bulk_import_killed_midway_is_taken_back_at_the_next_start(
    scratch: ScratchGraph, tmp_path: Path
) -> None:
    from graph_service.graph.session import open_graph

    path = tmp_path / "killed-bulk.jsonl"
    records = _renamed_file(path, 12000, "killedbulk")
    before = await export_lines(scratch.graph)
    process = subprocess.Popen(
        [*graph_service_command(), "import", str(path)],
        env=_embedded_environment(scratch.settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # the graph has written its first chunk (of entities)
    written = _kill_once_written(process, lambda written: written > 0, "writing")
    assert written < records
    async with open_graph(scratch.settings):  # what every graph-service command does first
        pass
    assert await export_lines(scratch.graph) == before
