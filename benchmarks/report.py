"""Benchmark results: one JSON file with everything, and a one-table markdown summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _ms(side: dict[str, Any]) -> str:
    return f"{side['p50_ms']:.1f} / {side['p95_ms']:.1f} / {side['p99_ms']:.1f}"


def markdown(results: dict[str, Any]) -> str:
    meta = results["meta"]
    lines = [
        f"Graph: {meta['entities']:,} entities, {meta['relationships']:,} relationships "
        f"(synthetic, seed {meta['seed']}); {meta['rounds']} alternating rounds of "
        f"{meta['round_seconds']} s per side; {meta['cpus']} CPUs, load average "
        f"{meta['load_before']} before and {meta['load_after']} after. Service RSS "
        f"{meta['service_rss_mib']:.0f} MiB, graph server RSS {meta['graph_rss_mib']:.0f} MiB.",
        "",
        "| workload (clients) | service req/s | raw req/s | service/raw | service p50/p95/p99 ms "
        "| raw p50/p95/p99 ms | round trips | graph ms | same answers |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for w in results["workloads"]:
        if "error" in w:
            lines.append(f"| {w['name']} ({w['concurrency']}) | failed: {w['error'][:200]} |")
            continue
        service, raw = w["service"], w["raw"]
        lines.append(
            f"| {w['name']} ({w['concurrency']}) | {service['per_second']:.1f} "
            f"| {raw['per_second']:.1f} | {w['ratio']:.2f} | {_ms(service)} | {_ms(raw)} "
            f"| {w['round_trips']} | {w['graph_ms']} | {'yes' if w['same_answers'] else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def line(w: dict[str, Any]) -> str:
    """One workload's result as a line of progress output."""
    if "error" in w:
        return f"{w['name']:28} FAILED: {w['error'][:300]}"
    return (
        f"{w['name']:28} service {w['service']['per_second']:8.1f}/s "
        f"raw {w['raw']['per_second']:8.1f}/s ratio {w['ratio']} "
        f"trips {w['round_trips']} graph {w['graph_ms']} ms same {w['same_answers']}"
    )


def write(results: dict[str, Any], out_dir: Path, stem: str) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(results))
    return json_path, md_path
