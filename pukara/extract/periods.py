"""The time a figure refers to: what its sentence says, else the document's reference year.

In: a sentence (its text and folded copy), the figures in it, the pattern of prepositions
that tie a year to a figure, and the document's publication date. Out:

- ``sentence_times`` -> the ``When``s the sentence names: dates, months, years and spans
  ("2020/2022"), and the phrases that say a figure is current ("en lo que va del año",
  "this year", "entre enero y mayo": the publication year) or of last year. A year that is
  the base of a comparison ("en comparación con 2023") is marked so, and a title's horizon
  ("Política Nacional ... al 2030") is no time at all;
- ``period_of`` -> the period of one figure among them (None when the sentence names no
  time; "" when it says the figure is current but the publication date is unknown);
- ``reference_years`` -> where the text names a report, survey or monitoring with its year
  ("el informe de Monitoreo de Cultivos de Coca 2024"): figures after it with no time of
  their own are of that year (``reference_year_at``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.numbers import Quantity
from pukara.extract.text import fold
from pukara.model import DatePrecision, FuzzyDate
from pukara.model.dates import MONTHS, find_dates
from pukara.refdata.figures import load_figure_terms

__all__ = ["When", "period_of", "reference_year_at", "reference_years", "sentence_times"]

Distance = Callable[[int, int, int, int], float]

_OTHER_FIGURE_COST = 80  # another figure standing between a year and a number
_NOW_COST = 15.0  # "en lo que va del año" ranks below a year tied by a preposition
_YEAR_SPAN = re.compile(
    r"(?<![\d.,/-])((?:19|20)\d\d)(?:\s*[-–—/]\s*((?:19|20)?\d\d)"
    r"|\s+(?:to|a|al|y|and|until|hasta|through)\s+((?:19|20)\d\d))(?!\d|[.,]\d)"
)
_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d]|[.,]\d|-\d)")
_COMPARISON = re.compile(
    r"\b(?:compared|(?<!more )(?<!less )(?<!fewer )(?<!rather )than|versus|vs\b|against"
    r"|down from|up from|frente a|comparad|respecto"
    r"|en comparacion|mas que|menos que)"
)
_OWNED_GAP = re.compile(
    r"^\s*(?:\)\s*)?(?:[a-z\u00c0-\u024f$%/.-]+\s+){0,4}?(?:in|en|for|para|during|durante|"
    r"del|de|el|at|by|as of|a)\s+(?:el\s+|the\s+|year\s+|ano\s+)?$"
)
_TITLE_WORD = re.compile(r"([A-ZÁÉÍÓÚÑ][\w'-]*)\s+$")


@dataclass(frozen=True, slots=True)
class When:
    """A time the sentence names: "2013", "2020/2022", "2024-11" ("" = now, year unknown)."""

    start: int
    end: int
    period: str
    cost: float  # added to the distance: bare years and full dates rank below "in 2013"
    opener: bool = False  # "In 2013, ..." at the head of the sentence covers all of it
    base: bool = False  # "compared with 2023": the year a change is measured from


def sentence_times(
    text: str,
    folded: str,
    quantities: Sequence[Quantity],
    period_before: re.Pattern[str],
    published: FuzzyDate | None = None,
) -> list[When]:
    """Every time ``text`` (one sentence; ``folded`` its folded copy) names, see module doc."""
    taken = [(q.start, q.end) for q in quantities]
    out = _current(folded, published, taken)
    for start, end, date in find_dates(text):
        if date.precision is DatePrecision.DAY:
            out.append(When(start, end, date.iso(), cost=300.0))  # announcement dates, mostly
        else:
            out.append(When(start, end, date.iso(), cost=_prep_cost(folded, start, period_before)))
        taken.append((start, end))
    for m in _YEAR_SPAN.finditer(folded):
        first, second = int(m.group(1)), m.group(2) or m.group(3)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last > first and not _overlaps(taken, m.start(), m.end()):
            cost = _prep_cost(folded, m.start(), period_before)
            out.append(When(m.start(), m.end(), f"{first}/{last}", cost))
            taken.append(m.span())
    for m in _YEAR.finditer(folded):
        if _overlaps(taken, m.start(), m.end()) or _horizon(text, folded, m.start()):
            continue
        cost = _prep_cost(folded, m.start(), period_before)
        opener = (
            cost == 0.0
            and folded[: m.start()].strip().count(" ") <= 2
            and folded[m.end() : m.end() + 1] == ","
        )
        base = _patterns().comparison.search(folded, max(0, m.start() - 30), m.start()) is not None
        out.append(When(m.start(), m.end(), m.group(1), cost, opener, base))
    return out


def period_of(
    q: Quantity,
    quantities: Sequence[Quantity],
    times: Sequence[When],
    folded: str,
    distance: Distance,
) -> str | None:
    """The period of ``q``: the time its sentence ties to it, nearest first, never a year
    that another figure owns ("from 1,500 ha in 2019 to 6,000 ha in 2023") nor the base of
    a comparison that follows it."""
    best, best_cost = None, float("inf")
    owners = [_owner(when, quantities, folded) for when in times]
    has_own = any(o is q for o in owners)
    for when, owner in zip(times, owners, strict=True):
        if has_own and owner is not None and owner is not q:
            continue  # "from 1,500 ha in 2019 to 6,000 ha in 2023": 2019 is the other's
        if when.base and q.end <= when.start and owner is not q:
            continue  # "3029 ha fewer compared with 2023": 2023 is not when the 3029 are
        between = sum(
            1
            for other in quantities
            if other is not q and min(when.end, q.end) <= other.start < max(when.start, q.start)
        )
        if between and when.start > q.end and _COMPARISON.search(folded, q.end, when.start):
            continue  # "22.7 t, compared with 31.4 t in 2022": that year is the other figure's
        if when.opener:
            cost = min(20.0, abs(q.start - when.end))
        else:
            cost = distance(when.start, when.end, q.start, q.end)
        cost += when.cost + _OTHER_FIGURE_COST * between
        if cost < best_cost:
            best, best_cost = when.period, cost
    return best


def reference_years(text: str) -> list[tuple[int, str]]:
    """(offset, year) of each report, survey or monitoring the text names with its year."""
    folded = fold(text)
    return [
        (m.start(), m.group("y1") or m.group("y2")) for m in _patterns().report.finditer(folded)
    ]


def reference_year_at(refs: Sequence[tuple[int, str]], offset: int) -> str | None:
    """The year of the last report named before ``offset`` (None if none is)."""
    i = bisect.bisect_right(refs, (offset, "9999"))
    return refs[i - 1][1] if i else None


# ---------------------------------------------------------------- helpers


@dataclass(frozen=True, slots=True)
class _Patterns:
    comparison: re.Pattern[str]
    horizon: re.Pattern[str]
    this_year: re.Pattern[str]
    last_year: re.Pattern[str]
    months: re.Pattern[str]
    report: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    terms = load_figure_terms()
    month = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
    report = _alternation(terms.report_words)
    return _Patterns(
        comparison=re.compile(
            rf"(?<!\w)(?:{_alternation(terms.comparison_words)})\s+(?:el\s+|the\s+)?$"
        ),
        horizon=re.compile(rf"(?<!\w)(?:{_alternation(terms.horizon_words)})\s+(?:el\s+|the\s+)?$"),
        this_year=re.compile(rf"(?<!\w)(?:{_alternation(terms.this_year)})(?!\w)"),
        last_year=re.compile(rf"(?<!\w)(?:{_alternation(terms.last_year)})(?!\w)"),
        # "entre enero y mayo", "from January to May" with no year after them
        months=re.compile(
            rf"\b(?:entre|between|from|de|desde)\s+(?:{month})\s+(?:y|and|to|a|al|hasta)\s+"
            rf"(?:{month})\b(?!,?\s+(?:de\s+|del\s+)?(?:19|20)\d\d)"
        ),
        # "informe de Monitoreo de Cultivos de Coca 2024", "the 2023 coca survey"
        report=re.compile(
            rf"\b(?:{report})\b(?:\s+[\w'-]+){{0,6}}?\s+(?P<y1>(?:19|20)\d\d)\b(?![.,]?\d)"
            rf"|(?<![\d.,])(?P<y2>(?:19|20)\d\d)(?:\s+[\w'-]+){{0,3}}?\s+(?:{report})\b"
        ),
    )


def _alternation(phrases: Sequence[str]) -> str:
    return (
        "|".join(
            r"\s+".join(re.escape(w) for w in p.split())
            for p in sorted(phrases, key=len, reverse=True)
        )
        or "(?!)"
    )


def _current(folded: str, published: FuzzyDate | None, taken: list[tuple[int, int]]) -> list[When]:
    """The phrases that make a figure current or last year's, as times."""
    year = published.value.year if published else None
    out = []
    for pattern, offset in ((_patterns().this_year, 0), (_patterns().months, 0),
                            (_patterns().last_year, 1)):  # fmt: skip
        for m in pattern.finditer(folded):
            # a little dearer than "en 2022": a figure between the two is the year's
            out.append(When(m.start(), m.end(), str(year - offset) if year else "", _NOW_COST))
            taken.append(m.span())
    return out


def _horizon(text: str, folded: str, start: int) -> bool:
    """A year closing a capitalised title after "al"/"to": "Política ... al 2030"."""
    m = _patterns().horizon.search(folded, max(0, start - 12), start)
    return m is not None and _TITLE_WORD.search(text, max(0, m.start() - 30), m.start()) is not None


def _owner(when: When, quantities: Sequence[Quantity], folded: str) -> Quantity | None:
    """The figure a year directly follows ("6,000 hectares in 2023"): that year is its own."""
    before = [q for q in quantities if q.end <= when.start]
    if not before:
        return None
    last = max(before, key=lambda q: q.end)
    return last if _OWNED_GAP.match(folded[last.end : when.start]) else None


def _prep_cost(folded: str, start: int, period_before: re.Pattern[str]) -> float:
    """0 for a year tied by a preposition ("in 2013", "durante 2024"), 30 for a bare one."""
    return 0.0 if period_before.search(folded, max(0, start - 30), start) else 30.0


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
