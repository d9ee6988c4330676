"""Builders for small, invented planning models whose optimum can be worked out by hand."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from pukara.plan.coverage import Instance
from pukara.plan.records import Constraints, ForceModel, Sector, UnitGroup

# Two points 1 degree of latitude apart (about 111 km) near Pucallpa; all invented.
LAT, LON = -8.4, -74.5


def sector(
    sid: str,
    threat: float,
    *,
    lat: float = LAT,
    lon: float = LON,
    access: Iterable[str] = ("road",),
    p: float | None = None,
    airstrips: int = 0,
    activity: float | None = None,
) -> Sector:
    return Sector(
        sid,
        sid.upper(),
        lat,
        lon,
        threat,
        frozenset(access),
        p=p,
        airstrips=airstrips,
        activity=activity,
    )


def group(
    gid: str,
    count: int,
    *,
    capacity: float = 1.0,
    cost: float = 1.0,
    speeds: dict[str, float] | None = None,
    lat: float = LAT,
    lon: float = LON,
    kind: str = "battalion",
) -> UnitGroup:
    return UnitGroup(
        gid, kind, count, f"base of {gid}", lat, lon, capacity, speeds or {"road": 40.0}, cost
    )


def model(
    sectors: Iterable[Sector], groups: Iterable[UnitGroup], **constraints: object
) -> ForceModel:
    return ForceModel("tiny (invented)", tuple(sectors), tuple(groups), Constraints(**constraints))


def brute_force(inst: Instance) -> float:
    """The best feasible objective by trying every unit in every reachable sector or reserve."""
    units = [g for g, n in enumerate(inst.counts) for _ in range(n)]
    choices = [[None, *inst.sectors_of.get(g, ())] for g in units]
    best = -1.0
    for pick in itertools.product(*choices):
        placement: dict[tuple[int, int], int] = {}
        for g, s in zip(units, pick, strict=True):
            if s is not None:
                placement[(g, s)] = placement.get((g, s), 0) + 1
        if inst.feasible(placement):
            best = max(best, inst.objective(placement))
    return best
