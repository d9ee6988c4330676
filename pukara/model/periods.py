"""ISO dates and periods of varying precision, and the days they cover.

A date or period is ISO text at a day, month or year ("2024-11-20", "2024-11", "2024") or a
range of two such ("2019/2022"). ``day_lo`` and ``day_hi`` give the first and last day it
covers as "YYYY-MM-DD", so that "does this overlap [since, until]" is two text comparisons
on any engine: ``day_hi(x) >= day_lo(since) and day_lo(x) <= day_hi(until)``.
``check_bound`` validates a user's bound ("2024-13" is refused with the reason).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["check_bound", "day_hi", "day_lo", "overlaps"]

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parts(text: str) -> tuple[int, int | None, int | None] | None:
    m = _PART.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            dt.date(year, int(month or 1), int(day))
        elif month is not None and not 1 <= int(month) <= 12:
            return None
    except ValueError:
        return None
    return year, int(month) if month else None, int(day) if day else None


def day_lo(value: str | None) -> str | None:
    """First day covered by an ISO date, month, year or range; None when unreadable."""
    if not value:
        return None
    parts = _parts(value.split("/", 1)[0])
    if parts is None:
        return None
    year, month, day = parts
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


def day_hi(value: str | None) -> str | None:
    """Last day covered by an ISO date, month, year or range; None when unreadable."""
    if not value:
        return None
    parts = _parts(value.rsplit("/", 1)[-1])
    if parts is None:
        return None
    year, month, day = parts
    if day is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    last_month = month or 12
    last_day = calendar.monthrange(year, last_month)[1]
    return f"{year:04d}-{last_month:02d}-{last_day:02d}"


def check_bound(value: object, label: str = "date") -> str | None:
    """A window bound as ISO text (``2020``, ``"2020-05"``, ``date(2020, 5, 1)``) or None;
    ValueError naming ``label`` and what is accepted otherwise."""
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if _parts(text) is None:
        raise ValueError(
            f"{label} {text[:40]!r}: not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-05)"
        )
    return text


def overlaps(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether ``value`` overlaps [since, until] (bounds inclusive, None open)."""
    if since is None and until is None:
        return True
    lo, hi = day_lo(value), day_hi(value)
    if lo is None or hi is None:
        return False
    return (since is None or hi >= (day_lo(since) or "")) and (
        until is None or lo <= (day_hi(until) or "9999")
    )
