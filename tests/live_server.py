"""The app served by a real uvicorn on a loopback port, in a thread: for tests that need a
second client to get through while the first request is in flight (TestClient serialises),
or a real client library (WebSocket, SSE, Node)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from graph_service.api.app import create_app
from graph_service.embedded.ports import free_ports
from graph_service.settings import Settings


@dataclass
class LiveServer:
    app: Starlette
    port: int

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"


@contextmanager
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The app served with `settings` until the block ends."""
    (port,) = free_ports(1)
    app = create_app(settings)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="websockets-sansio"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(app, port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serve_in_thread(settings: Settings) -> Iterator[str]:
    """Yields the base URL of the app served with `settings` until the block ends."""
    with live_server(settings) as server:
        yield f"http://127.0.0.1:{server.port}"
