"""What a committed write touched: the entities and relationships, and how.

Mutations note what they write with `touched(...)` inside their transaction; the notes of
an attempt that rolls back (or is retried) are dropped, and `in_write_transaction`
publishes the notes of the attempt that committed as one `GraphChange`.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum


class Operation(Enum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    DELETED = "DELETED"


@dataclass(frozen=True)
class EntityTouched:
    id: str
    kind: str
    operation: Operation


@dataclass(frozen=True)
class RelationshipTouched:
    id: str
    type: str
    from_id: str
    to_id: str
    operation: Operation


@dataclass(frozen=True)
class GraphChange:
    """One committed mutation's effect on the graph."""

    mutation: str
    at: dt.datetime
    entities: tuple[EntityTouched, ...] = ()
    relationships: tuple[RelationshipTouched, ...] = ()


@dataclass(frozen=True)
class AuditWritten:
    """An audit entry the transaction writes: how a commit whose answer was lost is found."""

    id: str
    at: str


@dataclass
class Notes:
    entities: list[EntityTouched] = field(default_factory=list)
    relationships: list[RelationshipTouched] = field(default_factory=list)
    audits: list[AuditWritten] = field(default_factory=list)

    def clear(self) -> None:
        self.entities.clear()
        self.relationships.clear()
        self.audits.clear()

    def __bool__(self) -> bool:
        return bool(self.entities or self.relationships)


_notes: ContextVar[Notes | None] = ContextVar("graph_change_notes", default=None)


def recording(notes: Notes) -> object:
    """Collect the `touched` calls of the running task into `notes` (returns a reset token)."""
    return _notes.set(notes)


def stop_recording(token: object) -> None:
    _notes.reset(token)  # type: ignore[arg-type]


def audited(entry_id: str, at: str) -> None:
    """Note an audit entry the running write transaction writes."""
    notes = _notes.get()
    if notes is not None:
        notes.audits.append(AuditWritten(entry_id, at))


def touched(*things: EntityTouched | RelationshipTouched) -> None:
    """Note what the running write transaction writes (nothing when no write is recorded)."""
    notes = _notes.get()
    if notes is None:
        return
    for thing in things:
        if isinstance(thing, EntityTouched):
            notes.entities.append(thing)
        else:
            notes.relationships.append(thing)


def relationship_by_id(relationship_id: str, operation: Operation) -> RelationshipTouched:
    """A relationship noted by its stable key `from>TYPE>to[#key]`."""
    base = relationship_id.split("#", 1)[0]
    from_id, type_, to_id = base.split(">", 2)
    return RelationshipTouched(relationship_id, type_, from_id, to_id, operation)
