"""`indexScoreStats` as one statement: the entity filter as predicates, a pure step.

The entities are matched by their kind labels (one label scan per kind), filtered by the
same predicates a root connection uses (`predicates.py`: plain comparisons, relationship
conditions as `EXISTS { ... }`), then their typed score relationships are aggregated.
"""

from __future__ import annotations

from typing import Any

from graph_service.api.filters import compile_filter
from graph_service.api.translate.cypher import Statement
from graph_service.api.translate.names import label, rel_type
from graph_service.api.translate.params import Params
from graph_service.api.translate.predicates import groups


def index_scores_statement(
    kinds: list[str], filter_: Any, year: int | None, rel: str = "HAS_SPBE_INDEX"
) -> Statement:
    params = Params()
    dnf = compile_filter(filter_)
    conditions = [groups(params, dnf, "n", None)] if dnf is not None else []
    where = f"\n  WHERE {' AND '.join(conditions)}" if conditions else ""
    scans = "\n  UNION\n".join(
        f"  MATCH (n:{label(kind)}){where}\n  RETURN n" for kind in sorted(set(kinds))
    )
    score = f"MATCH (n)-[r:{rel_type(rel)}]->(:Entity)"
    if year is not None:
        score += f"\nWHERE r.year = {params.add(year)}"
    text = "\n".join(
        [
            "CALL () {",
            scans,
            "}",
            score,
            "RETURN count(r.value) AS count, count(DISTINCT n) AS entities, min(r.value) AS min,",
            "       max(r.value) AS max, avg(r.value) AS average",
        ]
    )
    return Statement("translate:index_scores", text, params.values)
