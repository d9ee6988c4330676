"""Key judgements of a briefing: sentences that say what the evidence shows, each with its
numbers and the documents it rests on.

In: a store view, the place, the window, its figures and happenings. Out: ``Judgement``
records, strongest first: how the place ranks for the convergence of illicit economies and
armed actors (with the economies and their counts), the direction of its most reported
indicators (latest figure against the earliest, with the source and grade of each), its most
corroborated happening, the statistically supported shifts that touch it, and the volume of
material read. A judgement cites the sentences it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence

from pukara.analyse.happenings import HappeningPage
from pukara.analyse.hotspots import Hotspot
from pukara.analyse.placepage import place_score, place_shifts, shift_report
from pukara.analyse.series import SeriesPoint, indicator_series
from pukara.model import Evidence, FactRecord, Filters, Place
from pukara.refdata.labels import activity_label, event_type_label, format_value, indicator_label
from pukara.share.brief import Judgement
from pukara.store import View

__all__ = ["key_judgements", "plural", "window_text"]

TRENDS = 3  # indicators whose direction is judged
GENERIC = frozenset({"other"})


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def window_text(filters: Filters) -> str:
    if filters.since and filters.until:
        return f"{filters.since} to {filters.until}"
    if filters.since:
        return f"since {filters.since}"
    return f"until {filters.until}" if filters.until else "all dates"


def key_judgements(
    view: View,
    place: Place,
    filters: Filters,
    facts: Sequence[FactRecord],
    n_facts: int,
    page: HappeningPage,
) -> list[Judgement]:
    found: list[Judgement] = []
    level, spot = place_score(view, place, filters)
    if spot is not None:
        found += _convergence(view, spot, "province" if level == "province" else "department")
    found += _trends(view, place, facts)
    found += _top_event(view, page)
    found += _shifts(view, place)
    docs = {f.doc_id for f in facts} | {d for c in page.items for d in c.doc_ids}
    found.append(Judgement(
        f"This brief rests on {plural(n_facts, 'figure')} and {plural(page.total, 'event')} "
        f"reported for {place.name} and the places inside it in {plural(len(docs), 'document')} "
        f"({window_text(filters)})."))  # fmt: skip
    return found


def _cite(view: View, doc_id: str, text: str) -> Evidence:
    """Evidence for a sentence of a document, with its source, grade and marking."""
    doc = view.document(doc_id)
    if doc is None:
        return Evidence(doc_id, 0, 0, text)
    row = doc.row
    return Evidence(doc_id, 0, 0, text, row.source, row.grade, row.published, row.title,
                    row.marking)  # fmt: skip


def _convergence(view: View, spot: Hotspot, unit: str) -> list[Judgement]:
    economies = ", ".join(
        f"{activity_label(e.economy).lower()} ({plural(e.n_facts, 'figure')}, "
        f"{plural(e.n_events, 'event')})" for e in spot.economies
    )  # fmt: skip
    text = (
        f"{spot.name} ranks {_ordinal(spot.rank)} among {unit}s for the convergence of illicit "
        f"economies and armed actors, scoring {spot.score:.1f} of 9: "
        f"{plural(spot.n_economies, 'economy').replace('economys', 'economies')} present "
        f"({economies})."
    )
    cites = tuple(_cite(view, x.doc_id, x.text) for e in spot.economies[:2] for x in e.examples[:1])
    out = [Judgement(text, cites)]
    if spot.armed_actors:
        groups = ", ".join(
            f"{a.name} ({plural(a.n_events, 'event')}, named beside its places in "
            f"{plural(a.n_documents, 'document')})" for a in spot.armed_actors[:4]
        )  # fmt: skip
        out.append(Judgement(f"Armed and criminal groups tied to places in {spot.name}: {groups}."))
    return out


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _trends(view: View, place: Place, facts: Sequence[FactRecord]) -> list[Judgement]:
    counts: dict[str, int] = {}
    for f in facts:
        if f.indicator not in GENERIC:
            counts[f.indicator] = counts.get(f.indicator, 0) + 1
    out = []
    for indicator in sorted(counts, key=lambda i: (-counts[i], i))[:TRENDS]:
        points = [p for p in indicator_series(view, indicator, place.id) if p.period]
        # compare like with like: the place with most periods, in one unit
        by_place: dict[tuple[str | None, str], list[SeriesPoint]] = {}
        for p in points:
            by_place.setdefault((p.place_id, p.unit), []).append(p)
        if not by_place:
            continue
        best = max(by_place.values(), key=len)
        out.append(_trend(indicator, sorted(best, key=lambda p: p.period or "")))
    return out


def _trend(indicator: str, series: list[SeriesPoint]) -> Judgement:
    label = indicator_label(indicator)
    last = series[-1]
    where = last.place_name or last.place_id or "the place"
    latest = (f"{format_value(last.value, last.value_max, last.unit)} in {where} in "
              f"{last.period} ({_source(last)})")  # fmt: skip
    first = series[0]
    if (first.period or "")[:4] >= (last.period or "")[:4]:  # a trend needs two years
        return Judgement(f"{label}: {latest}; no figure of an earlier year to compare.",
                         (_evidence(last),))  # fmt: skip
    change = (last.value - first.value) / first.value if first.value else 0.0
    direction = "up" if change > 0.05 else "down" if change < -0.05 else "about level"
    text = (f"{label}: {latest}, {direction}" + (f" {abs(change):.0%}" if direction != "about level"
            else "") + f" from {format_value(first.value, first.value_max, first.unit)} in "
            f"{first.period} ({_source(first)}).")  # fmt: skip
    if last.conflict:
        text += f" Sources disagree for {last.period}: {last.low:,.6g} to {last.high:,.6g}."
    return Judgement(text, (_evidence(last), _evidence(first)))


def _source(point: SeriesPoint) -> str:
    f = point.chosen
    who = f.source or "unknown source"
    by = f", estimate by {f.by}" if f.by else ""
    return f"{who}, {f.grade}{by}"


def _evidence(point: SeriesPoint) -> Evidence:
    f = point.chosen
    return Evidence(f.doc_id, 0, 0, f.evidence, f.source, f.grade, f.published)


def _top_event(view: View, page: HappeningPage) -> list[Judgement]:
    done = [c for c in page.items if not c.announced]
    if not done:
        return []
    top = max(done, key=lambda c: (c.n_documents, c.n_sources, c.date or ""))
    if top.n_documents < 2:
        return []
    where = view.place_names([top.place_id]).get(top.place_id or "", "an unnamed place")
    text = (f"The most corroborated happening: {event_type_label(top.type).lower()} at "
            f"{where} on {top.date or 'an unknown date'}, "
            f"reported by {plural(top.n_documents, 'independent document')} from "
            f"{plural(top.n_sources, 'source')}.")  # fmt: skip
    return [Judgement(text, (_cite(view, top.doc_id, top.evidence),))]


def _shifts(view: View, place: Place) -> list[Judgement]:
    report = shift_report(view)
    if report is None:
        return []
    shifts = place_shifts(place, report)
    before, after = report.before, report.after
    out = []
    for r in shifts.regions:
        if r.significant:
            what = "State effort" if r.kind == "effort" else "Illicit activity"
            text = (f"{what} in {r.name} {'rose' if r.change > 0 else 'fell'} as a share of "
                    f"the country's reports, from {r.share_before:.0%} ({before[0]}–{before[1]}, "
                    f"{r.before}) to {r.share_after:.0%} ({after[0]}–{after[1]}, {r.after}); "
                    f"Fisher's exact test, adjusted p = {r.q_value:.3g}.")  # fmt: skip
            cites = tuple(_cite(view, e.doc_id, e.text) for e in r.evidence[:2])
            out.append(Judgement(text, cites))
    out += [Judgement(s.statement + ".") for s in report.shifts if place.name in s.statement]
    return out
