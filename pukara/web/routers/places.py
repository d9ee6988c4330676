"""A place: its page (figures, events, convergence score, shifts) and its API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from pukara.analyse.hotspots import Hotspot, convergence_hotspots
from pukara.errors import InputError
from pukara.model import Marking
from pukara.share.markings import combine_markings
from pukara.store import SQLiteStore
from pukara.web.deps import FiltersDep, StoreDep, cached, clusters_current, render
from pukara.web.entities import PlaceRecord, get_place, place_names
from pukara.web.filters import Filters
from pukara.web.happenings import HappeningPage, list_happenings
from pukara.web.placedata import (
    FactRow,
    PlaceShifts,
    hotspot_unit,
    indicators_in,
    list_facts,
    place_scope,
    place_score,
    place_shifts,
    scope_markings,
    shift_report,
)
from pukara.web.schemas import EventOut, FactOut, PlaceDetailOut, PlaceOut

__all__ = ["router"]

router = APIRouter()

LISTED = 30
Period = Annotated[
    str | None, Query(description="Period FROM:TO for the shift test, e.g. 2019:2021")
]


@dataclass(frozen=True, slots=True)
class _PlaceAnswer:
    place: PlaceRecord
    facts: list[FactRow]
    n_facts: int
    events: HappeningPage
    level: str
    score: Hotspot | None
    shifts: PlaceShifts | None
    indicators: list[tuple[str, int]]
    marking: Marking


def _window(text: str | None, name: str) -> tuple[str, str] | None:
    if not text:
        return None
    lo, sep, hi = text.partition(":")
    if not sep or not lo.strip() or not hi.strip():
        raise InputError("query", name, f"{text[:40]!r}: give FROM:TO, e.g. 2019:2021")
    return lo.strip(), hi.strip()


def _answer(
    request: Request,
    store: SQLiteStore,
    place_id: str,
    filters: Filters,
    before: str | None,
    after: str | None,
) -> _PlaceAnswer:
    key = ("place", place_id, filters, before, after)
    return cached(
        request, store, key, lambda: _compute(request, store, place_id, filters, before, after)
    )


def _compute(
    request: Request,
    store: SQLiteStore,
    place_id: str,
    filters: Filters,
    before: str | None,
    after: str | None,
) -> _PlaceAnswer:
    place = get_place(store, place_id)
    scope = place_scope(store, place)
    facts, n_facts = list_facts(store, filters, scope=scope, limit=LISTED)
    fresh = clusters_current(request, store)
    events = list_happenings(store, filters, scope=scope, limit=LISTED, fresh=fresh)
    level, _ = hotspot_unit(place)
    spots = cached(  # the same ranking as /api/hotspots: computed once per window
        request, store, ("hotspots", level, 5, filters.since, filters.until),
        lambda: convergence_hotspots(store, level, filters.since, filters.until),
    )  # fmt: skip
    level, score = place_score(store, place, filters, spots)
    windows = (_window(before, "before"), _window(after, "after"))
    report = cached(request, store, ("shifts", windows), lambda: shift_report(store, *windows))
    shifts = place_shifts(store, place, report=report) if report else None
    marking = combine_markings(scope_markings(store, filters, scope))
    return _PlaceAnswer(
        place, facts, n_facts, events, level, score, shifts, indicators_in(store, scope), marking
    )


@router.get("/places/{place_id}", response_class=HTMLResponse, include_in_schema=False)
def place_page(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    place_id: str,
    before: Period = None,
    after: Period = None,
) -> HTMLResponse:
    """Everything about a place: figures and events with their sentences, the convergence
    score of its department (or province) and the shifts that touch it."""
    a = _answer(request, store, place_id, filters, before, after)
    ids = [a.place.admin1_id, a.place.parent_id, *(c.place_id for c in a.events.items)]
    return render(
        request,
        "place.html",
        title=a.place.name,
        a=a,
        filters=filters,
        marking=a.marking,
        places=place_names(store, ids),
    )


@router.get("/api/places/{place_id}", response_model=PlaceDetailOut, tags=["places"])
def place_api(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    place_id: str,
    before: Period = None,
    after: Period = None,
) -> PlaceDetailOut:
    """A place with its figures and events (first 30 of each, in its scope: the place
    and every place inside it), convergence score, shifts and indicators."""
    a = _answer(request, store, place_id, filters, before, after)
    names = place_names(store, [c.place_id for c in a.events.items])
    report = a.shifts.report if a.shifts else None
    return PlaceDetailOut(
        place=PlaceOut.from_record(a.place),
        facts=[FactOut.from_row(f) for f in a.facts],
        n_facts=a.n_facts,
        events=[EventOut.from_cluster(c, names.get(c.place_id or "")) for c in a.events.items],
        n_events=a.events.total,
        score_level=a.level,
        score=a.score,
        shifts_before=list(report.before) if report else None,
        shifts_after=list(report.after) if report else None,
        shifts=list(a.shifts.regions) if a.shifts else [],
        indicators=dict(a.indicators),
    )
