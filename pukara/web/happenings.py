"""Events as the timeline and the event pages show them: one per happening, filtered.

In: a store, ``Filters`` and optionally a set of place ids (a place page's scope). Out:
``HappeningPage`` (a page of ``EventCluster`` records, newest first, the total, and counts
per year and month for the timeline's bar chart) and, for one happening, its reports
(``Report``: every member event with its document, source, grade, date, sentence and
marking). Reads the materialised clusters (``refresh_event_clusters``) when they are
fresh; otherwise groups the events now with ``cluster_events`` and filters in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pukara.analyse.clusters import EventCluster, cluster_events, clusters_fresh
from pukara.model import Marking
from pukara.share.markings import marking_of
from pukara.store import SQLiteStore
from pukara.web.filters import Filters
from pukara.web.handlers import NotFoundError

__all__ = ["HappeningPage", "Report", "get_happening", "list_happenings"]

_COLUMNS = """c.cluster_id, c.type, c.activity, c.announced, c.date, c.date_precision,
    c.place_id, c.admin1_id, c.actor_ids, c.event_ids, c.doc_ids, c.sources, c.n_documents,
    c.n_sources, c.doc_id, c.evidence"""


@dataclass(frozen=True, slots=True)
class HappeningPage:
    items: tuple[EventCluster, ...]
    total: int
    by_year: tuple[tuple[str, int], ...]
    by_month: tuple[tuple[str, int], ...]  # only dates precise to the month or day
    counted: str  # "happenings" (materialised clusters) or "happenings (computed now)"


@dataclass(frozen=True, slots=True)
class Report:
    """One report (event record) of a happening, with its document and source."""

    event_id: int
    doc_id: str
    title: str | None
    source: str | None
    grade: str | None
    published: str | None
    date: str | None
    type: str
    place_id: str | None
    announced: bool
    evidence: str
    marking: Marking
    duplicate_of: str | None


def list_happenings(
    store: SQLiteStore,
    filters: Filters,
    *,
    scope: Sequence[str] | None = None,
    limit: int = 100,
    offset: int = 0,
    fresh: bool | None = None,
) -> HappeningPage:
    """Happenings that pass ``filters`` (and lie in ``scope`` when given), newest first.
    ``fresh`` says whether the materialised clusters are current (asked when None)."""
    if clusters_fresh(store) if fresh is None else fresh:
        return _from_tables(store, filters, scope, limit, offset)
    return _computed(store, filters, scope, limit, offset)


def _from_tables(
    store: SQLiteStore, filters: Filters, scope: Sequence[str] | None, limit: int, offset: int
) -> HappeningPage:
    where, params = filters.cluster_sql("c")
    if scope is not None:
        where += " AND c.place_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(scope)))
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM clusters c WHERE 1 = 1{where} "
        "ORDER BY c.date IS NULL, c.date DESC, c.cluster_id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    total = store.execute(f"SELECT count(*) FROM clusters c WHERE 1 = 1{where}", params)[0][0]
    dates = store.execute(
        f"SELECT substr(c.date, 1, 7), count(*) FROM clusters c WHERE c.date IS NOT NULL{where} "
        "GROUP BY 1",
        params,
    )
    by_year, by_month = _histograms((d, n) for d, n in dates)
    return HappeningPage(
        tuple(_cluster(r) for r in rows), int(total), by_year, by_month, "happenings"
    )


def _computed(
    store: SQLiteStore, filters: Filters, scope: Sequence[str] | None, limit: int, offset: int
) -> HappeningPage:
    types = filters.linked_types()
    if filters.type:
        types = [t for t in (types or [filters.type]) if t == filters.type]
    found = cluster_events(store, filters.since, filters.until, types)
    keep = set(scope) if scope is not None else None
    kept = [
        c
        for c in found
        if (filters.activity is None or c.activity == filters.activity)
        and (filters.actor is None or filters.actor in c.actor_ids)
        and (keep is None or c.place_id in keep)
    ]
    by_year, by_month = _histograms(Counter(c.date[:7] for c in kept if c.date).items())
    return HappeningPage(
        tuple(kept[offset : offset + limit]), len(kept), by_year, by_month,
        "happenings (computed now: run `pukara refresh-clusters` to store them)",
    )  # fmt: skip


def _histograms(
    counts: Any,
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """Counts per year and per month (YYYY-MM), every period between the first and the last
    present, so that the bars of a chart stand at even steps."""
    years: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for key, n in counts:
        if not key[:4].isdigit():
            continue
        years[key[:4]] += n
        if len(key) >= 7:
            months[key[:7]] += n
    all_years = [str(y) for y in _span(years, 1)]
    all_months = [f"{m // 12}-{m % 12 + 1:02d}" for m in _span(months, 12)]
    return (
        tuple((y, years.get(y, 0)) for y in all_years),
        tuple((m, months.get(m, 0)) for m in all_months),
    )


def _span(counts: Counter[str], per_year: int) -> range:
    """Every year (per_year=1) or month index (year*12 + month-1, per_year=12) from the
    first key of ``counts`` to the last."""
    if not counts:
        return range(0)

    def index(key: str) -> int:
        return int(key[:4]) if per_year == 1 else int(key[:4]) * 12 + int(key[5:7]) - 1

    keys = [index(k) for k in counts]
    return range(min(keys), max(keys) + 1)


def _cluster(r: Any) -> EventCluster:
    def lines(text: str) -> tuple[str, ...]:
        return tuple(text.split("\n")) if text else ()

    return EventCluster(
        r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], lines(r[8]),
        tuple(int(i) for i in r[9].split()), lines(r[10]), lines(r[11]), r[12], r[13],
        r[14], r[15],
    )  # fmt: skip


def get_happening(
    store: SQLiteStore, cluster_id: int, fresh: bool | None = None
) -> tuple[EventCluster, list[Report]]:
    """One happening by its id (its first event's id; any member event's id also finds
    it) and every report of it, earliest publication first."""
    cluster: EventCluster | None = None
    if clusters_fresh(store) if fresh is None else fresh:
        rows = store.execute(
            f"SELECT {_COLUMNS} FROM clusters c WHERE c.cluster_id = "
            "coalesce((SELECT cluster_id FROM event_clusters WHERE event_id = ?), ?)",
            (cluster_id, cluster_id),
        )
        cluster = _cluster(rows[0]) if rows else None
    else:
        cluster = next((c for c in cluster_events(store) if cluster_id in c.event_ids), None)
    if cluster is None:
        raise NotFoundError(f"event {cluster_id}: not in the store")
    return cluster, _reports(store, cluster.event_ids)


def _reports(store: SQLiteStore, event_ids: Sequence[int]) -> list[Report]:
    rows = store.execute(
        "SELECT e.id, e.doc_id, d.title, s.name, s.reliability || s.credibility, d.published,"
        " e.date, e.type, e.place_id, e.announced, e.evidence, e.tlp, e.releasable_to,"
        " d.duplicate_of FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN sources s ON s.id = d.source_id"
        " WHERE e.id IN (SELECT value FROM json_each(?))"
        " ORDER BY d.published IS NULL, d.published, e.id",
        (json.dumps(list(event_ids)),),
    )
    return [
        Report(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10],
               marking_of(r[11], r[12]), r[13])
        for r in rows
    ]  # fmt: skip
