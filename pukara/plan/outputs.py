"""JSON-ready views of allocations and simulations, for the CLI, files and the web page.

In: an ``Allocation`` or a ``Simulation``. Out: plain dicts and lists (str, int, float,
bool, None only) that ``json.dumps`` writes as is:

- ``allocation_json``: status, objective, bound, gap, times, greedy baseline side by side,
  one row per unit (sector, route, gains, reason) and per sector (coverage);
- ``allocation_geojson``: sectors as points with their coverage, and each assigned unit
  as a line from its base to its sector;
- ``simulation_rows``: one row per sector and period, p10/p50/p90 under both arms;
- ``simulation_json``: the whole simulation;
- ``simulation_geojson``: sectors as points with the projected change at the last period.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pukara.plan.allocate import Allocation
from pukara.plan.displacement import METHOD, Band, Simulation

__all__ = [
    "allocation_geojson",
    "allocation_json",
    "simulation_geojson",
    "simulation_json",
    "simulation_rows",
]


def allocation_json(allocation: Allocation) -> dict[str, Any]:
    """The allocation as a JSON-ready dict (see the module docstring)."""
    a = allocation
    return {
        "model": a.model,
        "status": a.status,
        "objective": a.objective,
        "bound": a.bound,
        "gap": a.gap,
        "seconds": a.seconds,
        "greedy": {
            "objective": a.greedy_objective,
            "seconds": a.greedy_seconds,
            "feasible": a.greedy_feasible,
            "improvement": a.improvement,
        },
        "cost": a.cost,
        "budget": a.budget,
        "units": [asdict(x) for x in a.assignments],
        "sectors": [asdict(s) for s in a.sectors],
    }


def allocation_geojson(allocation: Allocation) -> dict[str, Any]:
    """Sectors as points (coverage, units) and assigned units as base-to-sector lines."""
    where = {s.id: (s.lon, s.lat) for s in allocation.sectors}
    features = [_point(s.lon, s.lat, {"kind": "sector", **asdict(s)}) for s in allocation.sectors]
    for x in allocation.assignments:
        if x.sector is not None:
            line = [[x.base_lon, x.base_lat], list(where[x.sector])]
            props = {"kind": "unit", **asdict(x)}
            features.append({"type": "Feature", "properties": props,
                             "geometry": {"type": "LineString", "coordinates": line}})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def simulation_rows(sim: Simulation) -> list[dict[str, Any]]:
    """One row per sector and period: activity p10/p50/p90 under baseline and scenario."""
    rows = []
    for s in sim.sectors:
        for t, (b, x) in enumerate(zip(s.baseline, s.scenario, strict=True)):
            rows.append({
                "sector": s.id, "name": s.name, "period": t,
                **_band("baseline", b), **_band("scenario", x),
            })  # fmt: skip
    return rows


def simulation_json(sim: Simulation) -> dict[str, Any]:
    """The whole simulation as a JSON-ready dict, with the method and parameter ranges."""
    return {
        "model": sim.model,
        "scenario": sim.scenario,
        "moves": [str(m) for m in sim.moves],
        "periods": sim.periods,
        "runs": sim.runs,
        "seed": sim.seed,
        "notes": list(sim.notes),
        "ranges": asdict(sim.ranges),
        "method": METHOD,
        "total_baseline": [asdict(b) for b in sim.total_baseline],
        "total_scenario": [asdict(b) for b in sim.total_scenario],
        "sectors": [asdict(s) for s in sim.sectors],
    }


def simulation_geojson(sim: Simulation) -> dict[str, Any]:
    """Sectors as points with pressure and the projected activity change at the end."""
    features = []
    for s in sim.sectors:
        start, base, scen = s.baseline[0].p50, s.baseline[-1].p50, s.scenario[-1].p50
        props = {
            "id": s.id, "name": s.name,
            "pressure_baseline": s.pressure_baseline, "pressure_scenario": s.pressure_scenario,
            "activity_start": start, "baseline_p50": base, "scenario_p50": scen,
            **_band("change", s.change),
            "change_pct": (scen - base) / base * 100 if base > 0 else None,
            "periods": sim.periods, "scenario": sim.scenario,
        }  # fmt: skip
        features.append(_point(s.lon, s.lat, props))
    return {"type": "FeatureCollection", "features": features}


def _point(lon: float, lat: float, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}  # fmt: skip


def _band(prefix: str, band: Band) -> dict[str, float]:
    return {f"{prefix}_p10": band.p10, f"{prefix}_p50": band.p50, f"{prefix}_p90": band.p90}
