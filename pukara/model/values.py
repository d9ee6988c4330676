"""Value types shared by every record: dates with precision, spans, points, markings.

All are frozen, slotted dataclasses that validate on construction, so a record that exists
is a record that makes sense (a latitude inside [-90, 90], a TLP level that exists, ...).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "TLP",
    "DatePrecision",
    "FuzzyDate",
    "Marking",
    "Point",
    "Span",
    "validate_admiralty",
]


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class FuzzyDate:
    """A date known to a day, a month or a year ("2024", "2024-11", "2024-11-20")."""

    value: dt.date
    precision: DatePrecision = DatePrecision.DAY

    def iso(self) -> str:
        if self.precision is DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; raise ValueError otherwise."""
        m = _ISO_RE.match(text.strip())
        if not m:
            raise ValueError(f"not an ISO date: {text!r}")
        year, month, day = m.group(1), m.group(2), m.group(3)
        if day:
            return cls(dt.date(int(year), int(month), int(day)), DatePrecision.DAY)
        if month:
            return cls(dt.date(int(year), int(month), 1), DatePrecision.MONTH)
        return cls(dt.date(int(year), 1, 1), DatePrecision.YEAR)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets [start, end) into a Document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Point:
    """WGS84 position in decimal degrees."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not -90.0 <= self.lat <= 90.0:
            raise ValueError(f"latitude {self.lat} outside [-90, 90]; check lat/lon order")
        if not -180.0 <= self.lon <= 180.0:
            raise ValueError(f"longitude {self.lon} outside [-180, 180]")


class TLP(StrEnum):
    """Traffic Light Protocol 2.0 levels, least to most restricted."""

    CLEAR = "clear"
    GREEN = "green"
    AMBER = "amber"
    AMBER_STRICT = "amber+strict"
    RED = "red"

    @property
    def rank(self) -> int:
        """0 (CLEAR) to 4 (RED): the order of restriction."""
        return _TLP_RANK[self]


_TLP_RANK = {level: i for i, level in enumerate(TLP)}


@dataclass(frozen=True, slots=True)
class Marking:
    """Handling marking: a TLP level and the partners (ISO country or body ids) it may go to.

    An empty ``releasable_to`` means no restriction beyond the TLP level itself.
    """

    tlp: TLP = TLP.CLEAR
    releasable_to: tuple[str, ...] = field(default_factory=tuple)

    def label(self) -> str:
        rel = f" REL TO {', '.join(self.releasable_to)}" if self.releasable_to else ""
        return f"TLP:{self.tlp.value.upper()}{rel}"

    @classmethod
    def parse(cls, text: str) -> Marking:
        """Parse "TLP:AMBER REL TO PE, CO" (case-insensitive); raise ValueError otherwise."""
        m = re.match(r"^\s*(?:TLP:)?\s*([A-Za-z+]+)\s*(?:REL\s+TO\s+(.+))?$", text, re.I)
        if not m:
            raise ValueError(f"not a marking: {text!r}")
        tlp = TLP(m.group(1).lower())
        rel = tuple(p.strip().upper() for p in (m.group(2) or "").split(",") if p.strip())
        return cls(tlp, rel)


_RELIABILITY = "ABCDEF"


def validate_admiralty(reliability: str, credibility: int) -> None:
    """Admiralty code: source reliability A (reliable) .. F (cannot be judged);
    information credibility 1 (confirmed) .. 6 (cannot be judged)."""
    if len(reliability) != 1 or reliability not in _RELIABILITY:
        raise ValueError(f"reliability {reliability!r} not one of A-F")
    if not 1 <= credibility <= 6:
        raise ValueError(f"credibility {credibility} not in 1-6")
