"""Shift detection: has illicit activity or state effort moved between regions?

In: a store and two periods (ISO year or date bounds, inclusive). Out: a ``ShiftReport``
with, per region (department, or each place) and per kind (``activity``: events and
figures with effort = 0; ``effort``: effort = 1), the counts before and after, the region's
share of the national total in each period, a Fisher exact test of whether that share
changed, Benjamini-Hochberg adjusted p-values, evidence sentences, and named shifts that pair
significant falls with significant rises ("effort shifted from Ayacucho (VRAEM) to
Loreto ..."). ``rolling_shifts`` runs the same test over consecutive windows of years.

Counting happens in SQL (one grouped query per table); the statistics in pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from pukara.analyse.stats import benjamini_hochberg, fisher_exact
from pukara.errors import PukaraError
from pukara.model.periods import check_bound, day_hi, day_lo
from pukara.store import Reader, View, as_view

__all__ = [
    "Evidence",
    "KindTotal",
    "QuantityChange",
    "RegionShift",
    "Shift",
    "ShiftReport",
    "benjamini_hochberg",
    "detect_shifts",
    "fisher_exact",
    "rolling_shifts",
]

KINDS = ("activity", "effort")  # effort = 0 / effort = 1 in facts and events
LEVELS = ("admin1", "place")
ZONE_KINDS = ("zone", "valley")  # areas analysts name (VRAEM, Alto Huallaga): also reported alone
ADDITIVE_UNITS = ("ha", "t", "kg", "km", "usd", "pen", "eur", "count", "people")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One event or figure behind a count, with the sentence it came from."""

    table: str  # "event" | "fact"
    id: str
    doc_id: str
    when: str | None  # event date or fact period
    what: str  # event type or indicator
    place_id: str
    text: str


@dataclass(frozen=True, slots=True)
class QuantityChange:
    """An effort figure summed over a region in each period (e.g. hectares eradicated)."""

    indicator: str
    unit: str
    before: float
    after: float


@dataclass(frozen=True, slots=True)
class RegionShift:
    """One region's counts, shares and test result for one kind."""

    region_id: str
    name: str
    scope: str  # "admin1" (department), "zone" (also counted in its department) or "place"
    kind: str  # "activity" | "effort"
    before: int  # distinct events + figures in the first period
    after: int
    events_before: int
    events_after: int
    share_before: float  # of the national total of this kind
    share_after: float
    p_value: float  # Fisher's exact test, two-sided
    q_value: float  # Benjamini-Hochberg adjusted across the regions of this kind
    significant: bool  # q_value <= alpha
    parent_id: str | None = None  # the department a zone lies in
    quantities: tuple[QuantityChange, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def change(self) -> float:
        """Change of share, as a fraction (0.19 = 19 percentage points)."""
        return self.share_after - self.share_before

    @property
    def direction(self) -> str:
        return "rise" if self.change > 0 else "fall" if self.change < 0 else "flat"


@dataclass(frozen=True, slots=True)
class KindTotal:
    """National totals of one kind; ``unassigned`` were in the country but in no region."""

    kind: str
    before: int
    after: int
    unassigned_before: int = 0
    unassigned_after: int = 0


@dataclass(frozen=True, slots=True)
class Shift:
    """Significant falls paired with significant rises of the same kind."""

    kind: str
    from_regions: tuple[RegionShift, ...]
    to_regions: tuple[RegionShift, ...]
    statement: str  # "effort shifted from Ayacucho (VRAEM) to Loreto: share 41% -> 22% / ..."


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """Everything ``detect_shifts`` found, and how significance was judged."""

    before: tuple[str, str]
    after: tuple[str, str]
    level: str
    kind: str
    alpha: float
    totals: tuple[KindTotal, ...]
    regions: tuple[RegionShift, ...]  # every region tested, most significant first
    shifts: tuple[Shift, ...]
    method: str

    @property
    def rises(self) -> tuple[RegionShift, ...]:
        return tuple(r for r in self.regions if r.significant and r.change > 0)

    @property
    def falls(self) -> tuple[RegionShift, ...]:
        return tuple(r for r in self.regions if r.significant and r.change < 0)


# -- public entry points ------------------------------------------------------------------

NAMED = 5  # regions named on each side of a shift statement (the largest changes)


def detect_shifts(
    store: Reader,
    before: tuple[str, str],
    after: tuple[str, str],
    level: str = "admin1",
    kind: str = "both",
    alpha: float = 0.05,
    country: str = "PE",
    examples: int = 3,
) -> ShiftReport:
    """Compare where activity and state effort were reported in ``before`` and ``after``.

    Bounds are inclusive ISO dates or years: ``("2010", "2014")``, ``("2019-07-01",
    "2020-06-30")``. ``level`` is ``"admin1"`` (departments, plus zones such as the VRAEM
    reported on their own) or ``"place"`` (every place as tagged). ``kind`` is ``"both"``,
    ``"activity"`` or ``"effort"``. The regions a shift names get ``examples`` evidence
    records each and, for effort, the summed effort figures of both periods (none with 0).
    """
    store = as_view(store)
    kinds = _kinds(kind)
    _check_level(level)
    windows = (_window(before, "before"), _window(after, "after"))
    if windows[0][1] >= windows[1][0]:
        raise PukaraError(
            f"--before {':'.join(before)} overlaps or follows --after {':'.join(after)}; give "
            "two periods, the earlier first (e.g. --before 2010:2014 --after 2020:2024)"
        )
    counts = _window_counts(store, windows, kinds)
    report = _Reporter(store, _places(store), level, kind, alpha, country, examples)
    return report(counts, windows, (before, after))


def rolling_shifts(
    store: Reader,
    window_years: int = 3,
    start: int | None = None,
    end: int | None = None,
    step_years: int | None = None,
    level: str = "admin1",
    kind: str = "both",
    alpha: float = 0.05,
    country: str = "PE",
    examples: int = 0,
) -> list[ShiftReport]:
    """``detect_shifts`` over consecutive windows of years: [y, y+w-1] against [y+w, y+2w-1]
    for y = start, start + step, ... while the second window ends by ``end``. Years default
    to the span of dated records; ``step_years`` defaults to ``window_years`` (windows tile).

    Counts are read once, per year, so an event is counted once per (document, type, place,
    year) rather than per window; a figure counts in a window that holds its whole period.
    ``examples`` defaults to 0 here (no evidence, no effort sums): scan the windows, then ask
    ``detect_shifts`` about the one that matters.
    """
    store = as_view(store)
    if window_years < 1 or (step_years is not None and step_years < 1):
        raise PukaraError("window_years and step_years must be at least 1")
    kinds = _kinds(kind)
    _check_level(level)
    yearly = _yearly_counts(store, kinds, start, end)
    if yearly.first is None:
        return []
    first = yearly.first if start is None else start
    last = yearly.last if end is None else end
    report = _Reporter(store, _places(store), level, kind, alpha, country, examples)
    reports = []
    for y in range(first, last - 2 * window_years + 2, step_years or window_years):
        spans = ((y, y + window_years - 1), (y + window_years, y + 2 * window_years - 1))
        bounds = tuple((str(a), str(b)) for a, b in spans)
        windows = tuple(_window(b, "window") for b in bounds)
        reports.append(report(yearly.window_counts(spans), windows, bounds))
    return reports


def method_text(level: str = "admin1", alpha: float = 0.05) -> str:
    """How ``detect_shifts`` judges significance, in words for a README or a briefing."""
    unit = (
        "Places are rolled up to their department (places.admin1_id); zones such as the VRAEM "
        "are also tested on their own, as a view that overlaps their department."
        if level == "admin1"
        else "Each place is its own region, as the documents tagged it."
    )
    return (
        "Records: one per distinct (document, event type, place) for events and (document, "
        "indicator, place, period) for figures, inside each period (an event by its date, a "
        "figure when its whole period lies inside), leaving out near-duplicate documents, "
        "announced (not yet done) events and undated records. 'effort' is what the taxonomy "
        "marks as state effort, 'activity' everything else. " + unit + " For each region and "
        "kind, the 2x2 table (region vs rest of the country, before vs after) is tested with "
        "Fisher's exact test (two-sided, margins fixed): does the region's share of the "
        "national total differ between the periods? P-values are adjusted across the regions "
        "of each kind with the Benjamini-Hochberg procedure, and a rise or fall is reported "
        f"when the adjusted p-value is at most {alpha:g}. A shift pairs the significant falls "
        f"with the significant rises of the same kind and names the {NAMED} largest changes "
        "on each side. Counts measure reporting, not the ground: a change in press attention "
        "moves them too."
    )


@dataclass(frozen=True, slots=True)
class _Reporter:
    """Turns counts into a ``ShiftReport``: test, name the shifts, attach evidence to the
    regions they name."""

    store: View
    places: Mapping[str, _Place]
    level: str
    kind: str
    alpha: float
    country: str
    examples: int

    def __call__(
        self, counts: Counts, windows: Sequence[tuple[str, str]], bounds: Sequence[tuple[str, str]]
    ) -> ShiftReport:
        kinds = _kinds(self.kind)
        regions, totals = _assess(counts, self.places, self.level, kinds, self.country, self.alpha)
        if self.examples > 0:
            named = {_key(r) for s in _name_shifts(regions) for r in _named(s, regions)}
            regions = [
                _enrich(self.store, r, windows, self.examples) if _key(r) in named else r
                for r in regions
            ]
        return ShiftReport(
            before=(bounds[0][0], bounds[0][1]), after=(bounds[1][0], bounds[1][1]),
            level=self.level, kind=self.kind, alpha=self.alpha, totals=totals,
            regions=tuple(regions), shifts=_name_shifts(regions),
            method=method_text(self.level, self.alpha),
        )  # fmt: skip


def _key(r: RegionShift) -> tuple[str, str, str]:
    return (r.kind, r.region_id, r.scope)


# -- periods ----------------------------------------------------------------------------------


def _window(bounds: tuple[str, str], label: str) -> tuple[str, str]:
    """(first day, last day) of an inclusive ISO period; a record lies in it when its
    whole date or period does."""
    first, last = (b.strip() for b in bounds)
    for b in (first, last):
        try:
            check_bound(b, f"--{label} bound")
        except ValueError as exc:
            raise PukaraError(f"{exc}; give FROM:TO, e.g. 2010:2014") from exc
    lo, hi = day_lo(first), day_hi(last)
    if lo is None or hi is None or lo > hi:
        raise PukaraError(f"--{label} {first}:{last}: starts after it ends; give FROM:TO")
    return lo, hi


# -- counting ---------------------------------------------------------------------------------

# (place_id, effort) -> [events before, events after, figures before, figures after]
Counts = dict[tuple[str, int], list[int]]


def _efforts(kinds: Sequence[str]) -> list[int]:
    return [KINDS.index(k) for k in kinds]


def _window_counts(store: View, windows: Sequence[tuple[str, str]], kinds: Sequence[str]) -> Counts:
    """Distinct events and figures per (place, effort) in each window."""
    counts: Counts = {}
    for w, (lo, hi) in enumerate(windows):
        for place_id, effort, _, n in store.event_window_counts(_efforts(kinds), lo, hi):
            counts.setdefault((place_id, effort), [0, 0, 0, 0])[w] += n
        for place_id, effort, _, _, n in store.fact_period_counts(_efforts(kinds), lo, hi):
            counts.setdefault((place_id, effort), [0, 0, 0, 0])[2 + w] += n
    return counts


@dataclass(frozen=True, slots=True)
class _Yearly:
    """Counts per (place, effort) and year, summed into windows on demand."""

    keys: list[tuple[str, int]]  # (place_id, effort) of each row
    first: int | None  # year of column 0; None when nothing is dated
    last: int
    table: npt.NDArray[np.int64]  # rows x [events, figures] x years
    spanning: list[tuple[int, int, int, int]]  # (row, first, last year, n) of multi-year figures

    def window_counts(self, spans: Sequence[tuple[int, int]]) -> Counts:
        first = self.first or 0
        sums = [
            self.table[:, :, max(lo - first, 0) : max(hi - first + 1, 0)].sum(axis=2)
            for lo, hi in spans
        ]
        for row, y0, y1, n in self.spanning:
            for w, (lo, hi) in enumerate(spans):
                if lo <= y0 and y1 <= hi:
                    sums[w][row, 1] += n
        counts: Counts = {}
        for i, key in enumerate(self.keys):
            cell = [int(sums[0][i, 0]), int(sums[1][i, 0]), int(sums[0][i, 1]), int(sums[1][i, 1])]
            if any(cell):
                counts[key] = cell
        return counts


def _yearly_counts(
    store: View, kinds: Sequence[str], since: int | None, until: int | None
) -> _Yearly:
    """Distinct events per (place, effort, year) and figures per (place, effort, period),
    optionally only from ``since`` to ``until`` (years, inclusive). An event counts in a
    year when its whole date lies in it; a figure in a window that holds its whole period."""
    lo, hi = f"{since or 1:04d}-01-01", f"{until or 9998:04d}-12-31"
    table = _YearTable()
    for place_id, effort, year, n in store.event_window_counts(_efforts(kinds), lo, hi, True):
        if year and year.isdigit():
            table.add(place_id, effort, int(year), int(year), 0, n)
    for place_id, effort, p_lo, p_hi, n in store.fact_period_counts(_efforts(kinds), lo, hi):
        table.add(place_id, effort, int(p_lo[:4]), int(p_hi[:4]), 1, n)
    return table.pack()


class _YearTable:
    """Collects (place, effort, first year, last year, column, n) cells; ``pack`` makes the
    numpy table (multi-year figures stay aside, they fit only windows that hold them)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, int], int] = {}
        self.cells: tuple[list[int], ...] = ([], [], [], [], [])  # row, column, y0, y1, n

    def add(self, place_id: str, effort: int, y0: int, y1: int, column: int, n: int) -> None:
        row, col, first, last, count = self.cells
        row.append(self.rows.setdefault((place_id, effort), len(self.rows)))
        col.append(column)
        first.append(y0)
        last.append(y1)
        count.append(n)

    def pack(self) -> _Yearly:
        if not self.rows:
            return _Yearly([], None, 0, np.zeros((0, 2, 0), dtype=np.int64), [])
        row, column, y0, y1, n = (np.array(v, dtype=np.int64) for v in self.cells)
        first, last = int(y0.min()), int(y1.max())
        table = np.zeros((len(self.rows), 2, last - first + 1), dtype=np.int64)
        one = y0 == y1
        np.add.at(table, (row[one], column[one], y0[one] - first), n[one])
        spanning = list(zip(*(a[~one].tolist() for a in (row, y0, y1, n)), strict=True))
        return _Yearly(list(self.rows), first, last, table, spanning)


# -- regions and tests ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    kind: str
    country: str | None
    admin1_id: str | None


def _places(store: View) -> dict[str, _Place]:
    return {p.id: _Place(p.name, p.kind.value, p.country, p.admin1_id) for p in store.places()}


def _units_of(
    place_id: str, places: Mapping[str, _Place], level: str, country: str
) -> list[tuple[str, str]] | None:
    """(region id, scope) pairs a place counts towards; [] when in the country but in no
    region (national figures), None when outside the country or unknown."""
    place = places.get(place_id)
    if place is None:
        return [] if place_id == f"country:{country}" else None
    if place.country != country:
        return None
    if level == "place":
        return [(place_id, "place")]
    admin1 = place.admin1_id or (place_id if place.kind == "region" else None)
    units = [(admin1, "admin1")] if admin1 else []
    if place.kind in ZONE_KINDS:
        units.append((place_id, "zone"))
    return units


def _assess(
    counts: Counts,
    places: Mapping[str, _Place],
    level: str,
    kinds: Sequence[str],
    country: str,
    alpha: float,
) -> tuple[list[RegionShift], tuple[KindTotal, ...]]:
    """Tested regions (most significant first) and national totals, from place counts."""
    cells: dict[tuple[str, str, str], list[int]] = {}  # (kind, region, scope) -> 4 counts
    totals = {k: [0, 0, 0, 0] for k in kinds}  # before, after, unassigned before/after
    for (place_id, effort), cell in counts.items():
        kind = KINDS[effort]
        units = _units_of(place_id, places, level, country)
        if units is None:
            continue
        n_before, n_after = cell[0] + cell[2], cell[1] + cell[3]
        main = [u for u in units if u[1] != "zone"]
        total = totals[kind]
        total[0 if main else 2] += n_before
        total[1 if main else 3] += n_after
        for region, scope in units:
            acc = cells.setdefault((kind, region, scope), [0, 0, 0, 0])
            for i in range(4):
                acc[i] += cell[i]
    regions = []
    for k in kinds:
        mine = {key: c for key, c in cells.items() if key[0] == k and any(c)}
        regions += _test_kind(mine, totals[k][0], totals[k][1], places, alpha)
    regions.sort(key=lambda r: (KINDS.index(r.kind), r.q_value, -abs(r.change), r.name))
    return regions, tuple(KindTotal(k, *totals[k]) for k in kinds)


def _test_kind(
    cells: Mapping[tuple[str, str, str], list[int]],
    total_before: int,
    total_after: int,
    places: Mapping[str, _Place],
    alpha: float,
) -> list[RegionShift]:
    tested = []
    for (kind, region, scope), c in cells.items():
        before, after = c[0] + c[2], c[1] + c[3]
        rest_before, rest_after = max(0, total_before - before), max(0, total_after - after)
        place = places.get(region)
        tested.append(
            RegionShift(
                region_id=region, name=place.name if place else region, scope=scope, kind=kind,
                before=before, after=after, events_before=c[0], events_after=c[1],
                share_before=before / total_before if total_before else 0.0,
                share_after=after / total_after if total_after else 0.0,
                p_value=fisher_exact(before, rest_before, after, rest_after),
                q_value=1.0, significant=False,
                parent_id=place.admin1_id if place and scope == "zone" else None,
            )
        )  # fmt: skip
    q = benjamini_hochberg([r.p_value for r in tested])
    return [
        replace(r, q_value=qv, significant=qv <= alpha) for r, qv in zip(tested, q, strict=True)
    ]


# -- evidence and quantities ------------------------------------------------------------------


def _enrich(
    store: View, region: RegionShift, windows: Sequence[tuple[str, str]], examples: int
) -> RegionShift:
    """Attach example records (from the period where the region's share was higher) and,
    for effort, the summed effort figures of each period."""
    if region.scope == "admin1":
        members = [p.id for p in store.places()
                   if p.id == region.region_id or p.admin1_id == region.region_id]  # fmt: skip
    else:
        members = [region.region_id]
    effort = KINDS.index(region.kind)
    lo, hi = windows[1] if region.change > 0 else windows[0]
    found = [
        Evidence("event", e.id, e.doc_id, e.date, e.type, e.place_id or "", e.evidence.text)
        for e in store.event_examples(members, effort, lo, hi, examples)
    ]
    if len(found) < examples:
        found += [
            Evidence("fact", f.id, f.doc_id, f.period, f.indicator, f.place_id or "",
                     f.evidence.text)
            for f in store.fact_examples(members, effort, lo, hi, examples - len(found))
        ]  # fmt: skip
    quantities: tuple[QuantityChange, ...] = ()
    if effort:
        quantities = tuple(
            QuantityChange(*row) for row in store.effort_sums(members, windows, ADDITIVE_UNITS)
        )
    return replace(region, evidence=tuple(found), quantities=quantities)


# -- naming shifts ----------------------------------------------------------------------------


def _name_shifts(regions: Iterable[RegionShift]) -> tuple[Shift, ...]:
    """One shift per kind with significant falls and rises among departments (or places),
    largest changes first; a department's label names up to two of its zones that moved the
    same way and passed the test too: "Ayacucho (VRAEM)"."""
    sig = [r for r in regions if r.significant]
    shifts = []
    for kind in KINDS:
        main = [r for r in sig if r.kind == kind and r.scope != "zone"]
        falls = sorted((r for r in main if r.change < 0), key=lambda r: r.change)
        rises = sorted((r for r in main if r.change > 0), key=lambda r: -r.change)
        if not (falls and rises):
            continue
        zones = [r for r in sig if r.kind == kind and r.scope == "zone"]
        sides = [_side(falls, zones), _side(rises, zones)]
        shares = " / ".join(
            ", ".join(f"{_pct(r.share_before)} -> {_pct(r.share_after)}" for r in side[:NAMED])
            for side in (falls, rises)
        )
        statement = f"{kind} shifted from {sides[0]} to {sides[1]}: share {shares}"
        shifts.append(Shift(kind, tuple(falls), tuple(rises), statement))
    return tuple(shifts)


def _side(regions: Sequence[RegionShift], zones: Sequence[RegionShift]) -> str:
    text = ", ".join(f"{r.name}{_zone_note(r, zones)}" for r in regions[:NAMED])
    more = len(regions) - NAMED
    return text + (f" and {more} more" if more > 0 else "")


def _zones_of(region: RegionShift, zones: Sequence[RegionShift]) -> list[RegionShift]:
    inside = [z for z in zones if z.parent_id == region.region_id]
    inside = [z for z in inside if z.direction == region.direction]
    return sorted(inside, key=lambda z: -abs(z.change))[:2]


def _zone_note(region: RegionShift, zones: Sequence[RegionShift]) -> str:
    inside = _zones_of(region, zones)
    return f" ({', '.join(z.name for z in inside)})" if inside else ""


def _named(shift: Shift, regions: Sequence[RegionShift]) -> list[RegionShift]:
    """The regions a shift statement names, with the zones in their labels."""
    zones = [r for r in regions if r.significant and r.kind == shift.kind and r.scope == "zone"]
    shown = [*shift.from_regions[:NAMED], *shift.to_regions[:NAMED]]
    return shown + [z for r in shown for z in _zones_of(r, zones)]


def _pct(share: float) -> str:
    return f"{share:.0%}" if share >= 0.1 or share == 0 else f"{share:.1%}"


def _kinds(kind: str) -> tuple[str, ...]:
    if kind == "both":
        return KINDS
    if kind in KINDS:
        return (kind,)
    raise PukaraError(f"kind {kind!r}: use both, activity or effort")


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise PukaraError(f"level {level!r}: use admin1 (departments and zones) or place")
