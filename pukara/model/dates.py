"""Read dates written in English or Spanish prose into ``FuzzyDate`` values.

Understands "November 20, 2024", "20 November 2024", "20 de noviembre de 2024",
"Nov. 2024", "noviembre de 2024", "2024-11-20", "20/11/2024" (day first, as in Peru),
and a bare year. Returns ``None`` rather than guessing when nothing is found.
"""

from __future__ import annotations

import datetime as dt
import re

from pukara.model.values import DatePrecision, FuzzyDate

__all__ = ["MONTHS", "find_dates", "parse_date_text"]

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan", "enero", "ene"),
        ("february", "feb", "febrero"),
        ("march", "mar", "marzo"),
        ("april", "apr", "abril", "abr"),
        ("may", "mayo"),
        ("june", "jun", "junio"),
        ("july", "jul", "julio"),
        ("august", "aug", "agosto", "ago"),
        ("september", "sep", "sept", "septiembre", "setiembre", "set"),
        ("october", "oct", "octubre"),
        ("november", "nov", "noviembre"),
        ("december", "dec", "diciembre", "dic"),
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(1[89]\d\d|20\d\d)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_YEAR}-(\d{{1,2}})-(\d{{1,2}})(?!\d)"), "ymd"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I), "mdy"),
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th|º|°)?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de(?:l)?\s+)?{_YEAR}\b",
            re.I,
        ),
        "dmy",
    ),
    (re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/{_YEAR}\b"), "dmy_num"),
    (re.compile(rf"\b({_MONTH_RE})\.?,?\s+(?:de(?:l)?\s+)?{_YEAR}\b", re.I), "my"),
]


def _build(kind: str, groups: tuple[str, ...]) -> FuzzyDate | None:
    try:
        if kind == "ymd":
            y, m, d = int(groups[0]), int(groups[1]), int(groups[2])
            return FuzzyDate(dt.date(y, m, d), DatePrecision.DAY)
        if kind == "mdy":
            m, d, y = MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
            return FuzzyDate(dt.date(y, m, d), DatePrecision.DAY)
        if kind == "dmy":
            d, m, y = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
            return FuzzyDate(dt.date(y, m, d), DatePrecision.DAY)
        if kind == "dmy_num":
            d, m, y = int(groups[0]), int(groups[1]), int(groups[2])
            return FuzzyDate(dt.date(y, m, d), DatePrecision.DAY)
        if kind == "my":
            m, y = MONTHS[groups[0].lower()], int(groups[1])
            return FuzzyDate(dt.date(y, m, 1), DatePrecision.MONTH)
    except (ValueError, KeyError):
        return None
    return None


def find_dates(text: str) -> list[tuple[int, int, FuzzyDate]]:
    """All full or month-precision dates in ``text`` as (start, end, date), in text order.

    Overlapping matches keep the most precise one (a day beats its month).
    """
    found: list[tuple[int, int, FuzzyDate]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            date = _build(kind, m.groups())
            if date is not None:
                found.append((m.start(), m.end(), date))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t[0])


def parse_date_text(text: str) -> FuzzyDate | None:
    """The first date written in ``text``, or a lone year, or None."""
    dates = find_dates(text)
    if dates:
        return dates[0][2]
    m = re.fullmatch(rf"\s*{_YEAR}\s*", text)
    if m:
        return FuzzyDate(dt.date(int(m.group(1)), 1, 1), DatePrecision.YEAR)
    return None
