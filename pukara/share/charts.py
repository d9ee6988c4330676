"""Images for briefings and pages, drawn with matplotlib (Agg, no display): the department
map, events over time and indicator series.

In: counts per department, points, counts per period, ``SeriesPoint`` records. Out: PNG or
SVG bytes. The map is drawn from the gazetteer's department polygons only (no tiles, no
network): a choropleth of the counts, the place of the brief outlined, points sized by
count.
"""

from __future__ import annotations

import io
import math
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pukara.analyse.series import SeriesPoint, render_series_chart
from pukara.refdata.gazetteer import load_department_shapes

__all__ = ["department_map", "events_chart", "series_chart"]

_INK = "#1f3a5f"
_ACCENT = "#b5542d"


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)  # headless: no GUI backend is ever selected
    return fig


def _save(fig: Any, fmt: str, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    """Exterior rings of a Polygon or MultiPolygon (holes are not drawn at this scale)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def department_map(
    values: Mapping[str, float],
    *,
    highlight: str | None = None,
    points: Sequence[tuple[float, float, int]] = (),
    title: str = "",
    legend: str = "events",
    fmt: str = "png",
) -> bytes:
    """Peru's departments filled by ``values`` (department id -> count), ``highlight``
    outlined, ``points`` (lon, lat, n) as circles with area by n."""
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.patches import Polygon

    fig = _figure(5.6, 6.4)
    ax = fig.add_subplot()
    cmap = colormaps["Blues"]
    top = max(values.values(), default=0) or 1
    norm = Normalize(vmin=0, vmax=top)
    for feature in load_department_shapes()["features"]:
        dept = feature["properties"]["id"]
        value = values.get(dept, 0)
        face = cmap(0.08 + 0.85 * norm(value)) if value else "#f3f5f7"
        for ring in _rings(feature["geometry"]):
            ax.add_patch(Polygon(ring, closed=True, facecolor=face, edgecolor="#8a96a3", lw=0.5))
        if dept == highlight:
            for ring in _rings(feature["geometry"]):
                ax.add_patch(Polygon(ring, closed=True, fill=False, edgecolor=_ACCENT, lw=2.2))
    if points:
        biggest = max(n for _, _, n in points) or 1
        ax.scatter(
            [p[0] for p in points], [p[1] for p in points],
            s=[12 + 220 * math.sqrt(n / biggest) for _, _, n in points],
            c=_ACCENT, alpha=0.55, edgecolors="white", linewidths=0.6, zorder=3,
        )  # fmt: skip
    ax.set_xlim(-81.6, -68.4)
    ax.set_ylim(-18.6, 0.2)
    ax.set_aspect(1 / math.cos(math.radians(9)))  # equirectangular, true at Peru's middle
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=10, color=_INK)
    scale = fig.colorbar(
        _mappable(cmap, norm), ax=ax, shrink=0.45, pad=0.01, label=f"{legend} per department"
    )
    scale.ax.tick_params(labelsize=7)
    return _save(fig, fmt)


def _mappable(cmap: Any, norm: Any) -> Any:
    from matplotlib.cm import ScalarMappable

    return ScalarMappable(norm=norm, cmap=cmap)


def events_chart(counts: Sequence[tuple[str, int]], title: str, fmt: str = "png") -> bytes:
    """Bars of ``counts`` (period label, n) in period order."""
    fig = _figure(7.5, 2.6)
    ax = fig.add_subplot()
    labels = [k for k, _ in counts]
    ax.bar(range(len(counts)), [n for _, n in counts], color=_INK, width=0.8)
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], fontsize=7, rotation=0)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(title, fontsize=9, color=_INK)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, fmt)


def series_chart(points: Sequence[SeriesPoint], title: str, fmt: str = "svg") -> bytes:
    """``analyse.series.render_series_chart`` to bytes (it draws to a file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = render_series_chart(points, Path(tmp) / f"chart.{fmt}", title=title)
        return path.read_bytes()
