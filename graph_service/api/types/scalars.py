"""The custom scalars, each with `@specifiedBy` pointing at the format it follows.

Codegen maps a scalar by name (`scalars: { Date: "string" }` in its config); the URL tells
client developers, and tools, exactly what the strings look like.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition

SCALARS: dict[object, ScalarDefinition] = {
    dt.date: dataclasses.replace(
        DateDefinition,
        description="A calendar date, `YYYY-MM-DD` (RFC 3339 full-date), e.g. 2024-05-27.",
        specified_by_url="https://scalars.graphql.org/andimarek/local-date.html",
    ),
    dt.datetime: dataclasses.replace(
        DateTimeDefinition,
        description="An instant with its UTC offset (RFC 3339 date-time), e.g. "
        "2024-05-27T09:30:00+00:00.",
        specified_by_url="https://scalars.graphql.org/andimarek/date-time.html",
    ),
}
