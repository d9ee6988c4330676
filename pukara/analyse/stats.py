"""Small exact statistics for the analyses, without SciPy: Fisher's exact test for a 2x2
table and the Benjamini-Hochberg false-discovery-rate adjustment."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

__all__ = ["benjamini_hochberg", "fisher_exact"]


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the 2x2 table [[a, b], [c, d]].

    With all margins fixed, the probability of a table no more likely than the one observed
    (as ``scipy.stats.fisher_exact``). Terms come from the hypergeometric recurrence, walking
    out from the mode and stopping once the rest is negligible, so large counts stay fast.
    """
    if min(a, b, c, d) < 0:
        raise ValueError(f"negative count in [[{a}, {b}], [{c}, {d}]]")
    row, col, n = a + b, a + c, a + b + c + d
    lo, hi = max(0, row + col - n), min(row, col)
    if lo == hi:
        return 1.0
    mode = min(hi, max(lo, (row + 1) * (col + 1) // (n + 2)))
    log_mode = _log_hypergeom(mode, row, col, n)
    cutoff = math.exp(_log_hypergeom(a, row, col, n) - log_mode) * (1 + 1e-7)

    def up(x: int) -> float:  # P(x + 1) / P(x)
        return (row - x) * (col - x) / ((x + 1) * (n - row - col + x + 1))

    def down(x: int) -> float:  # P(x - 1) / P(x)
        return x * (n - row - col + x) / ((row - x + 1) * (col - x + 1))

    total = _tail(mode, hi, 1, up, cutoff) + _tail(mode, lo, -1, down, cutoff)
    total -= 1.0 if cutoff >= 1.0 else 0.0  # the mode was counted by both walks
    return min(1.0, total * math.exp(log_mode))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q


def _log_hypergeom(x: int, row: int, col: int, n: int) -> float:
    return _log_choose(col, x) + _log_choose(n - col, row - x) - _log_choose(n, row)


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _tail(start: int, bound: int, step: int, ratio: Callable[[int], float], cutoff: float) -> float:
    """Sum of P(x)/P(mode) for x from ``start`` towards ``bound`` where it is <= cutoff.
    Terms only shrink away from the mode, so once they are included and negligible, stop."""
    total, term, x = 0.0, 1.0, start
    while True:
        if term <= cutoff:
            total += term
            if term == 0.0 or term < total * 1e-17:
                return total
        if x == bound:
            return total
        term *= ratio(x)
        x += step
