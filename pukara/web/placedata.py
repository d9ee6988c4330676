"""What a place page (and a briefing) says about a place: figures, score and shifts.

In: a store, a ``PlaceRecord`` and ``Filters``. Out: the place's scope (itself and every
place inside it), ``FactRow`` records (figures with their sentence, document, source and
marking), its convergence score from ``analyse.hotspots`` (the department's, or the
province's), the rises and falls that ``analyse.shifts`` finds for it, and the indicators
reported there. Figures from near-duplicate documents are left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pukara.analyse.hotspots import Hotspot, convergence_hotspots
from pukara.analyse.shifts import RegionShift, ShiftReport, detect_shifts
from pukara.errors import PukaraError
from pukara.model import Marking
from pukara.share.brief import Citation
from pukara.share.markings import marking_of
from pukara.store import SQLiteStore
from pukara.web.entities import PlaceRecord
from pukara.web.filters import Filters

__all__ = [
    "FactRow",
    "PlaceShifts",
    "default_windows",
    "hotspot_unit",
    "indicators_in",
    "list_facts",
    "place_scope",
    "place_score",
    "place_shifts",
    "scope_markings",
    "shift_report",
]


@dataclass(frozen=True, slots=True)
class FactRow:
    """A figure with the sentence it was read from and where that sentence came from."""

    id: int
    doc_id: str
    indicator: str
    value: float
    value_max: float | None
    unit: str
    period: str | None
    place_id: str | None
    place_name: str | None
    evidence: str
    original: str
    source: str | None
    grade: str | None
    published: str | None
    title: str | None
    marking: Marking

    @property
    def citation(self) -> Citation:
        return Citation(
            self.doc_id, self.source, self.published, self.title, self.grade, self.marking
        )


@dataclass(frozen=True, slots=True)
class PlaceShifts:
    report: ShiftReport
    regions: tuple[RegionShift, ...]  # the rows about this place or its department


_SCOPE = """WITH RECURSIVE scope(id) AS (
    SELECT :place
    UNION SELECT id FROM places
          WHERE admin1_id = :place OR (:country IS NOT NULL AND country = :country)
    UNION SELECT p.id FROM places p JOIN scope s ON p.parent_id = s.id
)
SELECT id FROM scope"""


def place_scope(store: SQLiteStore, place: PlaceRecord) -> list[str]:
    """The place and every place inside it (its department's members, its country's
    places for a country, and their descendants through ``parent_id``)."""
    country = place.id.split(":", 1)[1] if place.kind == "country" and ":" in place.id else None
    rows = store.execute(_SCOPE, {"place": place.id, "country": country})
    return [r[0] for r in rows]


_FACT_SELECT = """SELECT f.id, f.doc_id, f.indicator, f.value, f.value_max, f.unit, f.period,
    f.place_id, p.name, f.evidence, f.original, s.name, s.reliability || s.credibility,
    d.published, d.title, f.tlp, f.releasable_to
FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN sources s ON s.id = d.source_id
LEFT JOIN places p ON p.id = f.place_id WHERE d.duplicate_of IS NULL"""


def list_facts(
    store: SQLiteStore,
    filters: Filters,
    *,
    scope: Sequence[str] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[FactRow], int]:
    """Figures passing ``filters`` (in ``scope`` when given): latest period first, then
    best source; and how many there are in all."""
    where, params = filters.fact_sql("f")
    if scope is not None:
        where += " AND f.place_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(scope)))
    rows = store.execute(
        f"{_FACT_SELECT}{where} ORDER BY f.period IS NULL, f.period DESC,"
        " coalesce(s.reliability, 'F'), coalesce(s.credibility, 6), f.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    total = store.execute(
        "SELECT count(*) FROM facts f JOIN documents d ON d.id = f.doc_id "
        f"WHERE d.duplicate_of IS NULL{where}",
        params,
    )[0][0]
    return [_fact(r) for r in rows], int(total)


def _fact(r: Any) -> FactRow:
    """A ``_FACT_SELECT`` row as a record."""
    return FactRow(
        id=r[0], doc_id=r[1], indicator=r[2], value=r[3], value_max=r[4], unit=r[5],
        period=r[6], place_id=r[7], place_name=r[8], evidence=r[9], original=r[10],
        source=r[11], grade=r[12], published=r[13], title=r[14],
        marking=marking_of(r[15], r[16]),
    )  # fmt: skip


def indicators_in(store: SQLiteStore, scope: Sequence[str]) -> list[tuple[str, int]]:
    """Indicators with figures in ``scope``, most reported first."""
    rows = store.execute(
        "SELECT indicator, count(*) FROM facts WHERE place_id IN (SELECT value FROM json_each(?))"
        " GROUP BY indicator ORDER BY 2 DESC, 1",
        (json.dumps(list(scope)),),
    )
    return [(r[0], r[1]) for r in rows]


def hotspot_unit(place: PlaceRecord) -> tuple[str, str]:
    """(level, unit id) of the hotspot that covers the place: its own as a province, else
    its department's."""
    if place.kind == "province":
        return "province", place.id
    return "admin1", place.admin1_id or place.id


def place_score(
    store: SQLiteStore,
    place: PlaceRecord,
    filters: Filters,
    spots: Sequence[Hotspot] | None = None,
) -> tuple[str, Hotspot | None]:
    """The convergence hotspot that covers the place (see ``hotspot_unit``), from
    ``spots`` when the caller has the ranking at that level already. Returns (level,
    hotspot or None when nothing scores there)."""
    level, unit = hotspot_unit(place)
    if spots is None:
        spots = convergence_hotspots(store, level, filters.since, filters.until)
    return level, next((h for h in spots if h.unit_id == unit), None)


def default_windows(store: SQLiteStore) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """Two periods to compare when the user gives none: the last three years with dated
    events against the three before them (None without six years of data)."""
    row = store.execute(
        "SELECT min(substr(date, 1, 4)), max(substr(date, 1, 4)) FROM events "
        "WHERE date IS NOT NULL AND announced = 0"
    )[0]
    if row[0] is None:
        return None
    first, last = int(row[0]), int(row[1])
    if last - first < 5:
        mid = (first + last) // 2
        if mid <= first or mid >= last:
            return None
        return (str(first), str(mid)), (str(mid + 1), str(last))
    return (str(last - 5), str(last - 3)), (str(last - 2), str(last))


def shift_report(
    store: SQLiteStore,
    before: tuple[str, str] | None = None,
    after: tuple[str, str] | None = None,
) -> ShiftReport | None:
    """``detect_shifts`` by department between ``before`` and ``after`` (default: the
    periods of ``default_windows``; None when the data cannot support them)."""
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
        return None  # default periods that the data cannot support: no shift section


def place_shifts(
    store: SQLiteStore,
    place: PlaceRecord,
    before: tuple[str, str] | None = None,
    after: tuple[str, str] | None = None,
    report: ShiftReport | None = None,
) -> PlaceShifts | None:
    """Shifts of activity and state effort between two periods, as they touch the place
    (its own row for a zone or department, else its department's); from ``report`` when
    the caller has it."""
    report = report or shift_report(store, before, after)
    if report is None:
        return None
    wanted = {place.id, place.admin1_id}
    return PlaceShifts(report, tuple(r for r in report.regions if r.region_id in wanted))


def scope_markings(
    store: SQLiteStore, filters: Filters, scope: Sequence[str]
) -> tuple[Marking, ...]:
    """Distinct markings of every figure and event in ``scope`` that passes ``filters``:
    what a page or a brief about the place has read."""
    fact_where, fact_params = filters.fact_sql("f")
    event_where, event_params = filters.event_sql("e")
    members = json.dumps(list(scope))
    rows = store.execute(
        "SELECT DISTINCT f.tlp, f.releasable_to FROM facts f WHERE f.place_id IN "
        f"(SELECT value FROM json_each(?)){fact_where} UNION "
        "SELECT DISTINCT e.tlp, e.releasable_to FROM events e WHERE e.place_id IN "
        f"(SELECT value FROM json_each(?)){event_where}",
        [members, *fact_params, members, *event_params],
    )
    return tuple(marking_of(r[0], r[1]) for r in rows)
