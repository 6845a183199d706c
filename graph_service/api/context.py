"""What every resolver of one request shares: its graph view, query log and entity reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from graph_service.api.translate.reached import EntityReader
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
    # Set by the fast path's direct entry when it already ran the fast path for this request:
    # the result it got (None: GraphQL execution must answer), see `fast_reads/extension.py`.
    fast_reads_ran: bool = False
    fast_reads_result: Any = None
    fast_reads_program: Any = None  # the program the extension served the request with
    reader: EntityReader = field(init=False)

    def __post_init__(self) -> None:
        self.reader = EntityReader(self.graph)
