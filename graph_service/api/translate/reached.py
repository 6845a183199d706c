"""Entities reached outside a translated root field, read through the same translation.

Search, paths, a subgraph, a timeline or `supportedBy` find the keys of entities first;
`read_reached` then reads them with what the document selects below each position (its
properties, sources and relationship pages) in one statement for all positions. Fields
resolved one object at a time (a link such as `onBehalfOf`, the award of an aggregate, a
mutation's result) go through `EntityReader`: one DataLoader per position in the
document, so every parent at that position shares one statement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, get_named_type
from strawberry.dataloader import DataLoader

from graph_service.api.translate import results
from graph_service.api.translate.cypher import Statement, entities_statement
from graph_service.api.translate.plan import EntityPlan
from graph_service.api.translate.selection import ALL_KINDS, Selection
from graph_service.graph.executor import Graph
from graph_service.ontology import RelationshipType, kind_of_labels
from graph_service.queries import CypherQuery

Row = dict[str, Any]


@dataclass(frozen=True)
class Reached:
    """Keys found at `path` below the root field (GraphQL field names, lists skipped)."""

    path: tuple[str, ...]
    ids: list[str]
    kinds: tuple[str, ...] = ALL_KINDS
    required: bool = False  # read (their keys and kinds) even when nothing is selected
    # Objects already built from every stored property: enough when the selection reads
    # no relationship page and no sources, so no statement is needed.
    known: dict[str, Any] | None = None


async def _rows(graph: Graph, statement: Statement) -> Row:
    # Values only (map projections): an auto-commit read, no BEGIN/COMMIT round trip.
    rows = await graph.read_values(CypherQuery(statement.name, statement.text), statement.params)
    return rows[0] if rows else {}


def reached_plan(
    info: Any, path: Iterable[str], kinds: Iterable[str] = ALL_KINDS
) -> EntityPlan | None:
    """What the document reads of the entities at `path` below the current field; None
    when it selects nothing there."""
    raw = info._raw_info
    selection = Selection.of(info)
    nodes, _ = selection.descend(raw.field_nodes, get_named_type(raw.return_type).name, path)
    return selection.entity(nodes, kinds) if nodes else None


async def read_reached(info: Any, *positions: Reached) -> list[dict[str, Any] | None]:
    """For each position, its entities by key (missing keys left out), or None when the
    document selects nothing there: one round trip for all of them."""
    plans = [
        reached_plan(info, p.path, p.kinds) or (EntityPlan() if p.required else None)
        for p in positions
    ]
    found: list[dict[str, Any] | None] = [None if plan is None else {} for plan in plans]
    wanted = []
    for i, (p, plan) in enumerate(zip(positions, plans, strict=True)):
        if plan is None or not p.ids:
            continue
        if p.known is not None and not plan.relations and plan.sources is None:
            found[i] = p.known
        else:
            wanted.append((i, plan, list(dict.fromkeys(p.ids))))
    if not wanted:
        return found
    row = await _rows(info.context.graph, entities_statement([(p, ids) for _, p, ids in wanted]))
    for j, (i, plan, _) in enumerate(wanted):
        found[i] = {r["id"]: results.entity(plan, r) for r in row.get(f"e{j}") or []}
    return found


class EntityReader:
    """Per request: entities and relationship pages wanted by fields resolved one parent
    at a time, batched per position in the document."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._loaders: dict[tuple[Any, ...], DataLoader[str, Any]] = {}
        self._plans: dict[tuple[Any, ...], EntityPlan] = {}

    async def entities(
        self, info: Any, ids: Iterable[str], kinds: Iterable[str] = ALL_KINDS
    ) -> list[Any]:
        """The entities of `ids` that exist, in order, with the field's selection."""
        kinds = tuple(kinds)
        nodes: list[FieldNode] = info._raw_info.field_nodes
        key = ("entities", kinds, *map(id, nodes))
        loader = self._loaders.get(key)
        if loader is None:
            plan = Selection.of(info).entity(nodes, kinds)
            loader = self._loaders[key] = DataLoader(load_fn=self._loader(plan))
        found = await loader.load_many(list(ids))
        return [e for e in found if e is not None]

    async def entity(self, info: Any, id_: str, kinds: Iterable[str] = ALL_KINDS) -> Any | None:
        found = await self.entities(info, [id_], kinds)
        return found[0] if found else None

    async def relation(self, info: Any, parent: Any, rel: RelationshipType, direction: str) -> Any:
        """One relationship connection of an entity read without it (a mutation's result)."""
        kind = kind_of_labels(parent.labels)
        nodes: list[FieldNode] = info._raw_info.field_nodes
        alias = info.path.key
        key = ("relation", kind, alias, *map(id, nodes))
        if key not in self._plans:
            plan = EntityPlan()
            Selection.of(info).add_relation(plan, kind, alias, nodes, rel, direction)
            self._plans[key] = plan
            self._loaders[key] = DataLoader(load_fn=self._loader(plan))
        found = await self._loaders[key].load(str(parent.id))
        if found is None:  # gone since (a deleted entity's last state): nothing links to it
            return results.connection(self._plans[key].relations[0], [], 0, str(parent.id))
        return found.nested[alias]

    def _loader(self, plan: EntityPlan) -> Any:
        async def load(ids: list[str]) -> list[Any]:
            row = await _rows(self.graph, entities_statement([(plan, list(ids))]))
            found = {r["id"]: results.entity(plan, r) for r in row.get("e0") or []}
            return [found.get(i) for i in ids]

        return load
