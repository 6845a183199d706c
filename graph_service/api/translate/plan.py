"""The intermediate form: a root field's selection as a small tree of typed nodes.

`selection.py` builds it from the GraphQL document; `cypher.py` turns it into one
statement; `results.py` turns the statement's rows back into the GraphQL objects. Nothing
here touches a database or Strawberry, so translations are easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_service.ontology import RelationshipType


@dataclass(frozen=True)
class Page:
    """Relay arguments of one connection, validated (`first`/`last` within the cap)."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    @property
    def backward(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int:
        return self.last if self.last is not None else self.first or 0


@dataclass
class EntityPlan:
    """What to read of an entity: its stored properties, its sources, its relationship
    pages. `relations` apply per kind (`RelationPlan.kinds`), as fragments select them."""

    props: set[str] = field(default_factory=lambda: {"id"})
    sources: EntityPlan | None = None
    relations: list[RelationPlan] = field(default_factory=list)


@dataclass
class RelationPlan:
    """One relationship connection under an entity (one alias of one field)."""

    alias: str
    rel: RelationshipType
    direction: str  # OUT or IN
    kinds: frozenset[str]  # the parent kinds this alias means this field on
    page: Page
    filter: Any = None  # the generated edge filter input, or None
    order_by: Any = None  # list of generated order inputs, or None
    as_of: str | None = None
    year: int | None = None
    total: bool = False  # totalCount selected
    edges: bool = True  # edges or pageInfo selected
    edge_props: set[str] = field(default_factory=lambda: {"id"})
    edge_sources: EntityPlan | None = None
    node: EntityPlan = field(default_factory=EntityPlan)
    arguments: dict[str, Any] = field(default_factory=dict, repr=False)  # as given


@dataclass
class ListPlan:
    """A root connection over one kind."""

    kind: str
    page: Page
    node: EntityPlan
    filter: Any = None
    order_by: Any = None
    total: bool = False
    edges: bool = True
