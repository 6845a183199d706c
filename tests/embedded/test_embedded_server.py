"""The embedded graph against a real ArcadeDB server, each test in its own data dir and ports.

A server start costs about 1.5 s, so the tests that need one do several checks each; the
failure cases are caught before the JVM starts and take a fraction of a second.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph_service.embedded import (
    EmbeddedGraphError,
    EmbeddedGraphProcess,
    password_path,
    read_or_create_password,
)
from graph_service.embedded.ports import free_ports
from graph_service.settings import Settings, load_settings


def _environment(data_dir: Path, bolt_port: int, http_port: int) -> dict[str, str]:
    return {
        "GRAPH_SERVICE_DATA_DIR": str(data_dir),
        "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt_port),
        "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http_port),
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "graph"


@pytest.fixture
def graph_settings(data_dir: Path) -> Settings:
    bolt_port, http_port = free_ports(2)
    return load_settings(_environment(data_dir, bolt_port, http_port))


@pytest.fixture
def graph_process(graph_settings: Settings) -> Iterator[EmbeddedGraphProcess]:
    """A process handle that is always stopped, whatever the test did with it."""
    process = EmbeddedGraphProcess(graph_settings)
    yield process
    process.stop()


def _crash_reports(data_dir: Path) -> list[Path]:
    cwd = Path.cwd()
    return [
        *data_dir.rglob("hs_err*"),
        *cwd.glob("hs_err*"),
        *cwd.glob("log/hs_err*"),
    ]


def _wait_until_ended(graph: EmbeddedGraphProcess, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while graph.running:
        assert time.monotonic() < deadline, "the embedded graph did not stop"
        time.sleep(0.05)


def _non_loopback_address() -> str | None:
    """This machine's outward IPv4 address, if it has one (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def _count_probes(graph: EmbeddedGraphProcess) -> int:
    with GraphDatabase.driver(graph.bolt_uri, auth=graph.auth) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Probe {id: $id}) RETURN count(p) AS n", id="p1", database_="spbe"
        )
    return int(records[0]["n"])


def test_data_and_password_survive_a_restart(
    graph_process: EmbeddedGraphProcess, graph_settings: Settings, data_dir: Path
) -> None:
    graph_process.start()
    assert graph_process.bolt_uri == f"bolt://127.0.0.1:{graph_settings.embedded_bolt_port}"
    user, password = graph_process.auth
    assert user == "root"
    assert len(password) >= 16
    assert stat.S_IMODE(password_path(data_dir).stat().st_mode) == 0o600
    with GraphDatabase.driver(graph_process.bolt_uri, auth=graph_process.auth) as driver:
        driver.execute_query("CREATE (:Probe {id: $id})", id="p1", database_="spbe")
    outward = _non_loopback_address()
    if outward is not None:  # loopback only: the outward address must refuse
        for port in (graph_settings.embedded_bolt_port, graph_settings.embedded_http_port):
            with pytest.raises(OSError):
                socket.create_connection((outward, port), timeout=1).close()

    # First stop by SIGINT (Ctrl-C in `graph-service db`), the second by stop()'s SIGTERM.
    assert graph_process.pid is not None
    os.kill(graph_process.pid, signal.SIGINT)
    _wait_until_ended(graph_process)
    assert graph_process.returncode == 0
    graph_process.stop()

    graph_process.start()  # same data dir, same ports: TIME_WAIT from the first run is no obstacle
    assert graph_process.auth == ("root", password)
    assert _count_probes(graph_process) == 1
    graph_process.stop()
    assert graph_process.returncode == 0
    assert _crash_reports(data_dir) == []

    # The root user now exists with that password: losing the file must not mean a 403.
    password_path(data_dir).unlink()
    with pytest.raises(EmbeddedGraphError, match="root-password is missing"):
        graph_process.start()


def test_graph_stops_when_its_parent_dies(graph_settings: Settings, data_dir: Path) -> None:
    parent = (
        "import os\n"
        "from graph_service.embedded import EmbeddedGraphProcess\n"
        "from graph_service.settings import load_settings\n"
        "graph = EmbeddedGraphProcess(load_settings())\n"
        "graph.start()\n"
        "print(graph.pid, flush=True)\n"
        "os._exit(0)  # no stop(): only the closed stdin pipe tells the child\n"
    )
    env = {
        **os.environ,
        **_environment(
            data_dir, graph_settings.embedded_bolt_port, graph_settings.embedded_http_port
        ),
    }
    result = subprocess.run(
        [sys.executable, "-c", parent], env=env, capture_output=True, text=True, timeout=90
    )
    assert result.returncode == 0, result.stderr
    child = int(result.stdout.strip())
    deadline = time.monotonic() + 30
    while _alive(child):
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the orphaned embedded graph kept running")
        time.sleep(0.05)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", graph_settings.embedded_bolt_port))
    assert _crash_reports(data_dir) == []


def test_sigterm_while_the_jvm_starts_is_clean(graph_settings: Settings, data_dir: Path) -> None:
    """The JVM's own SIGTERM handler crashes the process; it must never get the signal."""
    env = {
        **os.environ,
        **_environment(
            data_dir, graph_settings.embedded_bolt_port, graph_settings.embedded_http_port
        ),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "graph_service.embedded"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    written_just_before_the_jvm = data_dir / "log" / "logging.properties"
    deadline = time.monotonic() + 30
    while not written_just_before_the_jvm.exists() and child.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(0.1)  # the JVM takes about 0.3 s to start
    child.send_signal(signal.SIGTERM)
    stdout, stderr = child.communicate(timeout=30)
    assert child.returncode == 0, stderr
    assert stdout == ""
    assert _crash_reports(data_dir) == []


def _alive(pid: int) -> bool:
    """True while `pid` runs; a zombie nobody has reaped yet counts as ended."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.parametrize(
    ("taken", "variable"),
    [
        ("embedded_bolt_port", "GRAPH_SERVICE_EMBEDDED_BOLT_PORT"),
        ("embedded_http_port", "GRAPH_SERVICE_EMBEDDED_HTTP_PORT"),
    ],
)
def test_a_taken_port_is_named(
    graph_process: EmbeddedGraphProcess, graph_settings: Settings, taken: str, variable: str
) -> None:
    port: int = getattr(graph_settings, taken)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        with pytest.raises(EmbeddedGraphError) as caught:
            graph_process.start()
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert variable in message
    assert graph_process.returncode == 1


def test_an_unwritable_data_dir_is_named(tmp_path: Path) -> None:
    regular_file = tmp_path / "not-a-directory"
    regular_file.write_text("")
    data_dir = regular_file / "graph"
    bolt_port, http_port = free_ports(2)
    process = EmbeddedGraphProcess(load_settings(_environment(data_dir, bolt_port, http_port)))
    with pytest.raises(EmbeddedGraphError) as caught:
        process.start()
    message = str(caught.value)
    assert str(data_dir) in message
    assert "GRAPH_SERVICE_DATA_DIR" in message


def test_password_is_private_and_reused(tmp_path: Path) -> None:
    first = read_or_create_password(tmp_path)
    path = password_path(tmp_path)
    assert len(first) >= 16
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_or_create_password(tmp_path) == first
    path.chmod(0o644)  # e.g. restored from a backup
    assert read_or_create_password(tmp_path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["root-password"]  # no temporary left
    assert read_or_create_password(tmp_path / "other") != first


def test_graph_stops_cleanly_while_a_client_holds_connections(
    graph_process: EmbeddedGraphProcess, data_dir: Path
) -> None:
    """ArcadeDB keeps a thread per open Bolt connection; the process must not wait on them
    (it did, until the parent killed it after 30 s)."""
    graph_process.start()
    with GraphDatabase.driver(graph_process.bolt_uri, auth=graph_process.auth) as driver:
        driver.execute_query("CREATE (:Probe {id: 'p1'})", database_=graph_process.database)
        graph_process.stop(timeout=20)  # the driver's pooled connection is still open
        assert graph_process.returncode == 0  # stopped by itself, not killed (-9)
    assert _crash_reports(data_dir) == []
    graph_process.start()
    assert _count_probes(graph_process) == 1
