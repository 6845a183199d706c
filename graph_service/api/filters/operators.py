"""The operator inputs of filters, one per value type (`StringFilter`, `IntFilter`, ...).

Every operator given in one input must hold (they are ANDed); an input with none holds
for everything.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from graph_service.api.types.values import ENUM_TYPES
from graph_service.ontology import ENUM_WORDS, Property, ValueType, enum_name


@strawberry.input(
    description="Conditions on a text value. Case and accents are ignored (`Cimahi` finds "
    "`cimahi` and `Cimàhi`); on names punctuation and spacing are ignored too."
)
class StringFilter:
    equals: str | None = strawberry.field(default=None, description="Equal to this text.")
    in_: list[str] | None = strawberry.field(
        default=None, name="in", description="Equal to one of these texts."
    )
    contains: str | None = strawberry.field(default=None, description="Contains this text.")
    starts_with: str | None = strawberry.field(default=None, description="Starts with this text.")


@strawberry.input(description="Conditions on a key: exact, case-sensitive matches.")
class IDFilter:
    equals: strawberry.ID | None = strawberry.field(default=None, description="This key.")
    in_: list[strawberry.ID] | None = strawberry.field(
        default=None, name="in", description="One of these keys."
    )


@strawberry.input(description="Conditions on a whole number.")
class IntFilter:
    equals: int | None = strawberry.field(default=None, description="Equal to this number.")
    in_: list[int] | None = strawberry.field(
        default=None, name="in", description="Equal to one of these numbers."
    )
    gt: int | None = strawberry.field(default=None, description="Greater than this number.")
    gte: int | None = strawberry.field(default=None, description="At least this number.")
    lt: int | None = strawberry.field(default=None, description="Less than this number.")
    lte: int | None = strawberry.field(default=None, description="At most this number.")


@strawberry.input(description="Conditions on a decimal number.")
class FloatFilter:
    equals: float | None = strawberry.field(default=None, description="Equal to this number.")
    in_: list[float] | None = strawberry.field(
        default=None, name="in", description="Equal to one of these numbers."
    )
    gt: float | None = strawberry.field(default=None, description="Greater than this number.")
    gte: float | None = strawberry.field(default=None, description="At least this number.")
    lt: float | None = strawberry.field(default=None, description="Less than this number.")
    lte: float | None = strawberry.field(default=None, description="At most this number.")


@strawberry.input(description="Conditions on a day (ISO dates compare in calendar order).")
class DateFilter:
    equals: dt.date | None = strawberry.field(default=None, description="This day.")
    gt: dt.date | None = strawberry.field(default=None, description="After this day.")
    gte: dt.date | None = strawberry.field(default=None, description="On or after this day.")
    lt: dt.date | None = strawberry.field(default=None, description="Before this day.")
    lte: dt.date | None = strawberry.field(default=None, description="On or before this day.")


@strawberry.input(description="Conditions on a yes/no value.")
class BooleanFilter:
    equals: bool | None = strawberry.field(default=None, description="Equal to this value.")


def _enum_filter(name: str) -> type:
    values = ENUM_TYPES[name]
    namespace: dict[str, Any] = {
        "__annotations__": {"equals": values | None, "in_": list[values] | None},  # type: ignore[valid-type]
        "equals": strawberry.field(default=None, description="This value."),
        "in_": strawberry.field(default=None, name="in", description="One of these values."),
    }
    return strawberry.input(
        type(f"{name}Filter", (), namespace), description=f"Conditions on {ENUM_WORDS[name]}."
    )


ENUM_FILTERS: dict[str, type] = {name: _enum_filter(name) for name in ENUM_TYPES}

_BY_TYPE: dict[ValueType, type] = {
    ValueType.STRING: StringFilter,
    ValueType.STRING_LIST: StringFilter,
    ValueType.INT: IntFilter,
    ValueType.FLOAT: FloatFilter,
    ValueType.DATE: DateFilter,
    ValueType.BOOLEAN: BooleanFilter,
}


def operator_input(prop: Property) -> type:
    """The operator input that filters `prop`."""
    if prop.type is ValueType.ENUM:
        return ENUM_FILTERS[enum_name(prop)]
    return _BY_TYPE[prop.type]


@strawberry.enum(description="Which way to sort.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"
