"""Relay cursor pagination: windows over an ordered result, opaque offset cursors, PageInfo.

Every ordering the service uses ends with a unique key, so an offset names the same place
in the list on every request while the graph is unchanged: ties never reorder pages.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import strawberry

from graph_service.api.errors import UserInputError

T = TypeVar("T")
_PREFIX = "cursor:v1:"
UNBOUNDED = 2**31 - 1


First = Annotated[
    int | None,
    strawberry.argument(description="Return the first n items after `after` (capped)."),
]
After = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
Last = Annotated[
    int | None,
    strawberry.argument(description="Return the last n items before `before` (capped)."),
]
Before = Annotated[str | None, strawberry.argument(description="Return items before this cursor.")]


@strawberry.type(description="Where a page sits in its connection (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item, if any.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item, if any.")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str, argument: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_PREFIX):
            raise ValueError
        offset = int(text.removeprefix(_PREFIX))
        if offset < 0:
            raise ValueError
        return offset
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise UserInputError(
            f"`{argument}` is not a valid cursor: use a cursor returned by this API"
        ) from None


@dataclass(frozen=True)
class Window:
    """Which slice of an ordered list to return: `start` may count from the end (negative)."""

    start: int
    stop: int
    last: int | None = None


def window(
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    max_page_size: int,
    default_page_size: int,
) -> Window:
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= max_page_size:
            raise UserInputError(
                f"`{name}` must be between 0 and {max_page_size} (got {value}); "
                "page through larger results with cursors"
            )
    if first is not None and last is not None:
        raise UserInputError("give `first` or `last`, not both")
    start = decode_cursor(after, "after") + 1 if after is not None else 0
    stop = decode_cursor(before, "before") if before is not None else UNBOUNDED
    stop = max(stop, start)
    if last is not None:
        if before is None:
            return Window(-last if last else UNBOUNDED, UNBOUNDED, last)
        return Window(max(start, stop - last), stop, last)
    size = default_page_size if first is None else first
    return Window(start, min(stop, start + size))


@dataclass(frozen=True)
class Placement:
    offset: int  # offset of the first returned item
    page_info: PageInfo


def connect(
    connection: Callable[..., T],
    win: Window,
    total: int,
    items: Sequence[Any],
    edge: Callable[[str, Any], Any],
) -> T:
    """The Relay connection for the `items` a window returned: each edge built by
    `edge(cursor, item)`, with page info and the total count."""
    placement = place(win, total, len(items))
    edges = [edge(encode_cursor(placement.offset + i), item) for i, item in enumerate(items)]
    return connection(edges=edges, page_info=placement.page_info, total_count=total)


def place(win: Window, total: int, returned: int) -> Placement:
    """Where the returned items sit, once the total is known."""
    offset = max(total - (win.last or 0), 0) if win.start < 0 else min(win.start, total)
    if win.start == UNBOUNDED:  # last: 0 with no `before`
        offset = total
    end = offset + returned
    info = PageInfo(
        has_next_page=end < total,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset) if returned else None,
        end_cursor=encode_cursor(end - 1) if returned else None,
    )
    return Placement(offset, info)
