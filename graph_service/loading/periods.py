"""Dates with their precision, as Wikidata keeps time values: a day, a month or a year.

A relationship's window is stored as two days, `valid_from` (the first day it may have
held) and `valid_to` (the last), each with the precision the source gave it
(`valid_from_precision`, `valid_to_precision`): "2024" is stored as 2024-01-01 with YEAR
and 2024-12-31 with YEAR, so `asOf` can compare days while the API still says the year is
all that is known. A window is written with whole days (`2024-05-27`), months (`2024-05`)
or years (`2024`), or derived from `as_of` ("2024", "2023-03; 2025-04": from the first
period to the last). A bound may not claim more than its precision: YEAR from 2024-03-05
is refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

DAY, MONTH, YEAR = "DAY", "MONTH", "YEAR"
FROM, TO = "valid_from", "valid_to"
PRECISION = {FROM: "valid_from_precision", TO: "valid_to_precision"}
WINDOW_PROPERTIES = (FROM, TO, PRECISION[FROM], PRECISION[TO])

_WRITTEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_IN_TEXT = re.compile(r"\b\d{4}(?:-\d{2}(?:-\d{2})?)?\b")
_LENGTH = {YEAR: 4, MONTH: 7, DAY: 10}


@dataclass(frozen=True)
class Period:
    """The days a date written at some precision may stand for."""

    first: str  # ISO day
    last: str
    precision: str


def period_at(day: str, precision: str) -> Period:
    """The month or year (or the day itself) that contains `day`."""
    date = dt.date.fromisoformat(day)
    if precision == YEAR:
        return Period(f"{date.year:04d}-01-01", f"{date.year:04d}-12-31", YEAR)
    if precision == MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        stem = f"{date.year:04d}-{date.month:02d}"
        return Period(f"{stem}-01", f"{stem}-{last:02d}", MONTH)
    return Period(day, day, DAY)


def parse(text: str) -> Period | None:
    """`2024` (a year), `2024-05` (a month) or `2024-05-27` (a day); None if not a date."""
    found = _WRITTEN.match(text)
    if found is None:
        return None
    year, month, day = found.groups()
    try:
        if day is not None:
            return period_at(dt.date(int(year), int(month), int(day)).isoformat(), DAY)
        if month is not None:
            return period_at(dt.date(int(year), int(month), 1).isoformat(), MONTH)
        return period_at(dt.date(int(year), 1, 1).isoformat(), YEAR)
    except ValueError:
        return None


def written(day: str, precision: str | None) -> str:
    """A stored day as its precision writes it: 2024-01-01 at YEAR is `2024`."""
    return day[: _LENGTH.get(precision or DAY, 10)]


def period_of(as_of: str) -> tuple[Period, Period] | None:
    """The periods an `as_of` text starts and ends with, or None when it names no date."""
    periods = [p for token in _IN_TEXT.findall(as_of) if (p := parse(token))]
    if not periods:
        return None
    return min(periods, key=lambda p: p.first), max(periods, key=lambda p: p.last)


def window_problems(props: dict[str, Any]) -> list[str]:
    """Why a dated relationship's window is malformed: a bound that is not a date, a
    precision without its date or at odds with how the date is written, a bound narrower
    than its precision allows, or a window that ends before it starts."""
    problems: list[str] = []
    bounds: dict[str, Period] = {}
    for side in (FROM, TO):
        text, precision = props.get(side), props.get(PRECISION[side])
        if text is None:
            if precision is not None:
                problems.append(f"`{PRECISION[side]}` is given without `{side}`")
            continue
        period = parse(text) if isinstance(text, str) else None
        if period is None:
            problems.append(
                f"`{side}` must be a day YYYY-MM-DD, a month YYYY-MM or a year YYYY (got {text!r})"
            )
            continue
        if precision is None or precision == period.precision:
            bounds[side] = period
        elif period.precision != DAY:
            problems.append(
                f"`{side}` {text!r} is written to the {period.precision.lower()} but "
                f"`{PRECISION[side]}` is {precision}"
            )
        elif precision in (MONTH, YEAR):
            whole = period_at(period.first, precision)
            edge = whole.first if side == FROM else whole.last
            if edge != text:
                problems.append(
                    f"`{side}` {text} is narrower than its precision {precision} allows: a "
                    f"bound known only to the {precision.lower()} "
                    f"{'starts' if side == FROM else 'ends'} on {edge} (or write "
                    f"`{side}: '{written(edge, precision)}'`)"
                )
            else:
                bounds[side] = whole
    if FROM in bounds and TO in bounds and bounds[FROM].first > bounds[TO].last:
        problems.append(f"`valid_from` {props[FROM]} is after `valid_to` {props[TO]}")
    return problems


def stored_window(props: dict[str, Any]) -> dict[str, Any]:
    """The window as stored: days, each with its precision (DAY unless the source gave
    less); a bound the record leaves out is taken from `as_of` where that names a date."""
    derived = period_of(props["as_of"]) if isinstance(props.get("as_of"), str) else None
    window: dict[str, Any] = {}
    for side in (FROM, TO):
        text = props.get(side)
        if text is None:
            if derived is None:
                continue
            period = derived[0] if side == FROM else derived[1]
        else:
            period = parse(str(text)) or Period(str(text), str(text), DAY)
            precision = props.get(PRECISION[side])
            if precision is not None and period.precision == DAY:
                period = Period(period.first, period.last, str(precision))
                window[side] = period.first
                window[PRECISION[side]] = period.precision
                continue
        window[side] = period.first if side == FROM else period.last
        window[PRECISION[side]] = period.precision
    return window


def precision_on(props: dict[str, Any], day: str | None) -> str | None:
    """How precisely a window that holds on `day` places the fact there: DAY when `day` lies
    outside its bounds' imprecise months and years, else the coarsest of those it lies in
    (a position "in 2024" holds on 2024-05-27 only as far as the year is known). None
    without a day, or for a fact no source dates."""
    if day is None or (props.get(FROM) is None and props.get(TO) is None):
        return None
    coarsest = DAY
    for side in (FROM, TO):
        bound, precision = props.get(side), props.get(PRECISION[side]) or DAY
        if bound is None or precision == DAY:
            continue
        period = period_at(str(bound), str(precision))
        if period.first <= day <= period.last and _COARSENESS[precision] > _COARSENESS[coarsest]:
            coarsest = str(precision)
    return coarsest


_COARSENESS = {DAY: 0, MONTH: 1, YEAR: 2}
