"""What every resolver of one request shares: its graph view, query log and loaders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from graph_service.api.loaders import Loaders
from graph_service.api.types.registry import entity_object
from graph_service.graph.executor import Graph, QueryLog
from graph_service.settings import Settings

if TYPE_CHECKING:
    from graph_service.api.subscriptions.broker import ChangeBroker


@dataclass(frozen=True)
class Principal:
    """Who sent a request, as established by authentication; None means anonymous."""

    subject: str
    roles: frozenset[str]


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    graph: Graph
    settings: Settings
    log: QueryLog
    trace: bool = False
    principal: Principal | None = None
    changes: ChangeBroker | None = None  # where committed writes are published
    connection_params: dict[str, Any] | None = None  # a WebSocket's connection_init payload
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.graph)

    async def load_entities(self, ids: Iterable[str]) -> list[Any]:
        """The typed objects of `ids` that exist, in order, in one batched round trip."""
        rows = await self.loaders.entities(list(ids))
        return [entity_object(row["labels"], row["props"]) for row in rows if row is not None]

    async def load_entity(self, id_: str) -> Any | None:
        found = await self.load_entities([id_])
        return found[0] if found else None
