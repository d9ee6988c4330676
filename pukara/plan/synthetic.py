"""SYNTHETIC force-planning models of any size, for benchmarks and property tests.

In: sizes and a seed. Out: a ``ForceModel`` named "synthetic ..." whose every number is
random (nothing here describes real forces or sectors): sectors scattered over Peru's
bounding box with heavy-tailed threat (Pareto, shape 1.5, plus 0.2, so a few sectors
dominate as real hotspots do), ``p`` uniform in [0.2, 0.4], random access modes; unit
groups cycling through four types (battalion, riverine unit, helicopter, police company)
based at random sectors; minimum presence of one unit in the highest-threat sectors that
some group reaches; a budget of ``budget_share`` of what all units together cost.
"""

from __future__ import annotations

import numpy as np

from pukara.plan.records import Constraints, ForceModel, Sector, UnitGroup
from pukara.plan.travel import reach_table

__all__ = ["UNIT_TYPES", "synthetic_model"]

_PERU_BOX = (-18.35, -0.04, -81.33, -68.65)  # lat min, lat max, lon min, lon max
# type -> (capacity, cost, speeds km/h); the same orders of magnitude as the example model
UNIT_TYPES: dict[str, tuple[float, float, dict[str, float]]] = {
    "battalion": (1.0, 3.0, {"road": 35.0}),
    "riverine unit": (0.6, 2.0, {"river": 30.0}),
    "helicopter": (0.8, 4.0, {"air": 220.0}),
    "police company": (0.5, 1.0, {"road": 50.0}),
}


def synthetic_model(
    n_sectors: int = 2000,
    n_units: int = 100,
    seed: int = 0,
    *,
    n_groups: int = 20,
    max_travel_hours: float = 12.0,
    budget_share: float = 0.8,
    n_minimum: int = 10,
) -> ForceModel:
    """A random model of ``n_sectors`` sectors and ``n_units`` units in ``n_groups``."""
    rng = np.random.default_rng(seed)
    lat = rng.uniform(_PERU_BOX[0], _PERU_BOX[1], n_sectors)
    lon = rng.uniform(_PERU_BOX[2], _PERU_BOX[3], n_sectors)
    threat = rng.pareto(1.5, n_sectors) + 0.2
    p = rng.uniform(0.2, 0.4, n_sectors)
    has = rng.random((n_sectors, 3)) < np.array([0.6, 0.5, 0.7])  # road, river, air
    has[~has.any(axis=1), 0] = True
    sectors = tuple(
        Sector(
            id=f"s{i:05d}",
            name=f"Synthetic sector {i}",
            lat=float(lat[i]),
            lon=float(lon[i]),
            threat=round(float(threat[i]), 4),
            p=round(float(p[i]), 4),
            access=frozenset(
                m for m, ok in zip(("road", "river", "air"), has[i], strict=True) if ok
            ),
            activity=round(float(threat[i]), 4),
            airstrips=int(rng.integers(0, 6)),
        )
        for i in range(n_sectors)
    )
    n_groups = max(1, min(n_groups, n_units))
    counts = [n_units // n_groups + (1 if g < n_units % n_groups else 0) for g in range(n_groups)]
    names = list(UNIT_TYPES)
    units = []
    for g, count in enumerate(counts):
        kind = names[g % len(names)]
        capacity, cost, speeds = UNIT_TYPES[kind]
        b = int(rng.integers(n_sectors))
        units.append(UnitGroup(
            id=f"g{g:03d}", type=kind, count=count, base=f"base {g}",
            lat=float(lat[b] + rng.normal(0, 0.05)), lon=float(lon[b] + rng.normal(0, 0.05)),
            capacity=capacity, speeds=speeds, cost=cost,
        ))  # fmt: skip
    free = ForceModel(
        "synthetic", sectors, tuple(units), Constraints(max_travel_hours=max_travel_hours)
    )
    reached = {s for _, s in reach_table(free)}
    top = [int(i) for i in np.argsort(-threat) if int(i) in reached][:n_minimum]
    total = sum(u.cost * u.count for u in units)
    return ForceModel(
        name=f"synthetic {n_sectors} sectors x {n_units} units (seed {seed})",
        sectors=sectors,
        units=tuple(units),
        constraints=Constraints(
            min_presence={sectors[i].id: 1 for i in top},
            budget=round(budget_share * total, 2),
            max_travel_hours=max_travel_hours,
        ),
        source=f"<synthetic seed={seed}>",
        note="SYNTHETIC: random numbers for benchmarks and tests; describes nothing real.",
    )
