"""Fold reports of the same happening into event clusters, so that analyses count events.

In: the ``events`` of a store (one row per report of a happening, many per happening when
several outlets cover it). Out: ``EventCluster`` records, one per happening, with every
reporting document and source, a corroboration count that does not count syndicated copies
twice, the best date and place, and the union of the actors.

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

``refresh_event_clusters`` materialises the result in the ``clusters``, ``event_clusters``
and ``cluster_actors`` tables (migration 0003); ``cluster_events`` reads them while they are
fresh and computes from the events otherwise.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pukara.errors import PukaraError, StoreError
from pukara.store import SQLiteStore

__all__ = [
    "DEFAULT_DAY_WINDOW",
    "DEFAULT_MAX_KM",
    "EventCluster",
    "cluster_events",
    "clusters_fresh",
    "refresh_event_clusters",
    "window_bound",
]

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
_BOUND_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One happening and every report of it.

    ``n_documents`` counts independent documents (a near-duplicate is folded into the
    document it copies); ``n_sources`` counts the distinct known sources of those documents.
    ``doc_id`` and ``evidence`` give one example sentence.
    """

    id: int  # the smallest member event id
    type: str
    activity: str | None
    announced: bool
    date: str | None  # ISO at ``date_precision``
    date_precision: str | None
    place_id: str | None
    admin1_id: str | None
    actor_ids: tuple[str, ...]
    event_ids: tuple[int, ...]
    doc_ids: tuple[str, ...]  # every reporting document, near-duplicates included
    sources: tuple[str, ...]  # names of the sources of doc_ids
    n_documents: int
    n_sources: int
    doc_id: str
    evidence: str

    @property
    def n_events(self) -> int:
        """How many event records (reports) the cluster folds together."""
        return len(self.event_ids)


def window_bound(value: str | int | dt.date | None) -> str | None:
    """A window bound as an ISO prefix: 2020, "2020-05", date(2020, 5, 1) -> "2020-05-01".

    Bounds are inclusive and compare by overlap: since="2020" keeps anything that ends in
    2020 or later, until="2020-05" anything that starts in May 2020 or earlier.
    """
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if not _BOUND_RE.match(text):
        raise PukaraError(f"date bound {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def cluster_events(
    store: SQLiteStore,
    since: str | int | dt.date | None = None,
    until: str | int | dt.date | None = None,
    types: Iterable[str] | None = None,
    *,
    max_km: float = DEFAULT_MAX_KM,
    day_window: int = DEFAULT_DAY_WINDOW,
    limit: int | None = None,
) -> list[EventCluster]:
    """Event clusters whose best date overlaps [since, until], of the given types if any,
    newest first (then highest id; undated last), at most ``limit`` of them.

    Reads the materialised tables when ``refresh_event_clusters`` ran since the last change
    to the events (and with the same settings); computes from the events otherwise.
    """
    lo, hi = window_bound(since), window_bound(until)
    wanted = sorted(set(types)) if types is not None else None
    if clusters_fresh(store, max_km=max_km, day_window=day_window):
        return _read_clusters(store, lo, hi, wanted, limit)
    reports = _load_reports(store, _widen(lo, -day_window), _widen(hi, day_window), wanted)
    geo = _Geo.load(store, max_km)
    found = [_summarise(c, geo) for c in _cluster(reports, geo, day_window)]
    kept = [c for c in found if _overlaps(c.date, lo, hi)]
    kept.sort(key=lambda c: (c.date or "", c.id), reverse=True)
    return kept[:limit] if limit is not None else kept


def clusters_fresh(
    store: SQLiteStore, *, max_km: float = DEFAULT_MAX_KM, day_window: int = DEFAULT_DAY_WINDOW
) -> bool:
    """True when the materialised clusters match the events table and these settings."""
    state = store.execute("SELECT n_events, max_event_id, max_km, day_window FROM cluster_state")
    if not state:
        return False
    now = store.execute("SELECT count(*), coalesce(max(id), 0) FROM events")[0]
    s = state[0]
    return (s[0], s[1], s[2], s[3]) == (now[0], now[1], float(max_km), day_window)


def refresh_event_clusters(
    store_or_path: SQLiteStore | str | Path,
    *,
    max_km: float = DEFAULT_MAX_KM,
    day_window: int = DEFAULT_DAY_WINDOW,
) -> int:
    """Recompute the clusters of all events and rewrite the materialised tables.

    A batch step (seconds per hundred thousand events) to run after ingest; afterwards
    ``cluster_events`` and the hotspots answer from the tables. Returns the number of clusters.
    """
    if not isinstance(store_or_path, SQLiteStore):
        with SQLiteStore(store_or_path) as store:
            return refresh_event_clusters(store, max_km=max_km, day_window=day_window)
    store = store_or_path
    reports = _load_reports(store, None, None, None)
    geo = _Geo.load(store, max_km)
    found = [_summarise(c, geo) for c in _cluster(reports, geo, day_window)]
    _write_clusters(
        store, found, (len(reports), max((r.id for r in reports), default=0)), max_km, day_window
    )
    return len(found)


# -- reading the materialised tables ------------------------------------------------------

_CLUSTER_COLUMNS = """cluster_id, type, activity, announced, date, date_precision, place_id,
    admin1_id, actor_ids, event_ids, doc_ids, sources, n_documents, n_sources, doc_id, evidence"""


def _read_clusters(
    store: SQLiteStore,
    lo: str | None,
    hi: str | None,
    types: list[str] | None,
    limit: int | None,
) -> list[EventCluster]:
    where, params = _window_sql("date", lo, hi)
    if types is not None:
        where.append(f"type IN ({','.join('?' * len(types))})")
        params.extend(types)
    sql = f"SELECT {_CLUSTER_COLUMNS} FROM clusters"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date DESC, cluster_id DESC"  # NULL dates sort last in DESC
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.execute(sql, params)
    return [_from_row(r) for r in rows]


def _from_row(r: Any) -> EventCluster:
    def split(text: str) -> tuple[str, ...]:
        return tuple(text.split("\n")) if text else ()

    return EventCluster(
        r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], split(r[8]),
        tuple(map(int, r[9].split())), split(r[10]), split(r[11]), r[12], r[13], r[14], r[15],
    )  # fmt: skip


def _window_sql(column: str, lo: str | None, hi: str | None) -> tuple[list[str], list[Any]]:
    """Overlap test of an ISO-prefix column with [lo, hi]: "2020" ends after "2020-05"
    because "2020~" sorts after it ('~' sorts after digits and '-')."""
    where: list[str] = []
    params: list[Any] = []
    if lo is not None:
        where.append(f"{column} || '~' >= ?")
        params.append(lo)
    if hi is not None:
        where.append(f"{column} <= ?")
        params.append(hi + "~")
    return where, params


def _overlaps(date: str | None, lo: str | None, hi: str | None) -> bool:
    if date is None:
        return lo is None and hi is None
    return (lo is None or date + "~" >= lo) and (hi is None or date <= hi + "~")


def _widen(bound: str | None, days: int) -> str | None:
    """Move a bound by ``days`` so that reports just outside a window still join its clusters."""
    if bound is None:
        return None
    first = dt.date.fromisoformat((bound + "-01-01")[:10])
    if days > 0:  # an upper bound: from the last day it covers
        first = _last_day(bound)
    return (first + dt.timedelta(days=days)).isoformat()


def _last_day(bound: str) -> dt.date:
    if len(bound) == 10:
        return dt.date.fromisoformat(bound)
    if len(bound) == 4:
        return dt.date(int(bound), 12, 31)
    year, month = int(bound[:4]), int(bound[5:7])
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


# -- loading reports ----------------------------------------------------------------------


class _Report(NamedTuple):
    """One event row, with what matching needs precomputed."""

    id: int
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


# Per document: published, the document it copies (or itself), its source's name, and the
# source of the copied document. Read once rather than joined into every event row.
_DOCUMENTS_SQL = """SELECT d.id, d.published, coalesce(d.duplicate_of, d.id), s.name, r.source_id
FROM documents d LEFT JOIN documents r ON r.id = coalesce(d.duplicate_of, d.id)
LEFT JOIN sources s ON s.id = d.source_id"""
_Doc = tuple[str | None, str, str | None, int | None]


def _load_reports(
    store: SQLiteStore, lo: str | None, hi: str | None, types: list[str] | None
) -> list[_Report]:
    dated, params = _window_sql("e.date", lo, hi)
    published, more = _window_sql("substr(published, 1, 7)", lo, hi)
    where = []
    if dated:  # an undated report is placed by the month its document was published in
        where.append(
            f"(({' AND '.join(dated)}) OR (e.date IS NULL AND e.doc_id IN"
            f" (SELECT id FROM documents WHERE {' AND '.join(published)})))"
        )
        params.extend(more)
    if types is not None:
        where.append(f"e.type IN ({','.join('?' * len(types))})")
        params.extend(types)
    sql = "SELECT e.id, e.type, e.announced, e.activity, e.date, e.place_id, e.actor_ids,"
    sql += " e.doc_id, e.evidence FROM events e"
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.id"
    docs: dict[str, _Doc] = {r[0]: (r[1], r[2], r[3], r[4]) for r in store.execute(_DOCUMENTS_SQL)}
    parents = {r[0]: r[1] for r in store.execute("SELECT id, parent_id FROM actors")}
    return [_report(row, docs[row[7]], parents) for row in store.execute(sql, params)]


def _report(row: Any, doc: _Doc, parents: dict[str, str | None]) -> _Report:
    own = row[4]
    prec, day, ym, year = _parse_date(own or (doc[0] or "")[:7])
    actors = tuple(_json_ids(row[6]))
    reach = frozenset(actors) | {p for a in actors if (p := parents.get(a))} if actors else _NOBODY
    return _Report(
        row[0], (row[1], row[2]), row[3], prec, day, ym, year, own, row[5], actors, reach, row[7],
        doc[1], doc[2], doc[3], row[8],
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
class _Geo:
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
    def load(cls, store: SQLiteStore, max_km: float) -> _Geo:
        rows = store.execute("SELECT id, kind, parent_id, admin1_id, lat, lon FROM places")
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


def _cluster(reports: list[_Report], geo: _Geo, day_window: int) -> list[_Cluster]:
    """Group reports bucket by bucket; returns clusters in a deterministic order."""
    buckets: dict[tuple[str, int], list[_Report]] = {}
    for r in reports:
        buckets.setdefault(r.bucket, []).append(r)
    found: list[_Cluster] = []
    for key in sorted(buckets):
        found.extend(_cluster_bucket(buckets[key], geo, day_window))
    return found


def _cluster_bucket(reports: list[_Report], geo: _Geo, window: int) -> list[_Cluster]:
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


def _best_fit(r: _Report, pool: _Pool, geo: _Geo, window: int) -> _Cluster | None:
    """The cluster every member of which ``r`` fits, preferring nearer places and dates,
    then bigger clusters, then the older cluster."""
    best: tuple[tuple[int, int, int, int], _Cluster] | None = None
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
                key = (fit[0], fit[1], -len(c.members), c.members[0].id)
                if best is None or key < best[0]:
                    best = (key, c)
    return best[1] if best else None


def _fit(r: _Report, c: _Cluster, geo: _Geo, window: int) -> tuple[int, int] | None:
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


def _summarise(c: _Cluster, geo: _Geo) -> EventCluster:
    """The cluster as a record: best date and place, union of actors, corroboration."""
    if len(c.members) == 1:
        return _summarise_one(c.members[0], geo)
    members = sorted(c.members, key=lambda m: m.id)
    date, prec = _best_date(members)
    place = _best_place(members, geo)
    roots = {m.root_id: m.root_source for m in members}
    example = min(members, key=lambda m: (m.doc_id != m.root_id, m.prec, m.id))
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


def _summarise_one(r: _Report, geo: _Geo) -> EventCluster:
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


def _best_place(members: list[_Report], geo: _Geo) -> str | None:
    """The most specific place, the most reported among equals, the smallest id on ties."""
    counts = Counter(m.place for m in members if m.place)
    if not counts:
        return None
    return min(counts, key=lambda p: (_SPECIFICITY.get(geo.kinds.get(p, ""), 3), -counts[p], p))


def _write_clusters(
    store: SQLiteStore,
    found: list[EventCluster],
    state: tuple[int, int],
    max_km: float,
    day_window: int,
) -> None:
    """Rewrite the materialised tables in one transaction.

    The analysis layer otherwise reads through ``execute`` only; this batch step is the one
    place it writes. It uses the store's own transaction (``_transaction``) rather than a
    store method because the tables hold derived data owned by this module: nothing but
    ``refresh_event_clusters`` writes them, and a failure leaves the previous state intact.
    The tables' secondary indexes are dropped and rebuilt around the bulk insert (their
    definitions are read back from the schema, so migration 0003 stays their one home):
    building an index once is several times faster than updating it half a million times.
    """
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        _rewrite(store, found, (*state, float(max_km), day_window, now))
    except sqlite3.Error as exc:
        raise StoreError(f"{store.path}: could not write the event clusters: {exc}") from exc


def _rewrite(store: SQLiteStore, found: list[EventCluster], state: tuple[Any, ...]) -> None:
    """Replace the tables' contents; indexes are dropped and rebuilt around the insert."""
    with store._transaction() as db:
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name IN ('clusters', 'event_clusters', 'cluster_actors')"
        ).fetchall()
        for name, _ in indexes:
            db.execute(f'DROP INDEX "{name}"')
        for table in ("event_clusters", "cluster_actors", "clusters", "cluster_state"):
            db.execute(f"DELETE FROM {table}")
        _insert_clusters(db, found)
        db.execute(
            "INSERT INTO cluster_state(id, n_events, max_event_id, max_km, day_window,"
            " refreshed_at) VALUES (1, ?, ?, ?, ?, ?)",
            state,
        )
        for _, sql in indexes:
            db.execute(sql)


def _insert_clusters(db: sqlite3.Connection, found: list[EventCluster]) -> None:
    """Bulk-insert the clusters, their events and actors, each in key order."""
    db.executemany(
        f"INSERT INTO clusters({_CLUSTER_COLUMNS}, n_events) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        sorted(_to_row(c) for c in found),
    )
    db.executemany(
        "INSERT INTO event_clusters(event_id, cluster_id) VALUES (?, ?)",
        sorted((e, c.id) for c in found for e in c.event_ids),
    )
    db.executemany(
        "INSERT INTO cluster_actors(actor_id, cluster_id, place_id, date, announced)"
        " VALUES (?, ?, ?, ?, ?)",
        sorted((a, c.id, c.place_id, c.date, int(c.announced)) for c in found for a in c.actor_ids),
    )


def _to_row(c: EventCluster) -> tuple[Any, ...]:
    return (
        c.id, c.type, c.activity, int(c.announced), c.date, c.date_precision, c.place_id,
        c.admin1_id, "\n".join(c.actor_ids), " ".join(map(str, c.event_ids)), "\n".join(c.doc_ids),
        "\n".join(c.sources), c.n_documents, c.n_sources, c.doc_id, c.evidence, c.n_events,
    )  # fmt: skip
