"""The generated GraphQL type of each entity kind, filled in by `kinds.py`.

Kept apart so that modules the kinds depend on can turn rows into typed objects without
importing `kinds.py` (which imports them).
"""

from __future__ import annotations

from typing import Any

KIND_TYPES: dict[str, type] = {}


def entity_object(labels: list[str], props: dict[str, Any]) -> Any:
    """The typed GraphQL object for a stored node."""
    from graph_service.ontology import kind_of_labels

    return KIND_TYPES[kind_of_labels(labels)](id=props["id"], props=props, labels=labels)
