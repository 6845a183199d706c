"""The period an `as_of` text names: "2024" is the whole year, "2024-09" the month.

A fact attested "as of 2024" is taken to hold from 2024-01-01 to 2024-12-31 unless its
sources give exact dates; "2023-03; 2025-04" spans from the first to the last period.
"""

from __future__ import annotations

import calendar
import re

_DATE = re.compile(r"\b(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")


def period_of(as_of: str) -> tuple[str, str] | None:
    """(first day, last day) as ISO dates, or None when the text names no date."""
    starts: list[str] = []
    ends: list[str] = []
    for year_s, month_s, day_s in _DATE.findall(as_of):
        year = int(year_s)
        if month_s and day_s:
            starts.append(f"{year:04d}-{month_s}-{day_s}")
            ends.append(starts[-1])
        elif month_s:
            month = int(month_s)
            if not 1 <= month <= 12:
                continue
            last = calendar.monthrange(year, month)[1]
            starts.append(f"{year:04d}-{month:02d}-01")
            ends.append(f"{year:04d}-{month:02d}-{last:02d}")
        else:
            starts.append(f"{year:04d}-01-01")
            ends.append(f"{year:04d}-12-31")
    if not starts:
        return None
    return min(starts), max(ends)
