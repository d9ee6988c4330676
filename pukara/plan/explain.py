"""Why each unit goes where it goes: its marginal gain there against the next best sector.

In: an ``Instance`` and a placement. Out: one ``Assignment`` per individual unit, numbered
within its group, with the sector (or None: held in reserve at its base), the route, the
coverage it adds there (what would be lost if it left), the best other sector it can reach
and what it would add there, and a reason:

- ``best``: it adds at least as much here as anywhere else it can reach;
- ``only_reachable``: no other sector is within its travel limit;
- ``min_presence``: it would add more elsewhere, but the sector's minimum presence holds it;
- ``budget``: in reserve because the budget left is below its cost;
- ``unreachable``: in reserve, no sector within its travel limit by its modes;
- ``no_gain``: in reserve, it would add nothing anywhere (zero threat where it can go);
- ``joint``: a single move would gain a little; left as is because the solver stopped
  within its gap (never at a proven optimum, where no single move can gain).
"""

from __future__ import annotations

from dataclasses import dataclass

from pukara.plan.coverage import Instance, Placement

__all__ = ["Assignment", "explain_placement"]


@dataclass(frozen=True, slots=True)
class Assignment:
    """One unit's place in an allocation and the reason for it."""

    unit: str
    group: str
    type: str
    base: str
    base_lat: float
    base_lon: float
    sector: str | None  # None: held in reserve at its base
    hours: float | None
    mode: str | None
    gain: float  # coverage this unit adds where it is (0 in reserve)
    next_sector: str | None
    next_gain: float  # coverage it would add in the best other sector it can reach
    reason: str
    why: str


def explain_placement(inst: Instance, placement: Placement) -> list[Assignment]:
    """One ``Assignment`` per unit of every group, in model order."""
    loads = inst.loads(placement)
    present = [0] * len(inst.threat)
    for (_, s), n in placement.items():
        present[s] += n
    spent = inst.cost(placement)
    out: list[Assignment] = []
    for g, group in enumerate(inst.model.units):
        ids = list(group.unit_ids())
        here = sorted((s, n) for (gg, s), n in placement.items() if gg == g and n)
        for s, n in here:
            why = _why_here(inst, g, s, loads, present)
            for _ in range(n):
                out.append(_assignment(inst, g, ids.pop(0), s, why))
        why = _why_reserve(inst, g, loads, spent)
        out.extend(_assignment(inst, g, unit, None, why) for unit in ids)
    return out


_Why = tuple[float, int | None, float, str, str]  # gain, next sector, next gain, reason, text


def _assignment(inst: Instance, g: int, unit: str, s: int | None, why: _Why) -> Assignment:
    group = inst.model.units[g]
    route = inst.routes.get((g, s)) if s is not None else None
    gain, nxt, next_gain, reason, text = why
    return Assignment(
        unit=unit, group=group.id, type=group.type, base=group.base,
        base_lat=group.lat, base_lon=group.lon,
        sector=inst.model.sectors[s].id if s is not None else None,
        hours=route.hours if route else None, mode=route.mode if route else None,
        gain=gain, next_sector=inst.model.sectors[nxt].id if nxt is not None else None,
        next_gain=next_gain, reason=reason, why=text,
    )  # fmt: skip


def _best_other(inst: Instance, g: int, loads: list[int], skip: int | None) -> tuple[int, float]:
    best, value = -1, 0.0
    for r in inst.sectors_of.get(g, ()):
        if r != skip:
            gain = inst.gain(r, loads[r], g)
            if best < 0 or gain > value:
                best, value = r, gain
    return best, value


def _why_here(inst: Instance, g: int, s: int, loads: list[int], present: list[int]) -> _Why:
    names = [x.name for x in inst.model.sectors]
    route = inst.routes[(g, s)]
    gain = inst.cover(s, loads[s]) - inst.cover(s, loads[s] - inst.points[g])
    trip = f"{route.hours:.1f} h by {route.mode} from {inst.model.units[g].base}"
    r, other = _best_other(inst, g, loads, s)
    if r < 0:
        return (
            gain,
            None,
            0.0,
            "only_reachable",
            (f"adds {gain:.3g} in {names[s]}, the only sector it reaches in time; {trip}"),
        )
    if gain >= other - 1e-9 * (1 + abs(other)):
        return (
            gain,
            r,
            other,
            "best",
            (f"adds {gain:.3g} in {names[s]} vs {other:.3g} in {names[r]} (next best); {trip}"),
        )
    minimum = inst.min_presence.get(s, 0)
    if present[s] <= minimum:
        return (
            gain,
            r,
            other,
            "min_presence",
            (
                f"held by the minimum presence of {minimum} in {names[s]}: adds {gain:.3g} "
                f"here, would add {other:.3g} in {names[r]}; {trip}"
            ),
        )
    return gain, r, other, "joint", (
        f"adds {gain:.3g} in {names[s]}; moving it to {names[r]} would add {other:.3g}, "
        f"within the solver's stopping gap; {trip}")  # fmt: skip


def _why_reserve(inst: Instance, g: int, loads: list[int], spent: float) -> _Why:
    group = inst.model.units[g]
    r, other = _best_other(inst, g, loads, None)
    if r < 0:
        limit = group.max_travel_hours or inst.model.constraints.max_travel_hours
        within = f" within {limit:g} h" if limit else ""
        modes = ", ".join(sorted(group.speeds))
        return 0.0, None, 0.0, "unreachable", f"in reserve: no sector{within} by {modes}"
    name = inst.model.sectors[r].name
    if inst.budget is not None and inst.budget - spent < group.cost - 1e-9:
        return (
            0.0,
            r,
            other,
            "budget",
            (
                f"in reserve: budget left {inst.budget - spent:g} is below its cost "
                f"{group.cost:g}; would add {other:.3g} in {name}"
            ),
        )
    if other <= 1e-12:
        return 0.0, r, other, "no_gain", "in reserve: adds nothing where it can go"
    return (
        0.0,
        r,
        other,
        "joint",
        (f"in reserve; would add {other:.3g} in {name}, within the solver's stopping gap"),
    )
