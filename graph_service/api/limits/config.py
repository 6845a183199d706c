"""The limits the schema enforces, as one hashable value (the schema is built once per value)."""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.settings import Settings


@dataclass(frozen=True)
class SchemaLimits:
    max_depth: int = 10
    max_aliases: int = 30
    max_selections: int = 5000
    max_field_merges: int = 2000
    max_tokens: int = 2000
    max_cost: int = 50_000
    page_cap: int = 100
    nested_page: int = 20
    introspection: bool = True
    mask_errors: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> SchemaLimits:
        return cls(
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_selections=settings.max_selections,
            max_field_merges=settings.max_field_merges,
            max_tokens=settings.max_tokens,
            max_cost=settings.max_cost,
            page_cap=settings.max_page_size,
            nested_page=settings.nested_page_size,
            introspection=settings.introspection,
            mask_errors=settings.mode == "production",
        )
