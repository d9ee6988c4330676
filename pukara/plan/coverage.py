"""The numbers every planner shares: coverage, marginal gains, reach, feasibility checks.

In: a ``ForceModel``. Out: an ``Instance`` (threats, probabilities, capacities in integer
points of ``CAPACITY_STEP``, costs, counts and reachable pairs by index) with the
coverage function

    cover_s(k) = threat_s * (1 - (1 - p_s) ** (k * CAPACITY_STEP))

of ``k`` capacity points in sector ``s``, and ``objective(placement)`` = sum over sectors.
A placement maps ``(group index, sector index)`` to a number of units. ``build_instance``
refuses, with one ``InputError`` line, a model that no allocation can satisfy for a reason
visible before solving: a missing threat, a minimum presence no unit can reach, or a
budget below the cheapest way to meet the minimum presences.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from pukara.errors import InputError
from pukara.plan.records import CAPACITY_STEP, ForceModel
from pukara.plan.travel import Route, reach_table

__all__ = ["Instance", "Placement", "build_instance", "capacity_points"]

Placement = Mapping[tuple[int, int], int]


def capacity_points(capacity: float) -> int:
    """A unit's capacity in whole steps of ``CAPACITY_STEP`` (at least one)."""
    return max(1, round(capacity / CAPACITY_STEP))


@dataclass(frozen=True, slots=True)
class Instance:
    """A ``ForceModel`` reduced to indexed numbers for the planners."""

    model: ForceModel
    threat: tuple[float, ...]
    p: tuple[float, ...]
    points: tuple[int, ...]  # per group: capacity points of one unit
    counts: tuple[int, ...]
    costs: tuple[float, ...]
    routes: Mapping[tuple[int, int], Route]
    groups_of: Mapping[int, tuple[int, ...]]  # sector -> groups that reach it
    sectors_of: Mapping[int, tuple[int, ...]]  # group -> sectors it reaches
    min_presence: Mapping[int, int]  # sector index -> fewest units
    budget: float | None

    def cover(self, s: int, k: int) -> float:
        """Coverage of sector ``s`` holding ``k`` capacity points."""
        return self.threat[s] * (1.0 - math.pow(1.0 - self.p[s], k * CAPACITY_STEP))

    def gain(self, s: int, k: int, g: int) -> float:
        """What one more unit of group ``g`` adds to sector ``s`` holding ``k`` points."""
        return self.cover(s, k + self.points[g]) - self.cover(s, k)

    def loads(self, placement: Placement) -> list[int]:
        """Capacity points per sector."""
        k = [0] * len(self.threat)
        for (g, s), n in placement.items():
            k[s] += n * self.points[g]
        return k

    def objective(self, placement: Placement) -> float:
        """Threat-weighted coverage of a placement, summed over sectors."""
        return sum(self.cover(s, k) for s, k in enumerate(self.loads(placement)) if k)

    def cost(self, placement: Placement) -> float:
        return sum(n * self.costs[g] for (g, _), n in placement.items())

    def feasible(self, placement: Placement) -> bool:
        """Whether counts, reach, minimum presence and budget all hold."""
        used = [0] * len(self.counts)
        present = [0] * len(self.threat)
        for (g, s), n in placement.items():
            if n and (g, s) not in self.routes:
                return False
            used[g] += n
            present[s] += n
        if any(u > c for u, c in zip(used, self.counts, strict=True)):
            return False
        if any(present[s] < n for s, n in self.min_presence.items()):
            return False
        return self.budget is None or self.cost(placement) <= self.budget + 1e-9


def build_instance(model: ForceModel) -> Instance:
    """Index the model, compute reach, and check what can be checked before solving."""
    for i, sector in enumerate(model.sectors):
        if sector.threat is None:
            raise InputError(model.source, f"sectors[{i}]",
                             f"{sector.id}: threat missing; give one in the file or fill it "
                             "from the analysis scores (fill_threat_from_hotspots)")  # fmt: skip
    routes = reach_table(model)
    groups_of: dict[int, list[int]] = {}
    sectors_of: dict[int, list[int]] = {}
    for g, s in sorted(routes):
        groups_of.setdefault(s, []).append(g)
        sectors_of.setdefault(g, []).append(s)
    index = {s.id: i for i, s in enumerate(model.sectors)}
    minimum = {index[sid]: n for sid, n in model.constraints.min_presence.items() if n > 0}
    inst = Instance(
        model=model,
        threat=tuple(float(s.threat or 0.0) for s in model.sectors),
        p=tuple(model.p_of(s) for s in model.sectors),
        points=tuple(capacity_points(g.capacity) for g in model.units),
        counts=tuple(g.count for g in model.units),
        costs=tuple(g.cost for g in model.units),
        routes=routes,
        groups_of={s: tuple(gs) for s, gs in groups_of.items()},
        sectors_of={g: tuple(ss) for g, ss in sectors_of.items()},
        min_presence=minimum,
        budget=model.constraints.budget,
    )
    _check_minimum(inst)
    return inst


def _check_minimum(inst: Instance) -> None:
    model = inst.model
    cheapest = 0.0
    for s, n in inst.min_presence.items():
        groups = inst.groups_of.get(s, ())
        supply = sum(inst.counts[g] for g in groups)
        sid = model.sectors[s].id
        if supply < n:
            limit = model.constraints.max_travel_hours
            within = f" within {limit:g} h" if limit else ""
            raise InputError(model.source, f"constraints.min_presence.{sid}",
                             f"needs {n} units but only {supply} can reach {sid}{within} "
                             "by their modes; lower it or add units")  # fmt: skip
        costs = sorted(c for g in groups for c in [inst.costs[g]] * inst.counts[g])
        cheapest += sum(costs[:n])
    if inst.budget is not None and cheapest > inst.budget + 1e-9:
        raise InputError(model.source, "constraints.budget",
                         f"{inst.budget:g} is below {cheapest:g}, the least that the minimum "
                         "presences cost; raise it or lower them")  # fmt: skip
