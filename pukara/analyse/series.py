"""Indicator series: every source's figure for each place and period, side by side, reconciled.

In: a store, an indicator id (``coca_cultivation_area``) and optionally a place (an id such
as ``pe:16`` or ``country:PE``, or a name such as ``Loreto``). Out: one ``SeriesPoint`` per
(place, period, unit) holding every figure reported for it (value, range, unit, source and
its Admiralty grade, document, publication date, evidence sentence), a reconciled value
chosen by a stated rule, the spread of the figures and a conflict flag. Documents stored as
near-duplicates of another are left out, so a syndicated copy is not a second source.

``render_series_chart`` draws such a series to PNG or SVG with matplotlib (Agg).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pukara.analyse.places import resolve_place
from pukara.errors import PukaraError
from pukara.model import FactRecord, Filters
from pukara.store import Reader, as_view

__all__ = [
    "ReportedFigure",
    "SeriesPoint",
    "indicator_series",
    "render_series_chart",
]

DEFAULT_TOLERANCE = 0.10  # figures more than 10% apart are in conflict


@dataclass(frozen=True, slots=True)
class ReportedFigure:
    """One figure as one document of one source reported it."""

    fact_id: str
    value: float
    value_max: float | None
    unit: str
    source: str | None
    reliability: str  # Admiralty A-F of the source ("F" when the source is unknown)
    credibility: int  # Admiralty 1-6
    doc_id: str
    published: str | None
    evidence: str
    place_id: str | None
    by: str | None = None  # the agency behind the estimate, when the text names it

    @property
    def high(self) -> float:
        """Upper end of the figure: ``value_max`` for a range, else ``value``."""
        return self.value if self.value_max is None else self.value_max

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """All figures for one (place, period, unit), best first, with the reconciled value."""

    indicator: str
    place_id: str | None
    place_name: str | None
    period: str | None
    unit: str
    figures: tuple[ReportedFigure, ...]  # ordered by the reconciliation rule, chosen first
    value: float  # reconciled value (the chosen figure's)
    value_max: float | None  # upper end when the chosen figure is a range
    low: float  # lowest figure reported
    high: float  # highest figure reported (upper ends of ranges included)
    rule: str  # which rule chose the value, e.g. "source reliability A over C"
    conflict: bool  # figures disagree by more than the tolerance

    @property
    def chosen(self) -> ReportedFigure:
        return self.figures[0]

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct source names, best first."""
        return tuple(dict.fromkeys(f.source or "(unknown source)" for f in self.figures))

    @property
    def year(self) -> float | None:
        """Position on a time axis: 2013 for "2013", 2024.83 for "2024-11", the midpoint of a
        range "2020/2022"; None without a period."""
        return _period_year(self.period)


def indicator_series(
    store: Reader,
    indicator: str,
    place: str | None = None,
    include_children: bool = True,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[SeriesPoint]:
    """Every figure for ``indicator`` grouped by (place, period, unit), ordered by period.

    ``place`` is a place id or name (None: everywhere). With ``include_children`` a
    department also covers its provinces, districts and zones, and ``country:PE`` covers
    every place in Peru; each sub-place keeps its own points (figures for different areas or
    different periods are never compared or added up).
    """
    store = as_view(store)
    scope = None
    if place is not None:
        place_id = resolve_place(store, place)
        scope = store.place_scope(place_id) if include_children else [place_id]
    facts, _ = store.facts(Filters(indicator=indicator), scope=scope, limit=None, order="stored")
    names = store.place_names(f.place_id for f in facts)
    groups: dict[tuple[str | None, str | None, str], list[ReportedFigure]] = {}
    for f in facts:
        groups.setdefault((f.place_id, f.period, f.unit), []).append(_figure(f))
    points = [
        _reconcile(indicator, key, names.get(key[0] or ""), figs, tolerance)
        for key, figs in groups.items()
    ]
    return sorted(points, key=_point_order)


def render_series_chart(points: Sequence[SeriesPoint], path: str | Path, title: str = "") -> Path:
    """Draw ``points`` to ``path`` (``.png`` or ``.svg``): one marker style per source, one
    line per place for the reconciled value, years on x. Points without a period are left out.
    Returns the path written."""
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in {"png", "svg"}:
        raise PukaraError(f"{out}: chart format {fmt!r} not supported; use .png or .svg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 5), layout="constrained")
    FigureCanvasAgg(fig)  # headless: no GUI backend is ever selected
    ax = fig.add_subplot()
    plotted = [p for p in points if p.year is not None]
    _draw_sources(ax, plotted)
    _draw_reconciled(ax, plotted)
    units = sorted({p.unit for p in plotted})
    ax.set_xlabel("year")
    ax.set_ylabel(units[0] if len(units) == 1 else "value (" + ", ".join(units) + ")")
    ax.set_title(title or (plotted[0].indicator if plotted else "no figures"))
    _time_axis(ax, [p.year for p in plotted if p.year is not None])
    if plotted:
        ax.legend(fontsize="small", loc="best")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format=fmt)
    return out


def _figure(f: FactRecord) -> ReportedFigure:
    return ReportedFigure(
        fact_id=f.id,
        value=f.value,
        value_max=f.value_max,
        unit=f.unit,
        source=f.evidence.source,
        reliability=f.reliability,
        credibility=f.credibility,
        doc_id=f.doc_id,
        published=f.evidence.published,
        evidence=f.evidence.text,
        place_id=f.place_id,
        by=f.by,
    )


# -- reconciling ------------------------------------------------------------------------


def _ranked(figures: Iterable[ReportedFigure]) -> tuple[ReportedFigure, ...]:
    """Better first: reliability A before F, credibility 1 before 6, then the most recent
    publication (undated last), then the figure recorded first. Stable sorts, last key first."""
    ordered = sorted(figures, key=lambda f: f.fact_id)
    ordered.sort(key=lambda f: f.published or "", reverse=True)  # "" (undated) sorts last
    ordered.sort(key=lambda f: (f.reliability, f.credibility))
    return tuple(ordered)


def _reconcile(
    indicator: str,
    key: tuple[str | None, str | None, str],
    place_name: str | None,
    figures: list[ReportedFigure],
    tolerance: float,
) -> SeriesPoint:
    ordered = _ranked(figures)
    best = ordered[0]
    return SeriesPoint(
        indicator=indicator,
        place_id=key[0],
        place_name=place_name,
        period=key[1],
        unit=key[2],
        figures=ordered,
        value=best.value,
        value_max=best.value_max,
        low=min(f.value for f in ordered),
        high=max(f.high for f in ordered),
        rule=_deciding_rule(ordered),
        conflict=_in_conflict(ordered, tolerance),
    )


def _deciding_rule(ordered: Sequence[ReportedFigure]) -> str:
    """Name the first rule that put the chosen figure ahead of the runner-up."""
    if len(ordered) == 1:
        return "single figure"
    best, second = ordered[0], ordered[1]
    if best.reliability != second.reliability:
        return f"source reliability {best.reliability} over {second.reliability}"
    if best.credibility != second.credibility:
        return f"source credibility {best.credibility} over {second.credibility}"
    if best.published != second.published and best.published:
        return f"most recent ({best.published})"
    return "same grade and date: first recorded"


def _in_conflict(figures: Iterable[ReportedFigure], tolerance: float) -> bool:
    """True when the figures' intervals [value, value_max] cannot all be reconciled: the
    highest lower end exceeds the lowest upper end by more than ``tolerance`` of the larger."""
    figs = list(figures)
    top_low = max(f.value for f in figs)
    bottom_high = min(f.high for f in figs)
    gap = top_low - bottom_high
    return gap > tolerance * max(abs(top_low), abs(bottom_high))


# -- ordering and charts ----------------------------------------------------------------


def _point_order(p: SeriesPoint) -> tuple[int, str, str, str]:
    return (p.period is None, p.period or "", p.place_name or p.place_id or "", p.unit)


def _period_year(period: str | None) -> float | None:
    if not period:
        return None
    try:
        if "/" in period:
            first, last = period.split("/", 1)
            start, end = _period_year(first), _period_year(last)
            return None if start is None or end is None else (start + end) / 2
        year = int(period[:4])
        month = int(period[5:7]) if len(period) >= 7 else 1
    except ValueError:
        return None
    return year + (month - 1) / 12


def _time_axis(ax: Any, years: Sequence[float]) -> None:
    """Ticks on whole years, or on months when the figures span less than two years, and
    labels that say so ("2024", "2024-07"): never "2024.98"."""
    if not years:
        return
    lo, hi = min(years), max(years)
    if hi - lo >= 2:
        first, last = int(lo), int(hi) + 1
        step = max(1, (last - first) // 10)
        ticks = [float(y) for y in range(first, last + 1, step)]
        labels = [str(int(t)) for t in ticks]
    else:
        start, end = int(lo * 12) - 1, int(hi * 12) + 2  # month indices around the figures
        step = max(1, (end - start) // 8)
        ticks = [m / 12 for m in range(start, end + 1, step)]
        labels = [f"{m // 12}-{m % 12 + 1:02d}" for m in range(start, end + 1, step)]
    ax.set_xticks(ticks, labels)
    ax.set_xlim(ticks[0] - 0.02, ticks[-1] + 0.02)


_MARKERS = "osD^vP*Xph<>"
_MAX_LABELLED_PLACES = 6  # beyond this a legend of place lines is unreadable


def _draw_sources(ax: Any, points: Sequence[SeriesPoint]) -> None:
    by_source: dict[str, list[tuple[float, float]]] = {}
    for p in points:
        for f in p.figures:
            name = f"{f.source or '(unknown source)'} ({f.grade})"
            by_source.setdefault(name, []).append((p.year or 0.0, f.value))
    for i, (name, xy) in enumerate(sorted(by_source.items())):
        xs, ys = zip(*xy, strict=True)
        ax.scatter(xs, ys, marker=_MARKERS[i % len(_MARKERS)], s=36, alpha=0.8, label=name)


def _draw_reconciled(ax: Any, points: Sequence[SeriesPoint]) -> None:
    by_place: dict[str, list[tuple[float, float]]] = {}
    for p in points:
        by_place.setdefault(p.place_name or p.place_id or "(no place)", []).append(
            (p.year or 0.0, p.value)
        )
    labelled = len(by_place) <= _MAX_LABELLED_PLACES
    for i, (name, xy) in enumerate(sorted(by_place.items())):
        xs, ys = zip(*sorted(xy), strict=True)
        label: str | None = f"reconciled: {name}"
        if not labelled:
            label = f"reconciled ({len(by_place)} places)" if i == 0 else None
        ax.plot(xs, ys, color="black" if labelled and len(by_place) == 1 else None,
                linewidth=1.2, alpha=0.7 if labelled else 0.3, label=label)  # fmt: skip
