"""Events as the timeline and the event pages show them: one per happening, filtered.

In: a store view, ``Filters`` and optionally a set of place ids (a place page's scope).
Out: ``HappeningPage`` (a page of ``EventCluster`` records, newest first, the total, and
counts per year and month for a bar chart) and, for one happening, its reports
(``EventReport``: every member event the reader may see, with its document, source, grade,
date, sentence and marking). Reads the materialised clusters when the reader may use them;
otherwise groups the reader's events now (``pukara.analyse.clusters``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pukara.analyse.clusters import DEFAULT_DAY_WINDOW, DEFAULT_MAX_KM, cluster_events, get_cluster
from pukara.errors import NotFoundError
from pukara.model import EventCluster, EventReport, Filters
from pukara.store import Reader, as_view

__all__ = ["HappeningPage", "get_happening", "histograms", "list_happenings"]


@dataclass(frozen=True, slots=True)
class HappeningPage:
    items: tuple[EventCluster, ...]
    total: int
    by_year: tuple[tuple[str, int], ...]
    by_month: tuple[tuple[str, int], ...]  # only dates precise to the month or day
    counted: str  # how the happenings were counted, for the page


def list_happenings(
    store: Reader,
    filters: Filters,
    *,
    scope: Sequence[str] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> HappeningPage:
    """Happenings that pass ``filters`` (and lie in ``scope`` when given), newest first."""
    store = as_view(store)
    if store.clusters_usable(DEFAULT_MAX_KM, DEFAULT_DAY_WINDOW):
        items, total, months = store.stored_clusters(filters, scope, limit, offset)
        by_year, by_month = histograms(months)
        return HappeningPage(tuple(items), total, by_year, by_month, "happenings")
    found = cluster_events(store, filters.since, filters.until, filters.event_types())
    keep = set(scope) if scope is not None else None
    kept = [
        c for c in found
        if (filters.activity is None or c.activity == filters.activity)
        and (filters.actor is None or filters.actor in c.actor_ids)
        and (keep is None or c.place_id in keep)
    ]  # fmt: skip
    by_year, by_month = histograms(Counter(c.date[:7] for c in kept if c.date).items())
    return HappeningPage(
        tuple(kept[offset : offset + limit]), len(kept), by_year, by_month,
        "happenings (grouped now: run `pukara refresh-clusters` to store them)",
    )  # fmt: skip


def get_happening(store: Reader, ident: str) -> tuple[EventCluster, list[EventReport]]:
    """One happening by its id (any member report's id also finds it) and every report of
    it the reader may see, earliest publication first."""
    store = as_view(store)
    cluster = get_cluster(store, ident)
    reports = store.reports(cluster.event_ids) if cluster else []
    if cluster is None or not reports:
        raise NotFoundError(f"event {ident!r}: not in the store")
    return cluster, reports


def histograms(
    counts: Iterable[tuple[str, int]],
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """Counts per year and per month (YYYY-MM) from (date prefix, n), every period between
    the first and the last present, so that the bars of a chart stand at even steps."""
    years: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for key, n in counts:
        if not key or not key[:4].isdigit():
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
    if not counts:
        return range(0)

    def index(key: str) -> int:
        return int(key[:4]) if per_year == 1 else int(key[:4]) * 12 + int(key[5:7]) - 1

    keys = [index(k) for k in counts]
    return range(min(keys), max(keys) + 1)
