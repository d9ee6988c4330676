"""Assemble a briefing on one place from the store and the analyses, and render it.

In: a store, a place (id or name, e.g. ``LORETO``) and a window (``since``, ``until``).
Out: a ``pukara.share.brief.Brief`` (``build_brief``), its HTML (``brief``), PDF bytes
(``brief_pdf``) or a file (``write_brief``). The brief holds: key judgements (convergence
score and economies from ``analyse.hotspots``, significant shifts from ``analyse.shifts``,
counts), a department map and charts drawn here (matplotlib), the key figures (the best
figure of each indicator reported there) and the key events (one per happening, most
corroborated first), each with its sentence and citation, and the markings of everything
read. Everything is read through the caller's view, so a brief holds only what its
audience may see and carries the most restrictive marking of that material.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from pukara.analyse.clusters import window_bound
from pukara.analyse.happenings import HappeningPage, get_happening, list_happenings
from pukara.analyse.hotspots import METHOD as HOTSPOT_METHOD
from pukara.analyse.mapdata import map_data
from pukara.analyse.placepage import scope_markings
from pukara.analyse.places import describe_place, names_with_labels, resolve_place
from pukara.analyse.series import indicator_series
from pukara.analyse.shifts import method_text
from pukara.errors import NotFoundError
from pukara.model import EventCluster, EventReport, FactRecord, Filters, Place
from pukara.refdata.labels import event_type_label, format_value, indicator_label
from pukara.share import charts
from pukara.share.brief import (
    Brief,
    BriefImage,
    BriefItem,
    export_brief,
    render_brief_html,
    render_brief_pdf,
)
from pukara.share.judgements import key_judgements
from pukara.share.markings import combine_markings
from pukara.store import Reader, View, as_view

__all__ = ["brief", "brief_pdf", "build_brief", "write_brief"]

MAX_FACTS = 10
MAX_EVENTS = 10
GENERIC_INDICATORS = frozenset({"other"})  # a number the reader could not name: no key fact
# Event types that say something was said rather than done rank after the others.
TALK_TYPES = frozenset({"announcement", "report_release"})


def build_brief(
    store: Reader, place: str, since: str | None = None, until: str | None = None
) -> Brief:
    """The briefing on ``place`` (id or name) over [since, until] (YYYY[-MM[-DD]])."""
    store = as_view(store)
    record = store.place(resolve_place(store, place))
    if record is None:
        raise NotFoundError(f"place {place!r}: not in the store")
    filters = Filters(since=window_bound(since, "--since"), until=window_bound(until, "--until"))
    scope = store.place_scope(record.id)
    facts, n_facts = store.facts(filters, scope=scope, limit=2000)
    page = list_happenings(store, filters, scope=scope, limit=200)
    events = _key_events(store, page.items)
    fact_items = _key_facts(facts)
    return Brief(
        place_id=record.id,
        place_name=record.name,
        subtitle=describe_place(record),
        since=filters.since,
        until=filters.until,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        judgements=tuple(key_judgements(store, record, filters, facts, n_facts, page)),
        facts=fact_items,
        events=events,
        map_image=_map_image(store, record, filters, scope),
        charts=tuple(_charts(store, record, facts, page)),
        material=scope_markings(store, filters, scope),
        method=(
            "Events are counted once per happening: reports of the same event are grouped "
            "(same type, nearby place, close dates, shared actors) and near-duplicate copies "
            "are not counted as corroboration.",
            HOTSPOT_METHOD,
            method_text(),
        ),
        counts={
            "documents": len(
                {f.doc_id for f in facts} | {d for c in page.items for d in c.doc_ids}
            ),
            "facts": n_facts,
            "events": page.total,
        },
    )


def brief(
    store: Reader,
    place: str,
    since: str | None = None,
    until: str | None = None,
    *,
    link_base: str | None = None,
) -> str:
    """The briefing as one HTML document (``link_base`` "" links citations to the web app)."""
    store = as_view(store)
    return render_brief_html(build_brief(store, place, since, until), link_base=link_base)


def brief_pdf(
    store: Reader, place: str, since: str | None = None, until: str | None = None
) -> bytes:
    """The briefing as PDF bytes (WeasyPrint)."""
    store = as_view(store)
    return render_brief_pdf(build_brief(store, place, since, until))


def write_brief(
    store: Reader,
    place: str,
    out: str | Path,
    since: str | None = None,
    until: str | None = None,
) -> Path:
    """Write the briefing to ``out`` (.pdf or .html by suffix); returns the path."""
    store = as_view(store)
    return export_brief(build_brief(store, place, since, until), out)


def _key_facts(facts: list[FactRecord]) -> tuple[BriefItem, ...]:
    """The best figure of each indicator (``View.facts`` order: latest period, then best
    source), most reported indicators first."""
    best: dict[str, FactRecord] = {}
    counts: dict[str, int] = {}
    for f in facts:
        if f.indicator in GENERIC_INDICATORS:
            continue
        best.setdefault(f.indicator, f)
        counts[f.indicator] = counts.get(f.indicator, 0) + 1
    chosen = sorted(best.values(), key=lambda f: (-counts[f.indicator], f.indicator))
    return tuple(
        BriefItem(
            kind="fact",
            ref=f.id,
            headline=indicator_label(f.indicator)
            + ": "
            + format_value(f.value, f.value_max, f.unit),
            when=f.period,
            place=f.place_name,
            evidence=f.evidence.text,
            citation=f.evidence,
            note=f"{counts[f.indicator]} figures for this indicator"
            if counts[f.indicator] > 1
            else "",
        )
        for f in chosen[:MAX_FACTS]
    )


def _key_events(store: View, clusters: tuple[EventCluster, ...]) -> tuple[BriefItem, ...]:
    """The most corroborated happenings (then the latest), with the example sentence cited."""
    by_date = sorted(clusters, key=lambda c: c.date or "", reverse=True)
    ranked = sorted(
        by_date,
        key=lambda c: (c.announced or c.type in TALK_TYPES, -c.n_documents, -c.n_sources),
    )[:MAX_EVENTS]
    names = names_with_labels(store, [c.place_id for c in ranked])
    items = []
    for c in sorted(ranked, key=lambda c: c.date or "", reverse=True):
        _, reports = get_happening(store, c.id)
        example = _example(c, reports)
        marking = combine_markings(r.evidence.marking for r in reports)
        citation = replace(example.evidence, marking=marking)
        note = f"reported by {_n(c.n_documents, 'document')} from {_n(c.n_sources, 'source')}"
        items.append(
            BriefItem(
                kind="event",
                ref=example.id,  # the sentence cited: a report of the happening
                headline=event_type_label(c.type) + (" (announced)" if c.announced else ""),
                when=c.date,
                place=names.get(c.place_id or ""),
                evidence=c.evidence,
                citation=citation,
                note=note if c.n_documents > 1 else "",
            )
        )
    return tuple(items)


def _example(c: EventCluster, reports: list[EventReport]) -> EventReport:
    """The report whose sentence is the happening's example (else its document's first)."""
    same = [r for r in reports if r.doc_id == c.doc_id]
    return next((r for r in same if r.evidence.text == c.evidence), (same or reports)[0])


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def filters_text(filters: Filters) -> str:
    if filters.since and filters.until:
        return f"{filters.since} to {filters.until}"
    if filters.since:
        return f"since {filters.since}"
    return f"until {filters.until}" if filters.until else "all dates"


def _map_image(store: View, place: Place, filters: Filters, scope: list[str]) -> BriefImage:
    data = map_data(store, filters)
    inside = set(scope)
    points = [
        (lon, lat, n)
        for pid, lat, lon, n in zip(data.events.ids, data.events.lat, data.events.lon,
                                    data.events.n, strict=True)
        if pid in inside
    ]  # fmt: skip
    return BriefImage(
        "Map",
        f"Events per department ({filters_text(filters)}, one per happening); {place.name} "
        f"outlined; circles: events at places in {place.name}, area by count. Borders: "
        "Natural Earth.",
        "image/png",
        charts.department_map(
            data.events_by_department, highlight=place.admin1_id or place.id, points=points
        ),
    )


def _charts(
    store: View, place: Place, facts: list[FactRecord], page: HappeningPage
) -> list[BriefImage]:
    counts = page.by_month if page.by_month and len(page.by_month) <= 48 else page.by_year
    images = []
    if counts:
        images.append(
            BriefImage(
                "Events over time",
                f"Happenings in {place.name} per {'month' if counts is page.by_month else 'year'}.",
                "image/png",
                charts.events_chart(counts, f"Events in {place.name}"),
            )
        )
    return images + _series_images(store, place, facts)


def _series_images(store: View, place: Place, facts: list[FactRecord]) -> list[BriefImage]:
    """A series chart for each of the two indicators with the most figures over time."""
    counts: dict[str, set[str]] = {}
    for f in facts:
        if f.period and f.indicator not in GENERIC_INDICATORS:
            counts.setdefault(f.indicator, set()).add(f.period)
    chosen = sorted((i for i, p in counts.items() if len(p) >= 2), key=lambda i: -len(counts[i]))
    images = []
    for indicator in chosen[:2]:
        points = indicator_series(store, indicator, place.id)
        label = indicator_label(indicator)
        images.append(
            BriefImage(
                label,
                f"Every source's figure for {label.lower()} in {place.name} side by side; the "
                "line joins the reconciled values (best-graded source first).",
                "image/png",
                charts.series_chart(points, f"{label} — {place.name}", fmt="png"),
            )
        )
    return images
