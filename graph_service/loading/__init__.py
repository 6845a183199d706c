"""Getting data into and out of the graph: seed files, JSON Lines, validation, batched writes."""

from graph_service.loading.json_lines import export_graph, read_json_lines
from graph_service.loading.records import Dataset, EntityRecord, LoadError, RelationshipRecord
from graph_service.loading.seed_files import packaged_seed_files, read_seed_files
from graph_service.loading.validation import validate
from graph_service.loading.writer import load_dataset

__all__ = [
    "Dataset",
    "EntityRecord",
    "LoadError",
    "RelationshipRecord",
    "export_graph",
    "load_dataset",
    "packaged_seed_files",
    "read_json_lines",
    "read_seed_files",
    "validate",
]
