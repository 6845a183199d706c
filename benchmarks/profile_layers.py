"""Shares of a service profile per layer, from py-spy's raw (collapsed) output.

    py-spy record --nonblocking -r 200 -f raw -o profile.txt -p SERVICE_PID -d 15
    python benchmarks/profile_layers.py profile.txt

A sample that reaches the driver counts as driver; any other goes to the layer of the
innermost frame that names one (so a resolver called by the fast path counts as execution,
a plan made by the fast path as translate); frames of no layer are HTTP and the event loop.
The embedded graph's watcher threads, idle by design, are left out.
"""

from __future__ import annotations

import sys
from collections import Counter

DRIVER = ("neo4j/", "neo4j_rust_ext")
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("parse and validation", ("validation/", "validate_document", "language/parser", "lexer")),
    ("limits", ("api/limits/",)),
    (
        "translate: selection -> plan -> statement",
        ("translate/selection", "translate/cypher", "translate/predicates", "translate/ordering")
        + (
            "translate/params",
            "translate/names",
            "filters/",
            "translate/execute",
            "graph/executor",
        ),
    ),
    ("rows -> GraphQL objects (translate/results.py)", ("translate/results.py",)),
    ("fast path: shaping the response", ("fast_reads/",)),
    (
        "GraphQL execution (graphql-core, Strawberry fields, resolvers)",
        ("graphql/execution", "strawberry/types/", "schema_converter", "api/types/")
        + ("direct_fields", "strawberry/extensions/field", "api/resolvers/"),
    ),
    (
        "Strawberry operation (schema.execute, extensions)",
        (
            "strawberry/schema/schema.py",
            "strawberry/extensions",
            "api/extensions/",
            "error_logging",
        ),
    ),
    ("serialization (JSON)", ("orjson", "json/")),
]
HTTP = "HTTP (uvicorn, Starlette, view, middleware, loop)"
IDLE_THREADS = ("_spawn_reader", "EmbeddedGraphProcess._reap", "GraphSupervisor._watch")


def layer_of(frames: list[str]) -> str:
    if any(key in frame for frame in frames for key in DRIVER):
        return "driver (packing, Bolt I/O, sessions)"
    for frame in reversed(frames):
        for name, keys in LAYERS:
            if any(key in frame for key in keys):
                return name
    return HTTP


def shares(lines: list[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    for line in lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if stack and not any(idle in stack for idle in IDLE_THREADS):
            found[layer_of(stack.split(";"))] += int(count)
    return found


def main(path: str) -> None:
    with open(path, encoding="utf-8") as raw:
        found = shares(raw.readlines())
    total = sum(found.values()) or 1
    names = ["driver (packing, Bolt I/O, sessions)", *(name for name, _ in LAYERS), HTTP]
    for name in names:
        print(f"{name:66s} {100 * found[name] / total:5.1f} %")
    print(f"samples: {total}")


if __name__ == "__main__":
    main(sys.argv[1])
