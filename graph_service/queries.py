"""The Cypher the service sends, read once from the `.cypher` files of `cypher/`.

One statement per file, named like the function that runs it. A file may name a label or
relationship type with the placeholders `__KIND__` / `__TYPE__`; `render` fills them only
from the ontology's own objects, never from a client's string, so every file stays valid
Cypher for the linter and every label the service sends is one the ontology declares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from graph_service.ontology import INDEXES, EntityKind, IndexDeclaration, RelationshipType

KIND_PLACEHOLDER = "__KIND__"
TYPE_PLACEHOLDER = "__TYPE__"
INDEX_PLACEHOLDER = "__INDEX__"
PROPERTY_PLACEHOLDER = "__PROPERTY__"


@dataclass(frozen=True)
class CypherQuery:
    name: str
    text: str


@cache
def load_all() -> dict[str, str]:
    """Every `.cypher` file of the package, by name without the extension."""
    root = files("graph_service.cypher")
    return {
        entry.name.removesuffix(".cypher"): entry.read_text(encoding="utf-8").strip()
        for entry in root.iterdir()
        if entry.name.endswith(".cypher")
    }


def query(name: str) -> CypherQuery:
    text = load_all()[name]
    if KIND_PLACEHOLDER in text or TYPE_PLACEHOLDER in text:
        raise ValueError(f"{name}.cypher has placeholders: use render()")
    return CypherQuery(name, text)


def render_index(
    name: str,
    index: IndexDeclaration,
    *,
    index_name: str | None = None,
    property_: str | None = None,
) -> CypherQuery:
    """A setup statement for one of the ontology's declared indexes: by default its own
    name and property; `index_name`/`property_` for the statements around it (the index it
    supersedes, the type of one of its properties), which must derive from it."""
    if index not in INDEXES:
        raise ValueError("render_index() takes the ontology's own index declarations")
    named = index_name or index.index_name()
    prop = property_ or index.property
    if prop not in index.key_properties() or not named.startswith(index.superseded_name() or named):
        raise ValueError(f"{named}.{prop} is not derived from the index {index.index_name()}")
    text = (
        load_all()[name]
        .replace(INDEX_PLACEHOLDER, named)
        .replace(KIND_PLACEHOLDER, index.label)
        .replace(PROPERTY_PLACEHOLDER, prop)
    )
    return CypherQuery(f"{name}:{named}", text)


def render(
    name: str,
    *,
    kind: EntityKind | None = None,
    rel: RelationshipType | Sequence[RelationshipType] | None = None,
) -> CypherQuery:
    """The query `name` with its label placeholders filled from the ontology.

    Several relationship types fill `__TYPE__` as an alternation (`A|B`), for patterns
    such as `-[:__TYPE__*..6]-`.
    """
    text = load_all()[name]
    names: list[str] = []
    if kind is not None:
        text = text.replace(KIND_PLACEHOLDER, kind.name)
        names.append(kind.name)
    if rel is not None:
        rels = [rel] if isinstance(rel, RelationshipType) else list(rel)
        if not rels or not all(isinstance(r, RelationshipType) for r in rels):
            raise ValueError("render() takes ontology RelationshipType objects")
        alternation = "|".join(sorted({r.name for r in rels}))
        text = text.replace(TYPE_PLACEHOLDER, alternation)
        names.append(alternation)
    if KIND_PLACEHOLDER in text or TYPE_PLACEHOLDER in text:
        raise ValueError(f"{name}.cypher still has a placeholder after rendering")
    return CypherQuery(f"{name}:{':'.join(names)}" if names else name, text)
