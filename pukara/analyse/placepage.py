"""What a place page (and a briefing) says about a place: figures, score and shifts.

In: a store view, a ``Place`` and ``Filters``. Out: the place's figures with their sentence,
document, source and marking (``FactRecord``), its happenings, the convergence score of the
hotspot that covers it (its department's or its province's), the rises and falls that
``analyse.shifts`` finds for it, the indicators reported there and the markings of all of
it. Everything is computed from what the reader may see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pukara.analyse.happenings import HappeningPage, list_happenings
from pukara.analyse.hotspots import Hotspot, convergence_hotspots
from pukara.analyse.places import hotspot_unit
from pukara.analyse.shifts import RegionShift, ShiftReport, detect_shifts
from pukara.errors import PukaraError
from pukara.model import FactRecord, Filters, Marking, Place
from pukara.store import Reader, as_view, marking_from

__all__ = [
    "PlaceShifts",
    "PlaceSummary",
    "default_windows",
    "place_score",
    "place_shifts",
    "place_summary",
    "scope_markings",
    "shift_report",
]


@dataclass(frozen=True, slots=True)
class PlaceShifts:
    report: ShiftReport
    regions: tuple[RegionShift, ...]  # the rows about this place or its department


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    place: Place
    scope: tuple[str, ...]
    facts: tuple[FactRecord, ...]
    n_facts: int
    events: HappeningPage
    level: str
    score: Hotspot | None
    shifts: PlaceShifts | None
    indicators: tuple[tuple[str, int], ...]
    markings: tuple[Marking, ...]


def place_summary(
    store: Reader,
    place: Place,
    filters: Filters,
    *,
    limit: int = 30,
    spots: Sequence[Hotspot] | None = None,
    report: ShiftReport | None = None,
) -> PlaceSummary:
    """Everything about ``place`` (first ``limit`` figures and happenings of its scope)."""
    store = as_view(store)
    scope = store.place_scope(place.id)
    facts, n_facts = store.facts(filters, scope=scope, limit=limit)
    events = list_happenings(store, filters, scope=scope, limit=limit)
    level, score = place_score(store, place, filters, spots)
    report = report or shift_report(store)
    shifts = place_shifts(place, report) if report else None
    return PlaceSummary(
        place, tuple(scope), tuple(facts), n_facts, events, level, score, shifts,
        tuple(store.indicator_counts(scope)), scope_markings(store, filters, scope),
    )  # fmt: skip


def place_score(
    store: Reader, place: Place, filters: Filters, spots: Sequence[Hotspot] | None = None
) -> tuple[str, Hotspot | None]:
    """(level, the hotspot that covers the place or None), from ``spots`` when the caller
    has the ranking at that level already."""
    store = as_view(store)
    level, unit = hotspot_unit(place)
    if spots is None:
        spots = convergence_hotspots(store, level, filters.since, filters.until)
    return level, next((h for h in spots if h.unit_id == unit), None)


def default_windows(store: Reader) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """Two periods to compare when the user gives none: the last three years with dated
    events against the three before them (None without enough years of data)."""
    store = as_view(store)
    years = store.event_years()
    if years is None:
        return None
    first, last = years
    if last - first < 5:
        mid = (first + last) // 2
        if mid <= first or mid >= last:
            return None
        return (str(first), str(mid)), (str(mid + 1), str(last))
    return (str(last - 5), str(last - 3)), (str(last - 2), str(last))


def shift_report(
    store: Reader, before: tuple[str, str] | None = None, after: tuple[str, str] | None = None
) -> ShiftReport | None:
    """``detect_shifts`` by department between ``before`` and ``after`` (default: the
    periods of ``default_windows``; None when the data cannot support them)."""
    store = as_view(store)
    chosen = before is not None and after is not None
    if before is None or after is None:
        windows = default_windows(store)
        if windows is None:
            return None
        before, after = windows
    try:
        return detect_shifts(store, before, after, level="admin1", examples=2)
    except PukaraError:
        if chosen:  # the user's periods are wrong: say so
            raise
        return None


def place_shifts(place: Place, report: ShiftReport) -> PlaceShifts:
    """The rows of ``report`` about the place (its own for a zone or department, else its
    department's)."""
    wanted = {place.id, place.admin1_id}
    return PlaceShifts(report, tuple(r for r in report.regions if r.region_id in wanted))


def scope_markings(store: Reader, filters: Filters, scope: Sequence[str]) -> tuple[Marking, ...]:
    """Distinct markings of every figure and event in ``scope`` that passes ``filters``."""
    store = as_view(store)
    rows = {*store.fact_markings(filters, scope), *store.event_markings(filters, scope)}
    return tuple(marking_from(t, r) for t, r in sorted(rows))
