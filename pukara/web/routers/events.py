"""Events, one per happening: the timeline page, an event's page, and their API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from pukara.analyse.entities import filter_options
from pukara.analyse.happenings import HappeningPage, get_happening, list_happenings
from pukara.analyse.places import names_with_labels
from pukara.model import EventCluster, EventReport, Filters
from pukara.share.markings import combine_markings
from pukara.store import View
from pukara.web.deps import FiltersDep, ViewDep, cached, render, store_marking
from pukara.web.schemas import EventDetailOut, EventOut, EventPageOut, PeriodCount, ReportOut

__all__ = ["router"]

router = APIRouter()

PAGE = 100
Limit = Annotated[int, Query(ge=1, le=1000, description="How many, newest first")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="How many to skip")]
EventId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="Event or report id")]


def _page(
    request: Request, store: View, filters: Filters, limit: int, offset: int
) -> HappeningPage:
    return cached(
        request, store, ("events", filters, limit, offset),
        lambda: list_happenings(store, filters, limit=limit, offset=offset),
    )  # fmt: skip


def _one(request: Request, store: View, event_id: str) -> tuple[EventCluster, list[EventReport]]:
    return cached(request, store, ("event", event_id), lambda: get_happening(store, event_id))


def _actor_names(store: View, ids: list[str] | tuple[str, ...]) -> dict[str, str]:
    return store.actor_names(ids)


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request, store: ViewDep, filters: FiltersDep, offset: Offset = 0
) -> HTMLResponse:
    """Timeline: happenings newest first with the filters, and their count over time."""
    page = _page(request, store, filters, PAGE, offset)
    options = cached(request, store, "options", lambda: filter_options(store))
    return render(
        request,
        "timeline.html",
        title="Timeline",
        filters=filters,
        options=options,
        page=page,
        offset=offset,
        size=PAGE,
        places=names_with_labels(store, [c.place_id for c in page.items]),
        actors=_actor_names(store, [a for c in page.items for a in c.actor_ids]),
        marking=store_marking(request, store),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, store: ViewDep, event_id: EventId) -> HTMLResponse:
    """One happening and every report of it, each linked to its sentence."""
    cluster, reports = _one(request, store, event_id)
    return render(
        request,
        "event.html",
        title=f"Event {cluster.id}",
        event=cluster,
        reports=reports,
        marking=combine_markings(r.evidence.marking for r in reports),
        places=names_with_labels(
            store, [cluster.place_id, cluster.admin1_id, *(r.place_id for r in reports)]
        ),
        actors=_actor_names(store, cluster.actor_ids),
    )


@router.get("/events/{event_id}/evidence", include_in_schema=False)
def event_evidence(request: Request, store: ViewDep, event_id: EventId) -> RedirectResponse:
    """To the example sentence of a happening, highlighted in its document."""
    cluster, reports = _one(request, store, event_id)
    same = [r for r in reports if r.doc_id == cluster.doc_id]
    example = next((r for r in same if r.evidence.text == cluster.evidence), (same or reports)[0])
    return RedirectResponse(
        f"/documents/{example.doc_id}?event={example.id}#evidence", status_code=303
    )


@router.get("/api/events", response_model=EventPageOut, tags=["events"])
def events_api(
    request: Request, store: ViewDep, filters: FiltersDep, limit: Limit = PAGE, offset: Offset = 0
) -> EventPageOut:
    """Happenings (reports of one event grouped) after the filters, newest first."""
    page = _page(request, store, filters, limit, offset)
    names = names_with_labels(store, [c.place_id for c in page.items])
    return EventPageOut(
        total=page.total,
        limit=limit,
        offset=offset,
        counted=page.counted,
        items=[EventOut.from_cluster(c, names.get(c.place_id or "")) for c in page.items],
        by_year=[PeriodCount(period=k, n=n) for k, n in page.by_year],
        by_month=[PeriodCount(period=k, n=n) for k, n in page.by_month],
    )


@router.get("/api/events/{event_id}", response_model=EventDetailOut, tags=["events"])
def event_api(request: Request, store: ViewDep, event_id: EventId) -> EventDetailOut:
    """One happening (by its id or any of its reports' ids) with every report."""
    cluster, reports = _one(request, store, event_id)
    names = names_with_labels(store, [cluster.place_id])
    return EventDetailOut(
        event=EventOut.from_cluster(cluster, names.get(cluster.place_id or "")),
        marking=combine_markings(r.evidence.marking for r in reports).label(),
        reports=[ReportOut.from_report(r) for r in reports],
    )
