"""A deterministic, SPBE-shaped synthetic graph of any size, as JSON Lines records."""

from graph_service.synthetic.counts import MIN_ENTITIES, Counts, plan_counts
from graph_service.synthetic.generator import generate_lines, write_json_lines

__all__ = ["MIN_ENTITIES", "Counts", "generate_lines", "plan_counts", "write_json_lines"]
