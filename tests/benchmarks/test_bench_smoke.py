"""`make bench` in miniature: a tiny synthetic graph, short rounds, every workload.

Keeps the harness working as the service changes; it asserts that both sides answered the
same and that the results were written, never how fast anything was.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.bench import main
from benchmarks.workloads import WORKLOADS


def test_every_workload_runs_on_both_sides_with_the_same_answers(tmp_path: Path) -> None:
    out = tmp_path / "results"
    argv = ["--entities", "300", "--rounds", "1", "--round-seconds", "0.2", "--checks", "2"]
    assert main([*argv, "--data-dir", str(tmp_path / "data"), "--out", str(out)]) == 0
    [result_file] = out.glob("*.json")
    results = json.loads(result_file.read_text())
    assert [w["key"] for w in results["workloads"]] == [w.key for w in WORKLOADS]
    for workload in results["workloads"]:
        assert workload["same_answers"], workload["mismatch"]
        assert workload["service"]["requests"] > 0 and workload["raw"]["requests"] > 0
        assert workload["round_trips"] >= 1
    assert results["meta"]["import"]["records"] > 300
    summary = next(out.glob("*.md")).read_text()
    assert summary.count("| yes |") == len(WORKLOADS)
