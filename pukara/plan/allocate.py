"""Allocate scarce forces across sectors: optimise coverage, explain it, compare to greedy.

In: a ``ForceModel`` (``load_model``, ``synthetic_model``) and solver limits. Out: an
``Allocation``: each unit's sector (or reserve) with the reason, per-sector coverage, the
objective, the solver's bound and gap, the time, and the greedy baseline's objective and
time side by side.

Objective: maximise the sum over sectors of ``threat_s * (1 - (1 - p_s) ** k_s)``, where
``k_s`` is the summed capacity of the units there (diminishing returns: each extra unit
adds a fraction ``p_s`` of the threat still uncovered). Subject to: each unit in at most
one sector, and only in sectors it reaches within the travel-time limit by a mode both it
and the sector have; at least ``min_presence`` units in the sectors that name one; summed
cost of assigned units within the budget. Solved with OR-Tools CP-SAT (``cpsat.py``),
started from the better of two greedy placements (by gain, and by gain per cost) improved
by local search (``localsearch.py``); then, at equal coverage, shorter trips are preferred.
The baseline reported beside it is the plain greedy placement (``greedy.py``); if that is
ever better, it is returned, so the optimiser is never worse than the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

from pukara.errors import PukaraError
from pukara.plan.coverage import Instance, Placement, build_instance
from pukara.plan.cpsat import InfeasibleError, solve_cpsat
from pukara.plan.explain import Assignment, explain_placement
from pukara.plan.greedy import allocate_greedy, greedy_placement
from pukara.plan.localsearch import improve_placement
from pukara.plan.records import CAPACITY_STEP, ForceModel

__all__ = ["Allocation", "Assignment", "InfeasibleError", "SectorCover", "allocate"]


# Two objectives closer than this (relative) are equal: float sums in another order.
_PRECISION = 1e-9


@dataclass(frozen=True, slots=True)
class SectorCover:
    """A sector under an allocation: units, capacity, and the coverage they give."""

    id: str
    name: str
    lat: float
    lon: float
    threat: float
    units: int
    capacity: float  # effective units
    coverage: float  # threat-weighted: threat * share
    share: float  # 1 - (1 - p) ** capacity
    min_presence: int


@dataclass(frozen=True, slots=True)
class Allocation:
    """Where every unit goes, why, and how good that is against its bound and greedy."""

    model: str
    status: str  # optimal (proven) | feasible (see gap) | heuristic (no solver answer in
    #              time: the local-search start) | greedy (the baseline itself was best)
    objective: float
    bound: float
    gap: float  # (bound - objective) / bound
    seconds: float
    greedy_objective: float
    greedy_seconds: float
    greedy_feasible: bool
    cost: float
    budget: float | None
    assignments: tuple[Assignment, ...]
    sectors: tuple[SectorCover, ...]
    placement: tuple[tuple[str, str, int], ...]  # (group id, sector id, units)
    rounds: int = 1

    @property
    def improvement(self) -> float:
        """Objective gained over the greedy baseline, as a fraction of the greedy one."""
        if self.greedy_objective <= 0:
            return 0.0
        return self.objective / self.greedy_objective - 1.0


def allocate(
    model: ForceModel,
    time_limit: float = 30.0,
    gap_limit: float = 0.0,
    workers: int = 2,
    seed: int = 0,
    tidy: bool = True,
) -> Allocation:
    """Optimise the allocation of ``model``'s units (see the module docstring).

    ``time_limit`` (seconds) or ``gap_limit`` (relative; 0: until the optimum is proven),
    whichever comes first, stop the solver; ``workers`` is CP-SAT's thread count; ``tidy``
    spends up to a fifth of the time (at most 2 s) on preferring shorter trips among
    equally good allocations. Raises ``InputError`` for a
    model that cannot be satisfied for a visible reason (a minimum presence nobody can
    reach) and ``InfeasibleError`` when the solver proves that no allocation meets the
    constraints.
    """
    inst = build_instance(model)
    greedy = allocate_greedy(inst)
    start = _start(inst, greedy.placement)
    solved = solve_cpsat(inst, start, time_limit, gap_limit, workers, seed, tidy)
    placement, status = solved.placement, solved.status
    if status == "unknown":  # no solution in time: the local-search start is kept
        status = "heuristic"
    objective = inst.objective(placement)
    if greedy.feasible and greedy.objective > objective * (1 + _PRECISION):
        # Never worse than the baseline. Within the rounding of the scaled model it is a
        # tie the solver could not see; beyond it, the solver ran out of time.
        if greedy.objective - objective > solved.slack:
            status = "greedy"
        placement, objective = dict(greedy.placement), greedy.objective
    if not inst.feasible(placement):  # the solver found nothing, and greedy broke a rule
        raise PukaraError(f"{model.source}: no allocation meeting the constraints found in "
                          f"{time_limit:g} s; allow more time")  # fmt: skip
    bound = max(solved.bound, objective)
    gap = (bound - objective) / bound if bound > 0 else 0.0
    if status == "optimal" and bound - objective > _PRECISION * bound + solved.slack:
        status = "feasible"  # CP-SAT says OPTIMAL once within gap_limit: say what is proven
    return Allocation(
        model=model.name,
        status=status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=solved.seconds + greedy.seconds,
        greedy_objective=greedy.objective,
        greedy_seconds=greedy.seconds,
        greedy_feasible=greedy.feasible,
        cost=inst.cost(placement),
        budget=inst.budget,
        assignments=tuple(explain_placement(inst, placement)),
        sectors=tuple(_covers(inst, placement)),
        placement=tuple(
            (model.units[g].id, model.sectors[s].id, n)
            for (g, s), n in sorted(placement.items())
            if n
        ),
        rounds=solved.rounds,
    )


def _start(inst: Instance, greedy: Placement) -> dict[tuple[int, int], int]:
    """The solver's hint: the best of the greedy placements (by gain, and by gain per cost
    when there is a budget), each improved by local search."""
    starts = [dict(greedy)]
    if inst.budget is not None:
        starts.append(greedy_placement(inst, per_cost=True))
    improved = [improve_placement(inst, p) for p in starts]
    return max(improved, key=lambda p: (inst.feasible(p), inst.objective(p)))


def _covers(inst: Instance, placement: Placement) -> list[SectorCover]:
    loads = inst.loads(placement)
    units = [0] * len(loads)
    for (_, s), n in placement.items():
        units[s] += n
    out = []
    for s, sector in enumerate(inst.model.sectors):
        capacity = loads[s] * CAPACITY_STEP
        out.append(SectorCover(
            id=sector.id, name=sector.name, lat=sector.lat, lon=sector.lon,
            threat=inst.threat[s], units=units[s], capacity=capacity,
            coverage=inst.cover(s, loads[s]), share=1.0 - (1.0 - inst.p[s]) ** capacity,
            min_presence=inst.min_presence.get(s, 0),
        ))  # fmt: skip
    return out
