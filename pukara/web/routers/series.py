"""Figures: indicator series with every source side by side (page, JSON, SVG chart) and
the filtered list of figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pukara.analyse.entities import filter_options
from pukara.analyse.series import SeriesPoint, indicator_series
from pukara.errors import PukaraError
from pukara.refdata.labels import indicator_label
from pukara.share.charts import series_chart
from pukara.store import View
from pukara.web.deps import FiltersDep, ViewDep, cached, render, store_marking
from pukara.web.schemas import FactOut, FactPageOut, SeriesOut

__all__ = ["router"]

router = APIRouter()

Place = Annotated[
    str | None, Query(max_length=120, description="Place id or name (pe:16, Loreto, PE)")
]


def _series(request: Request, store: View, indicator: str, place: str | None) -> list[SeriesPoint]:
    return cached(
        request, store, ("series", indicator, place),
        lambda: indicator_series(store, indicator, place or None),
    )  # fmt: skip


def _sources(points: list[SeriesPoint]) -> list[str]:
    """Every source of the series once, best graded first: the columns of the table."""
    best: dict[str, str] = {}
    for p in points:
        for f in p.figures:
            name = f.source or "(unknown source)"
            best[name] = min(best.get(name, "Z9"), f.grade)
    return sorted(best, key=lambda s: (best[s], s))


@router.get("/series", response_class=HTMLResponse, include_in_schema=False)
def series_page(
    request: Request,
    store: ViewDep,
    indicator: Annotated[str | None, Query(max_length=120)] = None,
    place: Place = None,
) -> HTMLResponse:
    """An indicator's figures per place and period, one column per source, the reconciled
    value and the rule that chose it, and the chart."""
    options = cached(request, store, "options", lambda: filter_options(store))
    chosen = indicator or (options.indicators[0].value if options.indicators else None)
    points: list[SeriesPoint] = []
    problem = None
    if chosen:
        try:
            points = _series(request, store, chosen, place)
        except PukaraError as exc:
            problem = str(exc)
    return render(
        request, "series.html", title=f"Series: {indicator_label(chosen)}", options=options,
        indicator=chosen, place=place or "", points=points, sources=_sources(points),
        problem=problem, marking=store_marking(request, store),
    )  # fmt: skip


@router.get("/api/series/{indicator}", response_model=SeriesOut, tags=["figures"])
def series_api(request: Request, store: ViewDep, indicator: str, place: Place = None) -> SeriesOut:
    """Every figure for the indicator grouped by (place, period, unit), best source first,
    with the reconciled value, the rule that chose it and a conflict flag."""
    return SeriesOut(
        indicator=indicator,
        indicator_label=indicator_label(indicator),
        place=place,
        points=_series(request, store, indicator, place),
    )


@router.get(
    "/api/series/{indicator}/chart.svg",
    tags=["figures"],
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
)
def series_chart_api(
    request: Request, store: ViewDep, indicator: str, place: Place = None
) -> Response:
    """The series as an SVG chart: a marker style per source, a line per place through
    the reconciled values."""
    points = _series(request, store, indicator, place)
    title = indicator_label(indicator) + (f" — {place}" if place else "")
    svg = cached(request, store, ("chart", indicator, place), lambda: series_chart(points, title))
    return Response(svg, media_type="image/svg+xml")


@router.get("/api/facts", response_model=FactPageOut, tags=["figures"])
def facts_api(
    request: Request,
    store: ViewDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> FactPageOut:
    """Figures after the filters, latest period first, each with its sentence, source and
    marking (near-duplicate documents left out)."""
    rows, total = cached(
        request, store, ("facts", filters, limit, offset),
        lambda: store.facts(filters, limit=limit, offset=offset),
    )  # fmt: skip
    return FactPageOut(
        total=total, limit=limit, offset=offset, items=[FactOut.from_row(f) for f in rows]
    )
