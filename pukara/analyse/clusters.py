"""Events one per happening: reports of the same event grouped, kept current incrementally.

In: a store view (its events, documents, actors and places). Out: ``EventCluster`` records,
one per happening, with every reporting document and source, a corroboration count that
does not count syndicated copies twice, the best date and place, and the union of the
actors. The grouping rule is ``pukara.analyse.grouping``.

``refresh_event_clusters(store)`` keeps the store's materialised clusters current: after an
ingest it regroups only what new reports can touch (the reports of the same types within
reach in time of the new ones, and the whole clusters they belong to) and replaces those
clusters; a first run, changed settings or a batch larger than a third of the store regroup
everything. ``cluster_events(view)`` reads the materialised clusters when they are fresh and
were computed from nothing the reader may not see; otherwise it groups the reader's visible
events now, so a restricted reader's happenings, counts and sources come from what it may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from pukara.analyse.grouping import (
    DEFAULT_DAY_WINDOW,
    DEFAULT_MAX_KM,
    Geo,
    group_reports,
    load_report,
)
from pukara.errors import PukaraError
from pukara.model import EventCluster, Filters
from pukara.model.periods import check_bound, day_hi, day_lo, overlaps
from pukara.store import DocumentInfo, EventRow, Reader, Store, View, as_view

__all__ = [
    "DEFAULT_DAY_WINDOW",
    "DEFAULT_MAX_KM",
    "EventCluster",
    "cluster_events",
    "clusters_usable",
    "get_cluster",
    "refresh_event_clusters",
    "window_bound",
]

_FULL_SHARE = 1 / 3  # a batch larger than this share of all events is regrouped from scratch
_REACH_DAYS = 40  # days around a new report within which it can join an existing happening


def window_bound(value: str | int | dt.date | None, label: str = "date bound") -> str | None:
    """A window bound as ISO text; ``PukaraError`` naming ``label`` when it is not a date."""
    try:
        return check_bound(value, label)
    except ValueError as exc:
        raise PukaraError(str(exc)) from exc


def clusters_usable(
    view: Reader, max_km: float = DEFAULT_MAX_KM, day_window: int = DEFAULT_DAY_WINDOW
) -> bool:
    """Whether ``view`` may answer from the materialised clusters."""
    view = as_view(view)
    return view.clusters_usable(max_km, day_window)


def cluster_events(
    view: Reader,
    since: str | int | dt.date | None = None,
    until: str | int | dt.date | None = None,
    types: Iterable[str] | None = None,
    *,
    max_km: float = DEFAULT_MAX_KM,
    day_window: int = DEFAULT_DAY_WINDOW,
    limit: int | None = None,
) -> list[EventCluster]:
    """Happenings whose best date overlaps [since, until], of the given types if any,
    newest first (undated last), at most ``limit`` of them."""
    view = as_view(view)
    lo, hi = window_bound(since, "since"), window_bound(until, "until")
    wanted = sorted(set(types)) if types is not None else None
    if view.clusters_usable(max_km, day_window):
        if wanted == []:
            return []
        filters = Filters(since=lo, until=hi, linked_types=tuple(wanted) if wanted else None)
        return view.stored_clusters(filters, limit=limit, counts=False)[0]
    found = _group(view, view.event_rows(_widen(lo, -day_window), _widen(hi, day_window), wanted),
                   max_km, day_window)  # fmt: skip
    kept = [c for c in found if overlaps(c.date, lo, hi) or (c.date is None and not (lo or hi))]
    kept.sort(key=lambda c: (c.date or "", c.id), reverse=True)
    kept.sort(key=lambda c: c.date is None)  # stable: undated last
    return kept[:limit] if limit is not None else kept


def get_cluster(view: Reader, ident: str) -> EventCluster | None:
    """The happening with this id, or the one holding the report with this id."""
    view = as_view(view)
    if view.clusters_usable(DEFAULT_MAX_KM, DEFAULT_DAY_WINDOW):
        return view.stored_cluster(ident)
    return next((c for c in cluster_events(view) if ident == c.id or ident in c.event_ids), None)


def refresh_event_clusters(
    store: Store,
    *,
    max_km: float = DEFAULT_MAX_KM,
    day_window: int = DEFAULT_DAY_WINDOW,
    full: bool = False,
) -> int:
    """Bring the materialised clusters up to date; returns how many happenings there are."""
    view = store.view()
    if view.clusters_fresh(max_km, day_window) and not full:
        return int(view.stored_clusters(limit=0)[1])
    new = [] if full else view.unclustered_event_rows()
    total = sum(n for _, n in view.type_counts())
    if (
        full
        or view.cluster_settings() != (float(max_km), day_window)
        or (len(new) > _FULL_SHARE * total)
    ):
        found = _group(view, view.event_rows(), max_km, day_window)
        view.rewrite_clusters(found, max_km, day_window)
        return len(found)
    touched, rows = _affected(view, new)
    found = _group(view, rows, max_km, day_window)
    view.replace_clusters(sorted(touched), found, max_km, day_window)
    return int(view.stored_clusters(limit=0)[1])


def _affected(view: View, new: Sequence[EventRow]) -> tuple[set[str], list[EventRow]]:
    """The clusters new reports can touch, and every report to regroup with them."""
    infos = view.document_infos()
    by_id = {r.id: r for r in new}
    types = sorted({r.type for r in new})
    spans = [_span(r, infos) for r in new]
    if any(span is None for span in spans):  # a report without any date: all of its types
        nearby = view.event_rows(None, None, types)
    elif spans:
        reach = dt.timedelta(days=_REACH_DAYS)
        lo = (min(s[0] for s in spans if s) - reach).isoformat()
        hi = (max(s[1] for s in spans if s) + reach).isoformat()
        nearby = view.event_rows(lo, hi, types)
    else:
        nearby = []
    touched = view.cluster_ids_of([r.id for r in nearby if r.id not in by_id])
    members = {e for c in view.stored_clusters_by_ids(sorted(touched)) for e in c.event_ids}
    rows = {r.id: r for r in view.event_rows_by_ids(sorted(members))}
    rows.update(by_id)
    return touched, [rows[k] for k in sorted(rows)]


def _span(row: EventRow, infos: Mapping[str, DocumentInfo]) -> tuple[dt.date, dt.date] | None:
    """First and last day a report can be dated to: its own date, else its document's."""
    info = infos.get(row.doc_id)
    text = row.date or (info.published if info else None)
    lo, hi = day_lo(text), day_hi(text)
    if lo is None or hi is None:
        return None
    return dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)


def _group(
    view: View, rows: Sequence[EventRow], max_km: float, day_window: int
) -> list[EventCluster]:
    infos = view.document_infos()
    parents = {a.id: a.parent_id for a in view.actors()}
    geo = Geo.load(view.places(), max_km)
    reports = [load_report(r, infos[r.doc_id], parents) for r in rows if r.doc_id in infos]
    return group_reports(reports, geo, day_window)


def _widen(bound: str | None, days: int) -> str | None:
    """Move a bound by ``days`` so that reports just outside a window still join its
    happenings."""
    if bound is None:
        return None
    edge = day_hi(bound) if days > 0 else day_lo(bound)
    return (dt.date.fromisoformat(edge or bound) + dt.timedelta(days=days)).isoformat()
