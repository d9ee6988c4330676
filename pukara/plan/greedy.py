"""The greedy baseline: place one unit at a time where it adds the most coverage.

In: a ``ForceModel`` (or its ``Instance``). Out: a ``GreedyResult`` with the placement,
its objective, the time taken and whether it meets every constraint.

First the minimum presences are met, highest threat first, each with the reachable unit
whose best use elsewhere is worth least (smallest regret). Then, repeatedly, the unit and
reachable sector with the largest marginal gain ``cover_s(k + c) - cover_s(k)`` that the
remaining budget allows is taken, until no unit is left or no gain is positive. Gains only
shrink as a sector fills (coverage is concave), so a lazy heap re-evaluates a candidate
only when its sector has changed since it was pushed. This is the usual baseline for
submodular coverage; the optimiser (``allocate``) starts from it and is never worse.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Mapping
from dataclasses import dataclass

from pukara.plan.coverage import Instance, build_instance
from pukara.plan.records import ForceModel

__all__ = ["GreedyResult", "allocate_greedy", "greedy_placement"]


@dataclass(frozen=True, slots=True)
class GreedyResult:
    """A greedy placement ``(group index, sector index) -> units`` and how good it is."""

    placement: Mapping[tuple[int, int], int]
    objective: float
    seconds: float
    feasible: bool  # counts, reach, minimum presence and budget all hold


def allocate_greedy(model: ForceModel | Instance) -> GreedyResult:
    """Run the greedy baseline on a model (or an already built instance)."""
    inst = model if isinstance(model, Instance) else build_instance(model)
    start = time.perf_counter()
    placement = greedy_placement(inst)
    seconds = time.perf_counter() - start
    return GreedyResult(placement, inst.objective(placement), seconds, inst.feasible(placement))


def greedy_placement(inst: Instance, per_cost: bool = False) -> dict[tuple[int, int], int]:
    """The greedy placement itself (see the module docstring); with ``per_cost`` the gain
    is divided by the unit's cost, the better rule when the budget binds."""
    state = _State(inst)
    for s in sorted(inst.min_presence, key=lambda s: -inst.threat[s]):
        for _ in range(inst.min_presence[s]):
            g = state.least_regret(s)
            if g is None:
                break  # infeasible for the greedy; reported by GreedyResult.feasible
            state.place(g, s)

    def key(g: int, s: int) -> float:
        gain = inst.gain(s, state.k[s], g)
        return -gain / inst.costs[g] if per_cost and inst.costs[g] > 0 else -gain

    heap = [(key(g, s), g, s, state.k[s]) for (g, s) in inst.routes]
    heapq.heapify(heap)
    while heap:
        neg, g, s, k_then = heapq.heappop(heap)
        if not state.available(g):
            continue
        if k_then != state.k[s]:  # sector changed since: re-evaluate and push back
            heapq.heappush(heap, (key(g, s), g, s, state.k[s]))
            continue
        if -neg <= 0:
            break
        state.place(g, s)
        heapq.heappush(heap, (key(g, s), g, s, state.k[s]))
    return state.placement


class _State:
    """Units left, budget left and capacity points per sector while placing."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.left = list(inst.counts)
        self.money = inst.budget if inst.budget is not None else float("inf")
        self.k = [0] * len(inst.threat)
        self.placement: dict[tuple[int, int], int] = {}

    def available(self, g: int) -> bool:
        return self.left[g] > 0 and self.inst.costs[g] <= self.money + 1e-9

    def place(self, g: int, s: int) -> None:
        self.left[g] -= 1
        self.money -= self.inst.costs[g]
        self.k[s] += self.inst.points[g]
        self.placement[(g, s)] = self.placement.get((g, s), 0) + 1

    def least_regret(self, s: int) -> int | None:
        """The available group reaching ``s`` that loses least by going there."""
        best: tuple[float, float, int] | None = None
        for g in self.inst.groups_of.get(s, ()):
            if not self.available(g):
                continue
            here = self.inst.gain(s, self.k[s], g)
            elsewhere = max(
                (self.inst.gain(r, self.k[r], g) for r in self.inst.sectors_of[g] if r != s),
                default=0.0,
            )
            key = (elsewhere - here, self.inst.costs[g], g)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]
