"""The `graph-service` command: serve, run the embedded graph, set up its indexes, seed,
import, reindex, export, generate, schema."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from graph_service.settings import ConfigurationError, Settings, load_settings

IMPORT_TIMEOUT_SECONDS = 3600.0


def _serve(settings: Settings, args: argparse.Namespace) -> None:
    """Set up the schema, then serve until SIGTERM/SIGINT: in-flight requests finish (within
    the grace period), then the workers close their drivers, then the embedded graph (if
    ours) stops."""
    import os

    multiprocess_metrics = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if multiprocess_metrics:  # the last run's values must not count (prometheus-client docs)
        for stale in Path(multiprocess_metrics).glob("*.db"):
            stale.unlink()
    import uvicorn

    from graph_service.api.app import WORKER_APP, create_app
    from graph_service.observability import configure_logging

    configure_logging(settings.log_format, settings.log_level)
    supervisor = None
    if settings.embedded:
        from graph_service.embedded import EmbeddedGraphProcess
        from graph_service.embedded.supervisor import GraphSupervisor
        from graph_service.observability.metrics import GRAPH_RESTARTS

        supervisor = GraphSupervisor(EmbeddedGraphProcess(settings), on_restart=GRAPH_RESTARTS.inc)
        supervisor.start()
    try:
        from graph_service.graph.schema_setup import ensure_schema_at_start

        # Once, before any worker starts: the indexes the reads rely on (a graph imported
        # by older code, or written around the service, may lack some).
        asyncio.run(ensure_schema_at_start(settings))
        if args.seed_if_empty:
            asyncio.run(_seed(settings, only_if_empty=True))
        options: dict[str, Any] = {
            "host": settings.host,
            "port": settings.port,
            # Forwarded headers are trusted by the app, from GRAPH_SERVICE_TRUSTED_PROXIES
            # only; uvicorn's own default would trust them from any client on 127.0.0.1.
            "proxy_headers": False,
            "log_config": None,  # ours, set above (and in each worker by WORKER_APP)
            "access_log": False,  # the access line is ours (AccessLogMiddleware)
            "timeout_graceful_shutdown": settings.shutdown_grace_seconds,
        }
        # Uvicorn shuts down gracefully on SIGTERM, then raises the signal again: handled
        # (ignored) here, so that the graph is stopped below and the exit status is 0.
        signal.signal(signal.SIGTERM, lambda signum, frame: None)
        if settings.workers > 1:  # each worker builds its app from the environment
            uvicorn.run(WORKER_APP, factory=True, workers=settings.workers, **options)
        else:
            uvicorn.run(create_app(settings, supervisor), **options)
    finally:
        if supervisor is not None:
            supervisor.stop()


def _db(settings: Settings, args: argparse.Namespace) -> None:
    from graph_service.embedded.server import exit_process, run_embedded_server

    run_embedded_server(settings)
    exit_process(0)


async def _seed(settings: Settings, *, only_if_empty: bool = False) -> None:
    from graph_service.graph.session import open_graph
    from graph_service.loading import load_dataset, packaged_seed_files, read_seed_files
    from graph_service.queries import query

    dataset = read_seed_files(packaged_seed_files())
    async with open_graph(settings) as graph:
        if only_if_empty:
            rows = await graph.read(query("count_entities"))
            if rows and rows[0]["entities"] > 0:
                print(f"graph already holds {rows[0]['entities']} entities; not seeding")
                return
        await load_dataset(graph, dataset, timeout_seconds=IMPORT_TIMEOUT_SECONDS)
    print(f"seeded {len(dataset.entities)} entities and {len(dataset.relationships)} relationships")


async def _setup(settings: Settings) -> None:
    from graph_service.graph.session import open_graph

    async with open_graph(settings):  # sets the schema up, or fails saying why
        pass
    print("the graph's constraints and indexes are set up")


def _check_seed(settings: Settings, args: argparse.Namespace) -> None:
    from graph_service.loading import LoadError, packaged_seed_files, read_seed_files, validate

    dataset = read_seed_files(packaged_seed_files())
    problems = validate(dataset)
    if problems:
        raise LoadError(problems)
    print(f"seed is valid: {len(dataset.entities)} entities, {len(dataset.relationships)} rels")


async def _import(settings: Settings, files: list[Path]) -> None:
    from tqdm import tqdm

    from graph_service.graph.session import open_graph
    from graph_service.loading import load_dataset, read_json_lines

    size = sum(path.stat().st_size for path in files if path.exists())
    # Millions of records are millions of long-lived objects: the cyclic collector's full
    # passes over them stalled the read of a million entities for seconds at a time. They
    # hold no cycles: collect nothing while reading, then leave them out of later passes.
    gc.disable()
    with tqdm(desc="read", unit="line", disable=size < 1_000_000, file=sys.stderr) as reading:
        dataset = read_json_lines(files, on_lines=reading.update)
    gc.freeze()
    gc.enable()
    total = len(dataset.entities) + len(dataset.relationships)
    async with open_graph(settings) as graph:
        with tqdm(
            desc="validate and write",
            total=total,
            unit="rec",
            disable=total < 1000,
            file=sys.stderr,
        ) as bar:
            written = await load_dataset(
                graph,
                dataset,
                on_batch=bar.update,
                timeout_seconds=IMPORT_TIMEOUT_SECONDS,
                bulk_data_dir=settings.data_dir if settings.embedded else None,
            )
    counts = f"{len(dataset.entities)} entities and {len(dataset.relationships)} rels"
    print(f"imported {counts} ({written})")


async def _reindex(settings: Settings) -> None:
    from tqdm import tqdm

    from graph_service.graph.session import open_graph
    from graph_service.loading.reindex import rebuild_lookups
    from graph_service.queries import query

    async with open_graph(settings) as graph:
        total = (await graph.read(query("count_entities")))[0]["entities"]
        with tqdm(
            desc="reindex", total=total, unit="ent", disable=total < 1000, file=sys.stderr
        ) as bar:
            count = await rebuild_lookups(
                graph, on_batch=bar.update, timeout_seconds=IMPORT_TIMEOUT_SECONDS
            )
    print(f"rebuilt the search terms and citations of {count} entities and relationships")


async def _export(settings: Settings, output: Path | None) -> None:
    from graph_service.graph.session import open_graph
    from graph_service.loading import export_graph

    async with open_graph(settings) as graph:
        if output is None:
            count = await export_graph(graph, sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as handle:
                count = await export_graph(graph, handle)
    print(f"exported {count} records", file=sys.stderr)


def _generate(args: argparse.Namespace) -> None:
    from graph_service.synthetic import write_json_lines

    if args.output is None:
        entities, rels = write_json_lines(args.entities, sys.stdout, seed=args.seed)
    else:
        with args.output.open("w", encoding="utf-8") as handle:
            entities, rels = write_json_lines(args.entities, handle, seed=args.seed)
    print(f"generated {entities} entities and {rels} relationships", file=sys.stderr)


def _schema(args: argparse.Namespace) -> int:
    from graph_service.api.possible_types import possible_types_json
    from graph_service.api.schema import schema_sdl

    sdl = possible_types_json() if args.possible_types else schema_sdl()
    if args.check:
        current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
        if current != sdl:
            flag = " --possible-types" if args.possible_types else ""
            print(f"{args.check} is stale: run `graph-service schema{flag} > {args.check}`")
            return 1
        print(f"{args.check} is up to date")
        return 0
    sys.stdout.write(sdl)
    return 0


def _api_key(args: argparse.Namespace) -> None:
    """A new random API key, shown once, and the entry that grants it in configuration."""
    import json
    import secrets

    from graph_service.api.auth import hash_api_key

    key = secrets.token_urlsafe(32)
    grant = {hash_api_key(key): {"subject": args.subject, "roles": args.role}}
    print(f"API key (give it to {args.subject}; it is not stored anywhere): {key}")
    print("Add to GRAPH_SERVICE_API_KEYS (a JSON object; merge with existing entries):")
    print(json.dumps(grant))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graph-service", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve GraphQL on GRAPH_SERVICE_HOST:PORT")
    serve.add_argument("--seed-if-empty", action="store_true", help="seed an empty graph first")
    commands.add_parser("db", help="run the embedded graph server in the foreground")
    commands.add_parser(
        "setup", help="create the graph's constraints and indexes (idempotent; serve does too)"
    )
    seed = commands.add_parser("seed", help="load seed/ into the graph (idempotent)")
    seed.add_argument("--check", action="store_true", help="only validate the seed files")
    imp = commands.add_parser("import", help="load JSON Lines files (all or nothing)")
    imp.add_argument("files", nargs="+", type=Path)
    commands.add_parser(
        "reindex", help="rebuild the search terms and citations from the graph (idempotent)"
    )
    exp = commands.add_parser("export", help="write the whole graph as JSON Lines")
    exp.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    gen = commands.add_parser(
        "generate", help="write a synthetic SPBE-shaped graph as JSON Lines (for `import`)"
    )
    gen.add_argument("--entities", type=int, required=True, help="how many entities")
    gen.add_argument("--seed", type=int, default=1, help="random seed (same seed, same graph)")
    gen.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    key = commands.add_parser("api-key", help="make an API key and its configuration entry")
    key.add_argument("--subject", required=True, help="who the key is for (in the audit log)")
    key.add_argument(
        "--role",
        action="append",
        choices=["reader", "editor", "admin"],
        required=True,
        help="a role the key grants (repeat for several)",
    )
    schema = commands.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.add_argument("--check", type=Path, help="fail if this file differs from the schema")
    schema.add_argument(
        "--possible-types",
        action="store_true",
        help="print the fragment matcher (possibleTypes JSON) instead of the SDL",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "schema":
        return _schema(args)
    if args.command == "generate":
        try:
            _generate(args)
        except ValueError as error:
            print(f"graph-service generate: {error}", file=sys.stderr)
            return 2
        return 0
    if args.command == "api-key":
        _api_key(args)
        return 0
    from graph_service.embedded import EmbeddedGraphError
    from graph_service.graph.errors import GraphError
    from graph_service.loading import LoadError

    try:
        settings = load_settings()
        if args.command == "serve":
            _serve(settings, args)
        elif args.command == "db":
            _db(settings, args)
        elif args.command == "setup":
            asyncio.run(_setup(settings))
        elif args.command == "seed" and args.check:
            _check_seed(settings, args)
        elif args.command == "seed":
            asyncio.run(_seed(settings))
        elif args.command == "import":
            asyncio.run(_import(settings, args.files))
        elif args.command == "export":
            asyncio.run(_export(settings, args.output))
        elif args.command == "reindex":
            asyncio.run(_reindex(settings))
    except (ConfigurationError, EmbeddedGraphError, GraphError, LoadError) as error:
        print(f"graph-service {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
