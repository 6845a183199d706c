"""`auditLog`: the record of every write, newest first, for admins only.

Pages are keyed by (time, id) rather than by offset, so entries written while an admin
pages through do not shift the pages already seen.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

import strawberry

from graph_service.api.context import Context
from graph_service.api.errors import UserInputError
from graph_service.api.mutations.access import require_admin
from graph_service.api.types.pagination import PageInfo
from graph_service.queries import query

_PREFIX = "audit:v1:"


@strawberry.type(description="One recorded write: who changed what, when, from what to what.")
class AuditEntry:
    id: strawberry.ID = strawberry.field(description="The entry's own key.")
    at: str = strawberry.field(description="Server time of the write, ISO 8601 in UTC.")
    subject: str = strawberry.field(description="Who wrote: the token's subject.")
    operation: str = strawberry.field(description="The mutation, e.g. `createAgency`.")
    target_ids: list[strawberry.ID] = strawberry.field(
        description="Keys of the entities and relationships written."
    )
    before: str | None = strawberry.field(
        description="The stored properties before, as JSON; null when it did not exist."
    )
    after: str | None = strawberry.field(
        description="The stored properties after, as JSON; null when it was deleted."
    )


@strawberry.type(description="An audit entry in a page of the log.")
class AuditEntryEdge:
    cursor: str = strawberry.field(description="Where this entry sits; pass it as `after`.")
    node: AuditEntry = strawberry.field(description="The entry.")


@strawberry.type(description="A page of the audit log, newest first.")
class AuditLogConnection:
    edges: list[AuditEntryEdge] = strawberry.field(description="The entries on this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")


def _encode(at: str, id_: str) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{at}|{id_}".encode()).decode()


def _decode(cursor: str) -> tuple[str, str]:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        at, _, id_ = text.removeprefix(_PREFIX).partition("|")
        if not text.startswith(_PREFIX) or not id_:
            raise ValueError
        return at, id_
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise UserInputError("`after` is not a valid cursor: use one this API returned") from None


async def audit_log(
    info: strawberry.Info[Context, None],
    first: Annotated[
        int | None, strawberry.argument(description="How many entries (capped).")
    ] = None,
    after: Annotated[
        str | None, strawberry.argument(description="Return entries older than this cursor.")
    ] = None,
    subject: Annotated[
        str | None, strawberry.argument(description="Only the writes of this subject.")
    ] = None,
    target_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="Only the writes to this entity or relationship."),
    ] = None,
) -> AuditLogConnection:
    require_admin(info)
    cap = info.context.settings.max_page_size
    if first is not None and not 0 <= first <= cap:
        raise UserInputError(f"`first` must be between 0 and {cap} (got {first})")
    size = cap if first is None else first
    after_at, after_id = _decode(after) if after else (None, None)
    rows = await info.context.graph.read(
        query("list_audit_entries"),
        subject=subject,
        targetId=None if target_id is None else str(target_id),
        afterAt=after_at,
        afterId=after_id,
        limit=size + 1,
    )
    page = [row["entry"] for row in rows[:size]]
    edges = [
        AuditEntryEdge(
            cursor=_encode(e["at"], e["id"]),
            node=AuditEntry(
                id=strawberry.ID(e["id"]),
                at=e["at"],
                subject=e["subject"],
                operation=e["operation"],
                target_ids=[strawberry.ID(t) for t in e["target_ids"] or []],
                before=e.get("before"),
                after=e.get("after"),
            ),
        )
        for e in page
    ]
    info_ = PageInfo(
        has_next_page=len(rows) > size,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return AuditLogConnection(edges=edges, page_info=info_)
