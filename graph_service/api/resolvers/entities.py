"""`node`, `nodes` and the root connection of each entity kind."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_service.api.context import Context
from graph_service.api.errors import UserInputError
from graph_service.api.filters import KIND_FILTERS, KIND_ORDERS
from graph_service.api.translate import read_kind_list, read_node, read_nodes
from graph_service.api.types.entity import Node
from graph_service.api.types.pagination import After, Before, First, Last
from graph_service.ontology import EntityKind, kind_noun


async def node(
    info: strawberry.Info[Context, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="The entity's key.")],
) -> Node | None:
    return await read_node(info, str(id))


async def nodes(
    info: strawberry.Info[Context, None],
    ids: Annotated[list[strawberry.ID], strawberry.argument(description="Entity keys.")],
) -> list[Node | None]:
    keys = checked_ids(ids, info.context.settings.max_page_size)
    found = {e.id: e for e in await read_nodes(info, keys)}
    return [found.get(key) for key in keys]


def checked_ids(ids: list[Any], cap: int) -> list[str]:
    """The keys of `nodes(ids)`, refused when there are more than a page."""
    if len(ids) > cap:
        raise UserInputError(f"`ids` may name at most {cap} entities (got {len(ids)})")
    return [str(i) for i in ids]


def kind_list_field(kind: EntityKind, connection: type) -> StrawberryField:
    """The root connection over the entities of `kind`, filtered and ordered (by name)."""

    async def resolve(
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Any = None,
        order_by: Any = None,
    ) -> Any:
        args = {"first": first, "after": after, "last": last, "before": before}
        return await read_kind_list(
            info, kind.name, connection, {**args, "filter": filter, "order_by": order_by}
        )

    resolve.__annotations__["return"] = connection
    resolve.__annotations__["filter"] = Annotated[
        KIND_FILTERS[kind.name] | None,
        strawberry.argument(description="Keep only the entities matching these conditions."),
    ]
    resolve.__annotations__["order_by"] = Annotated[
        list[KIND_ORDERS[kind.name]] | None,  # type: ignore[valid-type,name-defined]
        strawberry.argument(
            description="Sort keys, most significant first (default: by name); the key "
            "always breaks ties, so paging is stable."
        ),
    ]
    return strawberry.field(
        resolver=resolve,
        name=kind.plural,
        description=f"The {kind_noun(kind.name, plural=True)}, filtered and ordered (by name "
        f"unless `orderBy` says otherwise). {kind.description}",
    )
