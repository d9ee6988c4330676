"""Distances and travel times: which sectors each unit group can reach, how fast, how.

In: a ``ForceModel``. Out: ``reach_table(model)``, a mapping ``(group index, sector index)
-> Route`` for the pairs a group can reach within its travel-time limit, and
``sector_distances(model)``, the great-circle distance matrix between sectors.

Travel time by a mode = great-circle distance x the mode's detour factor / the group's
speed by that mode. A mode counts only if the group has a speed for it and the sector is
reachable by it (``Sector.access``); the fastest such mode is the route.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from pukara.plan.records import MODES, ForceModel, UnitGroup

__all__ = ["EARTH_RADIUS_KM", "Route", "distance_km", "reach_table", "sector_distances"]

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@dataclass(frozen=True, slots=True)
class Route:
    """How a group gets to a sector: travel time in hours, by which mode, how far."""

    hours: float
    mode: str
    km: float


def distance_km(
    lat1: float | NDArray[np.float64],
    lon1: float | NDArray[np.float64],
    lat2: float | NDArray[np.float64],
    lon2: float | NDArray[np.float64],
) -> NDArray[np.float64]:
    """Great-circle (haversine) distance in km; arrays broadcast."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def sector_distances(model: ForceModel) -> NDArray[np.float64]:
    """Matrix of great-circle distances (km) between the model's sectors."""
    lat = np.array([s.lat for s in model.sectors])
    lon = np.array([s.lon for s in model.sectors])
    return distance_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])


def reach_table(model: ForceModel) -> dict[tuple[int, int], Route]:
    """Every (group, sector) pair within the group's travel limit, with its route."""
    lat = np.array([s.lat for s in model.sectors])
    lon = np.array([s.lon for s in model.sectors])
    access = {m: np.array([m in s.access for s in model.sectors]) for m in MODES}
    table: dict[tuple[int, int], Route] = {}
    for gi, group in enumerate(model.units):
        km = distance_km(group.lat, group.lon, lat, lon)
        hours, mode = _fastest(group, km, access, model.constraints.detour)
        limit = group.max_travel_hours or model.constraints.max_travel_hours or np.inf
        for si in np.nonzero(np.isfinite(hours) & (hours <= limit))[0]:
            table[(gi, int(si))] = Route(float(hours[si]), MODES[mode[si]], float(km[si]))
    return table


def _fastest(
    group: UnitGroup,
    km: NDArray[np.float64],
    access: dict[str, NDArray[np.bool_]],
    detour: Mapping[str, float],
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Per sector: the shortest travel time over the modes both sides have, and its mode."""
    times = np.full((len(MODES), len(km)), np.inf)
    for mi, mode in enumerate(MODES):
        speed = group.speeds.get(mode, 0.0)
        if speed > 0:
            times[mi] = np.where(access[mode], km * detour.get(mode, 1.0) / speed, np.inf)
    best = np.argmin(times, axis=0)
    return times[best, np.arange(len(km))], best
