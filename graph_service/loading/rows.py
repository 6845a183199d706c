"""Records as the property maps stored in the graph, and back.

Stored beside each entity's own properties: `search_terms` (normalised name and aliases,
derived), `_revision` (bumped by mutations that lock the entity, see `api.mutations.state`;
never exported), `sources` (keys of Source entities) and `unverified` (only when true). A dated
relationship's window is stored as days with their precision (`loading.periods`): written as
a month or a year, or taken from the period `as_of` names.
"""

from __future__ import annotations

from typing import Any

from graph_service.loading.periods import stored_window
from graph_service.loading.records import EntityRecord, RelationshipRecord
from graph_service.ontology import RELATIONSHIPS_BY_NAME, kind_of_labels
from graph_service.text_search import search_terms

DERIVED_ENTITY_PROPERTIES = ("search_terms", "_revision")
ENTITY_ENVELOPE = ("id", "name", "aliases", "sources", "unverified")
RELATIONSHIP_ENVELOPE = ("id", "key", "sources", "unverified")

Row = dict[str, Any]


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out unset (None) values; an explicit `false` (e.g. `head: false`) is a fact."""
    return {k: v for k, v in values.items() if v is not None}


def entity_row(entity: EntityRecord) -> Row:
    props = _present(entity.properties)
    props.update(
        id=entity.id,
        name=entity.name,
        aliases=list(entity.aliases),
        sources=list(entity.sources),
        search_terms=search_terms([entity.name, *entity.aliases]),
    )
    if entity.unverified:
        props["unverified"] = True
    return {"id": entity.id, "props": props}


def relationship_row(rel: RelationshipRecord) -> Row:
    props = _present(rel.properties)
    rel_type = RELATIONSHIPS_BY_NAME[rel.type]
    if rel_type.dated:
        props.update(stored_window(props))
    props.update(id=rel.id, sources=list(rel.sources))
    if rel.key is not None:
        props["key"] = rel.key
    if rel.unverified:
        props["unverified"] = True
    return {"id": rel.id, "from": rel.from_id, "to": rel.to_id, "props": props}


def entity_from_row(labels: list[str], props: dict[str, Any]) -> EntityRecord:
    rest = {
        k: v
        for k, v in props.items()
        if k not in ENTITY_ENVELOPE and k not in DERIVED_ENTITY_PROPERTIES
    }
    return EntityRecord(
        id=props["id"],
        kind=kind_of_labels(labels),
        name=props["name"],
        aliases=list(props.get("aliases") or []),
        properties=dict(sorted(rest.items())),
        sources=list(props.get("sources") or []),
        unverified=bool(props.get("unverified", False)),
    )


def relationship_from_row(
    rel_type: str, from_id: str, to_id: str, props: dict[str, Any]
) -> RelationshipRecord:
    rest = {k: v for k, v in props.items() if k not in RELATIONSHIP_ENVELOPE}
    return RelationshipRecord(
        type=rel_type,
        from_id=from_id,
        to_id=to_id,
        key=props.get("key"),
        properties=dict(sorted(rest.items())),
        sources=list(props.get("sources") or []),
        unverified=bool(props.get("unverified", False)),
    )
