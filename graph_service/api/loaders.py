"""One per-request DataLoader for everything nested fields fetch.

Entity lookups (e.g. `sources`) and relationship pages requested at the same level of a
selection are queued together and fetched in a single Cypher round trip (`load_batch`),
so a request costs one query per nesting level however many parents and fields it has.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from graph_service.api.filters.compile import fold_table
from graph_service.api.filters.ordering import DEFAULT_EDGE_ORDER, compile_order
from graph_service.graph.executor import Graph
from graph_service.queries import query

Row = dict[str, Any]


@dataclass(frozen=True)
class EntityRequest:
    id: str


@dataclass(frozen=True)
class RelationshipPageRequest:
    """One page of one relationship field of one entity."""

    id: str
    type: str
    direction: str  # "OUT" or "IN"
    start: int
    stop: int
    asOf: str | None = None  # noqa: N815 - mirrors the Cypher parameter
    year: int | None = None
    # The compiled edge filter and sort slots (see api/filters), as JSON so that the
    # request stays hashable for the DataLoader; None: no filter, the default order.
    filter: str | None = None
    order: str | None = None
    # The type by which the page also reaches further ends (`incoming_through`), or None.
    through: str | None = None

    def params(self, index: int) -> dict[str, Any]:
        """The request as `load_batch` reads it."""
        order = json.loads(self.order) if self.order else compile_order(None, DEFAULT_EDGE_ORDER)
        filter_ = json.loads(self.filter) if self.filter else None
        return {"index": index, **asdict(self), "filter": filter_, "order": order}


@dataclass(frozen=True)
class RelationshipPage:
    total: int
    rows: list[Row]


Request = EntityRequest | RelationshipPageRequest
Result = Row | RelationshipPage | None


class Loaders:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.batch: DataLoader[Request, Result] = DataLoader(load_fn=self._load_batch)

    async def entities(self, ids: Sequence[str]) -> list[Row | None]:
        results = await self.batch.load_many([EntityRequest(i) for i in ids])
        return [r if isinstance(r, dict) else None for r in results]

    async def relationships(self, request: RelationshipPageRequest) -> RelationshipPage:
        result = await self.batch.load(request)
        return result if isinstance(result, RelationshipPage) else RelationshipPage(0, [])

    async def _load_batch(self, requests: Sequence[Request]) -> list[Result]:
        ids = sorted({r.id for r in requests if isinstance(r, EntityRequest)})
        pages = [(i, r) for i, r in enumerate(requests) if isinstance(r, RelationshipPageRequest)]
        rows = await self.graph.read(
            query("load_batch"),
            ids=ids,
            requests=[r.params(i) for i, r in pages],
            # The folding table only travels when an edge filter compares text.
            fold=fold_table() if any(r.filter for _, r in pages) else [],
        )
        entities = {e["id"]: e for e in rows[0]["entities"]} if rows else {}
        found = {p["index"]: p for p in rows[0]["pages"]} if rows else {}
        results: list[Result] = []
        for i, request in enumerate(requests):
            if isinstance(request, EntityRequest):
                results.append(entities.get(request.id))
            else:
                page = found.get(i)
                results.append(
                    RelationshipPage(page["total"], page["page"] or [])
                    if page
                    else RelationshipPage(0, [])
                )
        return results
