"""The records and constants the quantity reader's modules share.

``Quantity`` is what ``pukara.extract.numbers.find_quantities`` returns; ``Unit`` is a unit
as the lexicon knows it and ``Num`` a number being read (mutable while ranges and borrowed
units are resolved in ``pukara.extract.quantity_links``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "MEASURES",
    "MONEY",
    "MONEY_SUBUNITS",
    "ONE_BEFORE_UNIT",
    "SP",
    "Num",
    "Quantity",
    "Unit",
]

SP = "[ \\u00a0\\u2009\\u202f]"  # a space within a line: plain, no-break, thin, narrow
MONEY = frozenset({"usd", "pen", "eur"})
MONEY_SUBUNITS = frozenset({"cop", "brl", "bob", "mxn"})
# "One" before a unit of measure is a figure ("una tonelada", "one tonne"); the English
# article is left out ("a ton of problems").
ONE_BEFORE_UNIT = ("one", "un", "una")
MEASURES = frozenset({"ha", "t", "kg", "km"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text: ``text[start:end] == original``; ``value`` is in ``unit``."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    original: str
    noun: str | None = None  # the counted noun, for count and people units
    subunit: str | None = None  # for unit "other": m3, l, cop, ...
    # from the written unit to the canonical one (to the sub-unit for "other", whose value
    # stays as written): 0.4536 for pounds, 3.785 for gallons, 1 for money and counts
    written_factor: float = 1.0


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    factor: float = 1.0
    subunit: str | None = None
    written_factor: float = 1.0  # see Quantity.written_factor

    @property
    def money(self) -> bool:
        return self.unit in MONEY or self.subunit in MONEY_SUBUNITS


@dataclass(slots=True)
class Num:
    """A number being read (mutable while ranges and borrowed units are resolved)."""

    start: int  # first char, currency prefix included
    num_end: int  # end of the number and its scale
    end: int  # end of its unit or noun (num_end when it has none)
    raw: float  # as written
    scale: float
    cur: Unit | None
    unit: Unit | None
    noun: str | None
    year_like: bool

    @property
    def value(self) -> float:
        return self.raw * self.scale
