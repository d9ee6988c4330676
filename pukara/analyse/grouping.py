"""Group reports of the same happening: the algorithm behind ``pukara.analyse.clusters``.

In: ``EventRow`` records (one per report of an event), each document's publication,
original and source (``DocumentInfo``), the actors' registry parents and the places.
Out: ``EventCluster`` records, one per happening.

Two reports are the same happening when all of this holds:

* same event type, and both announced or both reported as done;
* close dates: two day-precise dates at most ``day_window`` days apart; otherwise the coarser
  of the two precisions decides (a day or a month inside a month, anything inside a year).
  A report without a date is matched by the month its document was published in;
* nearby places: the same place, one place inside the other (``parent_id`` chain or
  ``admin1_id``; countries are too coarse to count as "inside"), or both within ``max_km``.
  A report without a place matches only others without one;
* overlapping actors when both name some (an actor's parent counts: DIRANDRO is PNP).

Clustering is complete-linkage (a report joins a cluster only if it fits every member, so a
run of daily raids at one place does not chain into one event) and near-linear: reports are
bucketed by (type, announced), swept in date order, and compared only with the clusters that
are still in reach in time and started at a nearby place (a grid of ``max_km`` cells and the
place hierarchy give each place its neighbours). Day-precise reports go first, so vaguer
reports attach to the happening they fit best rather than seeding it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from pukara.model import EventCluster, Place
from pukara.store import DocumentInfo, EventRow

__all__ = ["DEFAULT_DAY_WINDOW", "DEFAULT_MAX_KM", "Geo", "group_reports", "load_report"]

DEFAULT_MAX_KM = 25.0  # about the reach of a riverside town or a valley floor in the Andes
DEFAULT_DAY_WINDOW = 3  # days between the happening and a late or misdated report

_DAY, _MONTH, _YEAR, _UNDATED = 0, 1, 2, 3
_PRECISION_NAME = {_DAY: "day", _MONTH: "month", _YEAR: "year"}
_ISO_LENGTH = {_DAY: 10, _MONTH: 7, _YEAR: 4}
# How specific a place kind is (lower is better) when a cluster's best place is chosen.
_SPECIFICITY = {
    "district": 0, "town": 0, "province": 1, "valley": 2, "river": 2, "zone": 2, "border": 2,
    "other": 2, "region": 3, "country": 4, "continent": 5,
}  # fmt: skip
_TOO_COARSE = {"country", "continent"}  # "in Peru" is not "near" anything in Peru
_NOBODY: frozenset[str] = frozenset()


class _Report(NamedTuple):
    """One event row, with what matching needs precomputed."""

    id: str
    bucket: tuple[str, int]  # (type, announced)
    activity: str | None
    prec: int  # precision of the matching date: _DAY .. _UNDATED
    day: int  # ordinal of the first day of the matching date
    ym: int  # year * 12 + month - 1 (month and day precision)
    year: int
    own_date: str | None  # the date the report states itself
    place: str | None
    actors: tuple[str, ...]
    reach: frozenset[str]  # actors and their parents
    doc_id: str
    root_id: str  # the document a near-duplicate copies, else doc_id
    source: str | None
    root_source: int | None
    evidence: str
    published: str  # the document's publication ("~" when undated: sorts last)


def load_report(row: EventRow, doc: DocumentInfo, parents: Mapping[str, str | None]) -> _Report:
    """A stored event as grouping needs it; an undated report takes its document's month."""
    prec, day, ym, year = _parse_date(row.date or (doc.published or "")[:7])
    actors = tuple(_json_ids(row.actor_ids))
    reach = frozenset(actors) | {p for a in actors if (p := parents.get(a))} if actors else _NOBODY
    return _Report(
        row.id, (row.type, int(row.announced)), row.activity, prec, day, ym, year, row.date,
        row.place_id, actors, reach, row.doc_id, doc.root_id, doc.source, doc.root_source,
        row.evidence, doc.published or "~",
    )  # fmt: skip


def _parse_date(text: str) -> tuple[int, int, int, int]:
    """(precision, first-day ordinal, year*12+month-1, year) of "YYYY[-MM[-DD]]"."""
    try:
        if len(text) >= 10:
            d = dt.date.fromisoformat(text[:10])
            return _DAY, d.toordinal(), d.year * 12 + d.month - 1, d.year
        if len(text) >= 7:
            year, month = int(text[:4]), int(text[5:7])
            return _MONTH, dt.date(year, month, 1).toordinal(), year * 12 + month - 1, year
        if len(text) >= 4:
            return _YEAR, dt.date(int(text[:4]), 1, 1).toordinal(), 0, int(text[:4])
    except ValueError:
        pass  # an unreadable date matches like a missing one
    return _UNDATED, 0, 0, 0


def _json_ids(text: str | None) -> list[str]:
    """Actor ids from the JSON list column; plain ids are split without a JSON parse (three
    times faster on half a million rows), anything escaped goes through json.loads."""
    if not text or text == "[]":
        return []
    if "\\" in text:
        return [str(i) for i in json.loads(text)]
    return [i for part in text.strip("[]").split(",") if (i := part.strip().strip('"'))]


# -- geography ----------------------------------------------------------------------------


@dataclass(slots=True)
class Geo:
    """Places as matching needs them: which places are near which, how specific each is."""

    max_km: float
    points: dict[str, tuple[float, float]]
    ancestors: dict[str, frozenset[str]]
    descendants: dict[str, set[str]]
    kinds: dict[str, str]
    admin1: dict[str, str | None]
    grid: dict[tuple[int, int], list[str]]
    cell: tuple[float, float]  # grid cell size (deg lat, deg lon), at least max_km wide
    memo: dict[tuple[str, str], int | None] = field(default_factory=dict)
    nears: dict[str | None, tuple[str | None, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, places: Iterable[Place], max_km: float) -> Geo:
        rows = [
            (p.id, p.kind.value, p.parent_id, p.admin1_id,
             p.point.lat if p.point else None, p.point.lon if p.point else None)
            for p in places
        ]  # fmt: skip
        kinds = {r[0]: r[1] for r in rows}
        parent = {r[0]: r[2] for r in rows}
        points = {r[0]: (r[4], r[5]) for r in rows if r[4] is not None and r[5] is not None}
        ancestors = {r[0]: _ancestors(r[0], r[3], parent, kinds) for r in rows}
        descendants: dict[str, set[str]] = {}
        for place, above in ancestors.items():
            for a in above:
                descendants.setdefault(a, set()).add(place)
        top = max((abs(lat) for lat, _ in points.values()), default=0.0)
        cell = (max_km / 110.0, max_km / 110.0 / math.cos(math.radians(min(top, 85.0))))
        grid: dict[tuple[int, int], list[str]] = {}
        for place, (lat, lon) in points.items():
            grid.setdefault((int(lat // cell[0]), int(lon // cell[1])), []).append(place)
        admin1 = {r[0]: r[3] for r in rows}
        return cls(max_km, points, ancestors, descendants, kinds, admin1, grid, cell)

    def admin1_of(self, place: str | None) -> str | None:
        """The department a place lies in (a department lies in itself)."""
        if place is None:
            return None
        return self.admin1.get(place) or (place if self.kinds.get(place) == "region" else None)

    def near(self, place: str | None) -> tuple[str | None, ...]:
        """Every place a report at ``place`` may share a happening with, itself included."""
        if place not in self.nears:
            self.nears[place] = self._near(place) if place is not None else (None,)
        return self.nears[place]

    def _near(self, place: str) -> tuple[str | None, ...]:
        found = {place} | self.ancestors.get(place, frozenset())
        found |= self.descendants.get(place, set())
        point = self.points.get(place)
        if point is not None:
            row, col = int(point[0] // self.cell[0]), int(point[1] // self.cell[1])
            for dr, dc in itertools.product((-1, 0, 1), repeat=2):
                for other in self.grid.get((row + dr, col + dc), ()):
                    if _km(point, self.points[other]) <= self.max_km:
                        found.add(other)
        return tuple(found)

    def rank(self, a: str | None, b: str | None) -> int | None:
        """0 same place, 1 one inside the other, 2 within max_km, None not nearby."""
        if a == b:
            return 0
        if a is None or b is None:
            return None
        key = (a, b) if a < b else (b, a)
        if key not in self.memo:
            self.memo[key] = self._rank(a, b)
        return self.memo[key]

    def _rank(self, a: str, b: str) -> int | None:
        if a in self.ancestors.get(b, ()) or b in self.ancestors.get(a, ()):
            return 1
        pa, pb = self.points.get(a), self.points.get(b)
        if pa is not None and pb is not None and _km(pa, pb) <= self.max_km:
            return 2
        return None


def _ancestors(
    place: str, admin1: str | None, parent: dict[str, str | None], kinds: dict[str, str]
) -> frozenset[str]:
    found = {admin1} if admin1 and admin1 != place else set()
    up = parent.get(place)
    while up and up not in found and up in kinds and kinds[up] not in _TOO_COARSE:
        found.add(up)
        up = parent.get(up)
    return frozenset(found)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# -- clustering ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Cluster:
    """A growing cluster with the bounds that make the fit test cheap (-1: none yet).

    Complete linkage keeps the bounds simple: all month-precise members share one month,
    all year-precise members one year.
    """

    members: list[_Report] = field(default_factory=list)
    places: list[str | None] = field(default_factory=list)
    reaches: list[frozenset[str]] = field(default_factory=list)
    day_lo: int = -1  # first and last day of the day-precise members
    day_hi: int = -1
    month: int = -1  # the month of the month-precise members
    year: int = -1  # the year of the year-precise members
    ym_lo: int = -1  # months spanned by day- and month-precise members
    ym_hi: int = -1
    y_lo: int = -1  # years spanned by all dated members
    y_hi: int = -1

    def add(self, r: _Report) -> None:
        if r.prec == _DAY:
            self.day_lo = r.day if self.day_lo < 0 else min(self.day_lo, r.day)
            self.day_hi = max(self.day_hi, r.day)
        elif r.prec == _MONTH:
            self.month = r.ym
        elif r.prec == _YEAR:
            self.year = r.year
        if r.prec <= _MONTH:
            self.ym_lo = r.ym if self.ym_lo < 0 else min(self.ym_lo, r.ym)
            self.ym_hi = max(self.ym_hi, r.ym)
        if r.prec != _UNDATED:
            self.y_lo = r.year if self.y_lo < 0 else min(self.y_lo, r.year)
            self.y_hi = max(self.y_hi, r.year)
        if r.place not in self.places:
            self.places.append(r.place)
        if r.reach and r.reach not in self.reaches:
            self.reaches.append(r.reach)
        self.members.append(r)


# Candidate clusters by the place of their first report: a report can only fit a cluster
# whose first place is near its own, so it looks at the lists of those places only.
_Pool = dict[str | None, list[_Cluster]]


def _cluster(reports: list[_Report], geo: Geo, day_window: int) -> list[_Cluster]:
    """Group reports bucket by bucket; returns clusters in a deterministic order."""
    buckets: dict[tuple[str, int], list[_Report]] = {}
    for r in reports:
        buckets.setdefault(r.bucket, []).append(r)
    found: list[_Cluster] = []
    for key in sorted(buckets):
        found.extend(_cluster_bucket(buckets[key], geo, day_window))
    return found


def _cluster_bucket(reports: list[_Report], geo: Geo, window: int) -> list[_Cluster]:
    """Day-precise reports in a sliding window first, then month, year and undated reports,
    each against the clusters that started in its month or year."""
    clusters: list[_Cluster] = []
    days: _Pool = {}
    undated: _Pool = {}
    by_month: dict[int, _Pool] = {}
    by_year: dict[int, _Pool] = {}
    vague_months = {r.ym for r in reports if r.prec == _MONTH}  # where to offer clusters
    vague_years = {r.year for r in reports if r.prec == _YEAR}
    for r in sorted(reports, key=lambda r: (r.prec, r.day, r.id)):
        if r.prec == _DAY:
            pool = days
        elif r.prec == _MONTH:
            pool = by_month.setdefault(r.ym, {})
        else:
            pool = by_year.setdefault(r.year, {}) if r.prec == _YEAR else undated
        best = _best_fit(r, pool, geo, window)
        if best is None:
            best = _Cluster()
            clusters.append(best)
            pool.setdefault(r.place, []).append(best)
            if r.prec == _DAY and r.ym in vague_months:
                by_month.setdefault(r.ym, {}).setdefault(r.place, []).append(best)
            if r.prec <= _MONTH and r.year in vague_years:
                by_year.setdefault(r.year, {}).setdefault(r.place, []).append(best)
        best.add(r)
    return clusters


def _best_fit(r: _Report, pool: _Pool, geo: Geo, window: int) -> _Cluster | None:
    """The cluster every member of which ``r`` fits, preferring nearer places and dates,
    then bigger clusters, then the older cluster."""
    best: tuple[tuple[int, int, int, int, str], _Cluster] | None = None
    for q in geo.near(r.place):
        found = pool.get(q)
        if not found:
            continue
        if r.prec == _DAY and found[0].day_lo < r.day - window:
            # out of reach for good: lists are in sweep order, so the stale ones lead
            del found[
                : next((i for i, c in enumerate(found) if c.day_lo >= r.day - window), len(found))
            ]
        for c in found:
            fit = _fit(r, c, geo, window)
            if fit is not None:
                # nearer, then bigger, then the happening that began first
                key = (fit[0], fit[1], -len(c.members), c.members[0].day, c.members[0].id)
                if best is None or key < best[0]:
                    best = (key, c)
    return best[1] if best else None


def _fit(r: _Report, c: _Cluster, geo: Geo, window: int) -> tuple[int, int] | None:
    """(worst place rank, day gap) when ``r`` fits every member of ``c``; None otherwise."""
    gap = _date_gap(r, c, window)
    if gap is None:
        return None
    if r.reach and any(not (r.reach & s) for s in c.reaches):
        return None
    worst = 0
    for p in c.places:
        rank = geo.rank(r.place, p)
        if rank is None:
            return None
        worst = max(worst, rank)
    return worst, gap


def _date_gap(r: _Report, c: _Cluster, window: int) -> int | None:
    """Days between ``r`` and the cluster's day-precise members when ``r``'s date fits
    every member's date; None when it does not."""
    if (r.prec == _UNDATED) != (c.y_lo < 0):  # undated reports only go with undated ones
        return None
    if r.prec == _UNDATED:
        return 0
    if c.year >= 0 and c.year != r.year:
        return None
    if r.prec == _YEAR:
        return 0 if c.y_lo == c.y_hi == r.year else None
    if r.prec == _MONTH:
        return 0 if c.ym_lo < 0 or c.ym_lo == c.ym_hi == r.ym else None
    if c.month >= 0 and c.month != r.ym:
        return None
    if c.day_lo < 0:
        return 0
    if r.day > c.day_lo + window or r.day < c.day_hi - window:
        return None
    return max(0, c.day_lo - r.day, r.day - c.day_hi)


# -- summarising and writing --------------------------------------------------------------


def _summarise(c: _Cluster, geo: Geo) -> EventCluster:
    """The cluster as a record: best date and place, union of actors, corroboration."""
    if len(c.members) == 1:
        return _summarise_one(c.members[0], geo)
    members = sorted(c.members, key=lambda m: m.id)
    date, prec = _best_date(members)
    place = _best_place(members, geo)
    roots = {m.root_id: m.root_source for m in members}
    # the example sentence: from an original (not a copy), the most precise, the first published
    example = min(members, key=lambda m: (m.doc_id != m.root_id, m.prec, m.published, m.id))
    return EventCluster(
        id=members[0].id,
        type=members[0].bucket[0],
        activity=Counter(m.activity for m in members).most_common(1)[0][0],
        announced=bool(members[0].bucket[1]),
        date=date,
        date_precision=prec,
        place_id=place,
        admin1_id=geo.admin1_of(place),
        actor_ids=tuple(sorted({a for m in members for a in m.actors})),
        event_ids=tuple(m.id for m in members),
        doc_ids=tuple(sorted({m.doc_id for m in members})),
        sources=tuple(sorted({m.source for m in members if m.source})),
        n_documents=len(roots),
        n_sources=len({s for s in roots.values() if s is not None}),
        doc_id=example.doc_id,
        evidence=example.evidence,
    )


def _summarise_one(r: _Report, geo: Geo) -> EventCluster:
    """The common case, a happening reported once, without the counting."""
    if r.own_date and r.prec != _UNDATED:
        date: str | None = r.own_date[: _ISO_LENGTH[r.prec]]
        prec: str | None = _PRECISION_NAME[r.prec]
    else:
        date, prec = _best_date([r])
    return EventCluster(
        r.id, r.bucket[0], r.activity, bool(r.bucket[1]), date, prec, r.place,
        geo.admin1_of(r.place), tuple(sorted(set(r.actors))), (r.id,),
        (r.doc_id,), (r.source,) if r.source else (), 1, int(r.root_source is not None), r.doc_id,
        r.evidence,
    )  # fmt: skip


def _best_date(members: list[_Report]) -> tuple[str | None, str | None]:
    """The most precise stated date, the most reported among equals, the earliest on ties;
    the month of publication when no member states a date."""
    stated = [
        (p, m.own_date)
        for m in members
        if m.own_date and (p := _parse_date(m.own_date)[0]) != _UNDATED
    ]
    if not stated:
        fallback = min(members, key=lambda m: (m.prec, m.day))
        if fallback.prec == _UNDATED:
            return None, None
        text = dt.date.fromordinal(fallback.day).isoformat()[: _ISO_LENGTH[fallback.prec]]
        return text, _PRECISION_NAME[fallback.prec]
    top = min(p for p, _ in stated)
    counts = Counter(text[: _ISO_LENGTH[top]] for p, text in stated if p == top)
    text = min(counts, key=lambda t: (-counts[t], t))
    return text, _PRECISION_NAME[top]


def _best_place(members: list[_Report], geo: Geo) -> str | None:
    """The most specific place, the most reported among equals, the smallest id on ties."""
    counts = Counter(m.place for m in members if m.place)
    if not counts:
        return None
    return min(counts, key=lambda p: (_SPECIFICITY.get(geo.kinds.get(p, ""), 3), -counts[p], p))


def group_reports(reports: list[_Report], geo: Geo, day_window: int) -> list[EventCluster]:
    """The happenings of ``reports``, summarised, in a deterministic order."""
    return [_summarise(c, geo) for c in _cluster(reports, geo, day_window)]
