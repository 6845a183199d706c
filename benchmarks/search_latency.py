"""How long search takes, by kind of match, against a service that is already up
(`graph-service serve` on an imported graph):

    python -m benchmarks.search_latency --url http://127.0.0.1:8000 --repeat 5

For each query it prints the total, how the first result matched, the statements sent,
the milliseconds spent in the graph (`X-Graph-Trace`, summed over the statements, which
run side by side) and the whole request, as medians over the repeats after one warm-up.
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import httpx2 as httpx

SEARCH = """query($q: String!) { search(query: $q, first: 20) {
  totalCount edges { match node { id } } } }"""

# Names from `graph-service generate` (seed 1), which every size of graph has.
QUERIES = [
    ("exact name", "Pemerintah Kabupaten Kotokencana Timur 2"),
    ("exact alias", "Pemkab Kotokencana Timur 2"),
    ("prefix", "pemerintah kabupaten kotok"),
    ("word inside a name", "kotokencana"),
    ("broad", "kota"),
    ("near: a letter replaced", "Kotokencana Timor 2"),
    ("near: two letters swapped", "Pemkab Kotokencana Timru 2"),
    ("near: a letter dropped, long name", "Pemerintah Kabupaten Kotokencana Timr 2"),
    ("near: a person", "Made Citra Halm"),
    ("near: a short word", "kotx"),
]


def _one(client: httpx.Client, url: str, text: str) -> dict[str, Any]:
    started = time.perf_counter()
    response = client.post(
        f"{url}/graphql",
        json={"query": SEARCH, "variables": {"q": text}},
        headers={"X-Graph-Trace": "1"},
    )
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json()
    trace = body["extensions"]["graph"]
    queries = trace["queries"]
    return {
        "total": body["data"]["search"]["totalCount"],
        "first": (body["data"]["search"]["edges"] or [{"match": "-"}])[0]["match"],
        "statements": len(queries),
        "by_statement": {q["name"]: q.get("milliseconds") for q in queries},
        "graph_ms": trace.get("milliseconds"),
        "request_ms": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| query | text | hits | first | statements | graph ms | request ms | per statement |")
    print("|---|---|---|---|---|---|---|---|")
    with httpx.Client(timeout=120) as client:
        for label, text in QUERIES:
            _one(client, args.url, text)  # warm-up
            runs = [_one(client, args.url, text) for _ in range(args.repeat)]
            graph = statistics.median(r["graph_ms"] or 0 for r in runs)
            request = statistics.median(r["request_ms"] for r in runs)
            names = runs[0]["by_statement"]
            per = ", ".join(
                f"{name} {statistics.median(r['by_statement'].get(name) or 0 for r in runs):.0f}"
                for name in names
            )
            last = runs[-1]
            print(
                f"| {label} | `{text}` | {last['total']} | {last['first']} | "
                f"{last['statements']} | {graph:.0f} | {request:.0f} | {per} |"
            )


if __name__ == "__main__":
    main()
