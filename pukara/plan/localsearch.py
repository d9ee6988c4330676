"""Improve a placement by single-unit moves: the optimiser's starting point.

In: an ``Instance`` and a feasible placement. Out: a placement at least as good, where no
single move below improves coverage without breaking a constraint:

- *move*: one unit to another sector it reaches;
- *swap*: one unit back to reserve and one reserve unit of another group to the best
  sector it reaches, when the budget allows the exchange (a cheaper unit for a dearer one);
- *add*: one reserve unit to its best sector, when the budget allows.

The best improving move is applied each step (steepest ascent) until none is left or
``max_steps`` is reached. A unit never leaves a sector at its minimum presence. Gains are
exact except where a swap's two units would meet in one sector; such swaps are skipped.
"""

from __future__ import annotations

from pukara.plan.coverage import Instance, Placement

__all__ = ["improve_placement"]

_EPS = 1e-12


def improve_placement(
    inst: Instance, placement: Placement, max_steps: int = 1000
) -> dict[tuple[int, int], int]:
    """Steepest-ascent local search from ``placement`` (see the module docstring)."""
    state = _Search(inst, placement)
    for _ in range(max_steps):
        if not state.step():
            break
    return {key: n for key, n in state.placement.items() if n}


class _Search:
    def __init__(self, inst: Instance, placement: Placement) -> None:
        self.inst = inst
        self.placement = {key: n for key, n in placement.items() if n}
        self.k = inst.loads(self.placement)
        self.present = [0] * len(self.k)
        self.used = [0] * len(inst.counts)
        for (g, s), n in self.placement.items():
            self.present[s] += n
            self.used[g] += n
        budget = inst.budget if inst.budget is not None else float("inf")
        self.money = budget - inst.cost(self.placement)

    def top2(self, g: int) -> tuple[tuple[int, float], tuple[int, float]]:
        """The two sectors where one more unit of ``g`` adds most, with the gains."""
        first, second = (-1, 0.0), (-1, 0.0)
        for r in self.inst.sectors_of.get(g, ()):
            v = self.inst.gain(r, self.k[r], g)
            if v > first[1]:
                first, second = (r, v), first
            elif v > second[1]:
                second = (r, v)
        return first, second

    def step(self) -> bool:
        inst = self.inst
        best = {g: self.top2(g) for g in range(len(inst.counts))}
        spare = [g for g in best if self.used[g] < inst.counts[g]]
        choice: tuple[float, tuple[int, ...]] = (_EPS, ())
        for g in spare:  # add a reserve unit
            r, v = best[g][0]
            if r >= 0 and inst.costs[g] <= self.money + 1e-9 and v > choice[0]:
                choice = (v, (g, r))
        for (g1, s1), n in self.placement.items():
            if not n or self.present[s1] <= inst.min_presence.get(s1, 0):
                continue
            loss = inst.cover(s1, self.k[s1]) - inst.cover(s1, self.k[s1] - inst.points[g1])
            first, second = best[g1]
            r, v = second if first[0] == s1 else first
            if r >= 0 and v - loss > choice[0]:  # move it
                choice = (v - loss, (g1, r, g1, s1))
            for g2 in spare:  # swap it for a reserve unit of another group
                r2, v2 = best[g2][0]
                affordable = inst.costs[g2] <= self.money + inst.costs[g1] + 1e-9
                if g2 != g1 and r2 >= 0 and r2 != s1 and affordable and v2 - loss > choice[0]:
                    choice = (v2 - loss, (g2, r2, g1, s1))
        if not choice[1]:
            return False
        self._apply(choice[1])
        return True

    def _apply(self, move: tuple[int, ...]) -> None:
        g_in, s_in = move[0], move[1]
        if len(move) == 4:
            g_out, s_out = move[2], move[3]
            self.placement[(g_out, s_out)] -= 1
            self.k[s_out] -= self.inst.points[g_out]
            self.present[s_out] -= 1
            self.used[g_out] -= 1
            self.money += self.inst.costs[g_out]
        self.placement[(g_in, s_in)] = self.placement.get((g_in, s_in), 0) + 1
        self.k[s_in] += self.inst.points[g_in]
        self.present[s_in] += 1
        self.used[g_in] += 1
        self.money -= self.inst.costs[g_in]
