"""The TypeScript example client (examples/) runs against the service: Apollo Client with
codegen's types, possibleTypes and persisted queries; graphChanged over WebSocket and SSE.
The graphql-http audit (the GraphQL-over-HTTP spec's suite) runs against the same service."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from graph_service.api.auth import hash_api_key
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, Settings
from tests.live_server import live_server

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EDITOR_KEY = "example-client-editor-key-0123456789"


def test_the_example_client_pages_follows_subscribes_and_sees_its_write(
    graph: Graph, settings: Settings
) -> None:
    ready = (EXAMPLES / "node_modules" / ".installed").exists() and (EXAMPLES / "src/gql").is_dir()
    assert ready, "run `make example-client` first (npm ci, codegen and typecheck in examples/)"
    grants = {hash_api_key(EDITOR_KEY): ApiKeyGrant(subject="example", roles=("editor",))}
    with live_server(settings.model_copy(update={"api_keys": grants})) as server:
        env = {
            **os.environ,
            "GRAPHQL_URL": server.http_url,
            "EDITOR_KEY": EDITOR_KEY,
            "PLATFORM_ID": "example-client-test-platform",
        }
        npx = shutil.which("npx")
        assert npx is not None, "Node (npx) is needed for the example client"
        run, audit = (
            subprocess.run(
                [npx, "--no-install", "tsx", script],
                cwd=EXAMPLES,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            for script in ("src/main.ts", "src/audit.ts")
        )
    assert audit.returncode == 0, audit.stdout + audit.stderr  # graphql-http: no warning
    assert run.returncode == 0, run.stdout + run.stderr
    assert "paged 51 local governments" in run.stdout
    assert "GETs with only a hash" in run.stdout
    assert "graphChanged over WebSocket: upsertPlatform" in run.stdout
    assert "graphChanged over SSE: deletePlatform" in run.stdout
    assert run.stdout.rstrip().endswith("example client: OK")
