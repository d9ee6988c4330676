"""Draw a simulation: activity over the periods, with p10-p90 bands, one panel per sector.

In: a ``Simulation`` and a path ending in ``.png`` or ``.svg``. Out: the file, written
headless with matplotlib (Agg). Each panel shows the baseline (grey) and the scenario
(colour): the median as a line, p10-p90 as a band. With more sectors than ``max_panels``,
those whose median changes most are drawn.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from pukara.errors import InputError
from pukara.plan.displacement import SectorProjection, Simulation

__all__ = ["render_simulation_chart"]


def render_simulation_chart(sim: Simulation, path: str | Path, max_panels: int = 12) -> Path:
    """Write the chart to ``path`` (``.png`` or ``.svg``) and return the path."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InputError(str(path), "file name", "chart must end in .png or .svg")
    shown = sorted(sim.sectors, key=lambda s: -abs(s.change.p50))[:max_panels]
    shown.sort(key=lambda s: [x.id for x in sim.sectors].index(s.id))
    cols = min(3, len(shown)) or 1
    rows = math.ceil(len(shown) / cols) or 1
    fig = Figure(figsize=(4.2 * cols, 2.8 * rows + 0.8), layout="constrained")
    FigureCanvasAgg(fig)  # headless: no GUI backend is ever selected
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True)
    for ax, sector in zip(axes.flat, shown, strict=False):
        _panel(ax, sector)
    for ax in list(axes.flat)[len(shown) :]:
        ax.set_visible(False)
    axes.flat[0].legend(loc="best", fontsize=7)
    fig.supxlabel("period", fontsize=8)
    fig.suptitle(f"{sim.scenario}: activity per period, p10-p90 over {sim.runs} runs "
                 f"({sim.model})", fontsize=10)  # fmt: skip
    fig.savefig(path)
    return path


def _panel(ax: Any, s: SectorProjection) -> None:  # a matplotlib Axes
    periods = list(range(len(s.baseline)))
    for bands, colour, label in ((s.baseline, "0.45", "baseline"),
                                 (s.scenario, "tab:red", "scenario")):  # fmt: skip
        ax.fill_between(periods, [b.p10 for b in bands], [b.p90 for b in bands],
                        color=colour, alpha=0.2, linewidth=0)  # fmt: skip
        ax.plot(periods, [b.p50 for b in bands], color=colour, label=label)
    moved = s.pressure_scenario - s.pressure_baseline
    note = f" ({moved:+g} eff. units)" if moved else ""
    ax.set_title(f"{s.name}{note}", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.set_ylim(bottom=0)
