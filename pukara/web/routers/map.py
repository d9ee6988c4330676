"""The map: the page, its points and choropleth counts, the base map, hotspots, filter
choices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pukara.analyse.entities import filter_options
from pukara.analyse.hotspots import Hotspot, convergence_hotspots
from pukara.analyse.mapdata import department_layer, map_data
from pukara.web.deps import FiltersDep, ViewDep, cached, render, store_marking
from pukara.web.schemas import MapPointsOut, OptionOut, OptionsOut, PointLayerOut

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, store: ViewDep, filters: FiltersDep) -> HTMLResponse:
    """The map with the filter form; points and departments arrive from the API."""
    options = cached(request, store, "options", lambda: filter_options(store))
    summary = cached(request, store, "summary", store.summary)
    return render(
        request, "map.html", title="Map", filters=filters, options=options, summary=summary,
        marking=store_marking(request, store),
    )  # fmt: skip


@router.get("/api/map/points", response_model=MapPointsOut, tags=["map"])
def map_points(request: Request, store: ViewDep, filters: FiltersDep) -> MapPointsOut:
    """Events (one per happening) and figures counted per place with coordinates and per
    department, after the filters. One entry per place, however many events."""
    data = cached(
        request, store, ("map", filters),
        lambda: map_data(store, filters),
    )  # fmt: skip
    return MapPointsOut(
        events=PointLayerOut.from_layer(data.events),
        facts=PointLayerOut.from_layer(data.facts),
        events_by_department=data.events_by_department,
        facts_by_department=data.facts_by_department,
        counted=data.counted,
    )


@router.get("/api/map/departments", tags=["map"], response_class=Response)
def map_departments() -> Response:
    """Department polygons (Natural Earth) and Peru's outline as GeoJSON: the base map."""
    return Response(
        department_layer(),
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/api/hotspots", response_model=list[Hotspot], tags=["map"])
def hotspots(
    request: Request,
    store: ViewDep,
    filters: FiltersDep,
    level: Annotated[str, Query(description="admin1 (department), province or h3")] = "admin1",
    resolution: Annotated[int, Query(ge=0, le=15, description="H3 resolution")] = 5,
) -> list[Hotspot]:
    """Convergence of illicit economies and armed actors per unit, ranked, with evidence
    (``since``/``until`` of the filters apply; the other filters do not)."""
    key = ("hotspots", level, resolution, filters.since, filters.until)
    return cached(
        request,
        store,
        key,
        lambda: convergence_hotspots(store, level, filters.since, filters.until, resolution),
    )


@router.get("/api/filters", response_model=OptionsOut, tags=["map"])
def filters_options(request: Request, store: ViewDep) -> OptionsOut:
    """What the filters can take: activities, indicators, event types and actors that occur
    in the store, with counts."""
    o = cached(request, store, "options", lambda: filter_options(store))

    def out(options: tuple[object, ...]) -> list[OptionOut]:
        return [OptionOut.model_validate(x, from_attributes=True) for x in options]

    return OptionsOut(
        activities=out(o.activities),
        indicators=out(o.indicators),
        event_types=out(o.event_types),
        actors=out(o.actors),
    )
