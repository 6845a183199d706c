"""`graph-service serve` as a real process (its embedded graph supervised), for fault tests.

Each instance has its own data dir and ports; `stop` sends SIGTERM, as an orchestrator does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx2 as httpx

from graph_service.api.auth import hash_api_key
from graph_service.embedded.ports import free_ports
from tests.loading.scratch import graph_service_command

EDITOR_KEY = "fault-test-editor-key-0123456789abcdef"


class ServiceProcess:
    def __init__(self, data_dir: Path, **environ: str) -> None:
        port, bolt, http = free_ports(3)
        self.url = f"http://127.0.0.1:{port}"
        self.bolt_port = bolt
        self.data_dir = data_dir
        grants = {hash_api_key(EDITOR_KEY): {"subject": "writer", "roles": ["editor", "admin"]}}
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_"))},
            "GRAPH_SERVICE_PORT": str(port),
            "GRAPH_SERVICE_EMBEDDED_BOLT_PORT": str(bolt),
            "GRAPH_SERVICE_EMBEDDED_HTTP_PORT": str(http),
            "GRAPH_SERVICE_DATA_DIR": str(data_dir),
            "GRAPH_SERVICE_API_KEYS": _json(grants),
            "GRAPH_SERVICE_RATE_LIMIT": "0",
            "GRAPH_SERVICE_GRAPH_PROBE_INTERVAL": "0.2",
            "GRAPH_SERVICE_LOG_FORMAT": "json",
            **environ,
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir.parent / "service.log"

    def start(self, timeout: float = 120) -> None:
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [*graph_service_command(), "serve"], env=self.env, stdout=log, stderr=log
        )
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.process.poll() is not None:
                raise AssertionError(f"the service exited: {self.log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the service was not ready: {self.log()[-3000:]}")
            time.sleep(0.2)

    def ready(self) -> bool:
        try:
            return httpx.get(self.url + "/readyz", timeout=3).status_code == 200
        except httpx.HTTPError:
            return False

    def graph_pid(self) -> int:
        """The embedded graph's pid: the service's child process."""
        assert self.process is not None
        tasks = Path(f"/proc/{self.process.pid}/task")
        children = [
            int(pid) for task in tasks.iterdir() for pid in (task / "children").read_text().split()
        ]
        assert len(children) == 1, children
        return children[0]

    def terminate(self, timeout: float = 60) -> int:
        """SIGTERM, as an orchestrator stops it; its exit status."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"the service did not exit within {timeout} s of SIGTERM: {self.log()[-5000:]}"
            ) from None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _json(value: object) -> str:
    import json

    return json.dumps(value)
