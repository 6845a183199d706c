"""Entities and relationships as loaded from seed files or JSON Lines, before validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Origin:
    """Where a record was read: the file and the entry's place in it (`unit`: entry, line)."""

    file: str
    entry: int
    unit: str = "entry"

    def __str__(self) -> str:
        return f"{self.file} {self.unit} {self.entry}"


@dataclass
class EntityRecord:
    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    unverified: bool = False
    origin: Origin = Origin("<memory>", 0)


@dataclass
class RelationshipRecord:
    type: str
    from_id: str
    to_id: str
    key: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    unverified: bool = False
    origin: Origin = Origin("<memory>", 0)

    @property
    def id(self) -> str:
        base = f"{self.from_id}>{self.type}>{self.to_id}"
        return f"{base}#{self.key}" if self.key else base


@dataclass
class Dataset:
    entities: list[EntityRecord] = field(default_factory=list)
    relationships: list[RelationshipRecord] = field(default_factory=list)

    def extend(self, other: Dataset) -> None:
        self.entities.extend(other.entities)
        self.relationships.extend(other.relationships)


class LoadError(Exception):
    """Input that cannot be loaded; `problems` names each bad entry with its file."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n  ".join(problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s), nothing was written:\n  {shown}{more}")
