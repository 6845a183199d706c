"""`graph-service serve` sets the schema up before it takes requests.

A graph imported by older code, or written around the service, may lack the indexes its
reads rely on; served as it is, every read would silently lose its index.
"""

from __future__ import annotations

from pathlib import Path

from graph_service.ontology import INDEXES
from graph_service.queries import CypherQuery
from tests.loading.scratch import cli_environment, run_cli, scratch_graph
from tests.service_process import ServiceProcess

SHOW_INDEXES = CypherQuery("show_indexes", "SHOW INDEXES")


async def test_serve_creates_the_indexes_a_graph_lacks(tmp_path: Path) -> None:
    declared = next(i for i in INDEXES if i.then_id).index_name()
    missing = {"entity_name", "search_term", declared}
    async with scratch_graph(tmp_path / "graph") as scratch:
        for name in missing:
            await scratch.graph.write(CypherQuery("drop", f"DROP INDEX {name}"))
        names = {r["name"] for r in await scratch.graph.read(SHOW_INDEXES)}
        assert not missing & names  # the graph as older code left it
        remote = {k: v for k, v in cli_environment(scratch.settings).items() if "NEO4J_" in k}
        service = ServiceProcess(tmp_path / "service" / "data", **remote)
        try:
            service.start()
        finally:
            service.kill()
        names = {r["name"] for r in await scratch.graph.read(SHOW_INDEXES)}
        assert missing <= names, service.log()[-3000:]
        assert "schema set up in" in service.log()


async def test_setup_creates_them_without_serving(tmp_path: Path) -> None:
    """`graph-service setup`, e.g. before an upgrade, so that `serve` starts at once."""
    async with scratch_graph(tmp_path / "graph") as scratch:
        await scratch.graph.write(CypherQuery("drop", "DROP INDEX entity_name"))
        result = run_cli(["setup"], cli_environment(scratch.settings))
        assert result.returncode == 0, result.stderr
        assert "constraints and indexes are set up" in result.stdout
        assert "entity_name" in {r["name"] for r in await scratch.graph.read(SHOW_INDEXES)}
