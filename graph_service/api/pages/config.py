"""What the explorer page needs to know about the graph's vocabulary, read from the ontology
(the one place that names kinds and relationship types), embedded in the page as JSON."""

from __future__ import annotations

from typing import Any

from strawberry.utils.str_converters import to_camel_case

from graph_service.ontology import ENTITY_KINDS, RELATIONSHIP_TYPES


def explorer_config() -> dict[str, Any]:
    return {
        "kinds": [
            {
                "name": kind.name,
                "description": kind.description,
                "fields": [to_camel_case(p.name) for p in kind.properties],
            }
            for kind in ENTITY_KINDS
        ],
        "relationshipTypes": [
            {"name": rel.name, "description": rel.description, "dated": rel.dated}
            for rel in RELATIONSHIP_TYPES
        ],
    }
