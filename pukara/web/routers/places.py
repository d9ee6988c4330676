"""A place: its page (figures, events, convergence score, shifts) and its API.

A place is given by id (``pe:16``) or by name (``Loreto``, ``LORETO``, ``Amazonas, Brasil``),
as on the command line; a name is redirected to the place's id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pukara.analyse.hotspots import convergence_hotspots
from pukara.analyse.placepage import PlaceSummary, place_summary, shift_report
from pukara.analyse.places import hotspot_unit, names_with_labels, resolve_place
from pukara.errors import InputError, NotFoundError
from pukara.model import Filters
from pukara.share.markings import combine_markings
from pukara.store import View
from pukara.web.deps import FiltersDep, ViewDep, cached, render
from pukara.web.schemas import EventOut, FactOut, PlaceDetailOut, PlaceOut

__all__ = ["router"]

router = APIRouter()

LISTED = 30
Period = Annotated[
    str | None,
    Query(max_length=23, description="Period FROM:TO for the shift test, e.g. 2019:2021"),
]


def _window(text: str | None, name: str) -> tuple[str, str] | None:
    if not text:
        return None
    lo, sep, hi = text.partition(":")
    if not sep or not lo.strip() or not hi.strip():
        raise InputError("query", name, f"{text[:40]!r}: give FROM:TO, e.g. 2019:2021")
    return lo.strip(), hi.strip()


def _summary(
    request: Request, store: View, place_id: str, filters: Filters, before: str | None,
    after: str | None,
) -> PlaceSummary:  # fmt: skip
    place = store.place(place_id)
    if place is None:
        raise NotFoundError(f"place {place_id!r}: not in the store")
    windows = (_window(before, "before"), _window(after, "after"))

    def compute() -> PlaceSummary:
        level, _ = hotspot_unit(place)
        spots = cached(  # the same ranking as /api/hotspots: computed once per window
            request, store, ("hotspots", level, 5, filters.since, filters.until),
            lambda: convergence_hotspots(store, level, filters.since, filters.until),
        )  # fmt: skip
        report = cached(request, store, ("shifts", windows), lambda: shift_report(store, *windows))
        return place_summary(store, place, filters, limit=LISTED, spots=spots, report=report)

    return cached(request, store, ("place", place_id, filters, windows), compute)


@router.get("/places/{place}", response_class=HTMLResponse, include_in_schema=False)
def place_page(
    request: Request,
    store: ViewDep,
    filters: FiltersDep,
    place: str,
    before: Period = None,
    after: Period = None,
) -> Response:
    """Everything about a place: figures and events with their sentences, the convergence
    score of its department (or province) and the shifts that touch it."""
    place_id = resolve_place(store, place)
    if place_id != place:
        query = request.url.query
        return RedirectResponse(f"/places/{place_id}" + (f"?{query}" if query else ""), 303)
    a = _summary(request, store, place_id, filters, before, after)
    ids = [a.place.admin1_id, a.place.parent_id, *(c.place_id for c in a.events.items)]
    return render(
        request, "place.html", title=a.place.name, a=a, filters=filters,
        marking=combine_markings(a.markings), places=names_with_labels(store, ids),
    )  # fmt: skip


@router.get("/api/places/{place}", response_model=PlaceDetailOut, tags=["places"])
def place_api(
    request: Request,
    store: ViewDep,
    filters: FiltersDep,
    place: str,
    before: Period = None,
    after: Period = None,
) -> PlaceDetailOut:
    """A place (id or name) with its figures and events (first 30 of each, in its scope:
    the place and every place inside it), convergence score, shifts and indicators."""
    a = _summary(request, store, resolve_place(store, place), filters, before, after)
    names = names_with_labels(store, [c.place_id for c in a.events.items])
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
