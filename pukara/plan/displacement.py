"""Displacement ("balloon effect"): project activity per sector under a what-if.

In: a ``ForceModel``, a ``Scenario`` (unit moves relative to a baseline allocation, by
default ``allocate(model)``), periods, Monte Carlo runs and a seed. Out: a ``Simulation``:
for every sector and period the p10/p50/p90 of activity under the baseline and under the
scenario, the paired change at the last period, airstrips, totals, and notes. The same
seed gives the same result.

Model (``METHOD``). Per sector s: activity A_s (starts at ``Sector.activity``, default its
threat), airstrips H_s (starts at ``Sector.airstrips``), pressure P_s = summed capacity of
the units there (effective units, constant over the periods). Per run, four parameters
are drawn uniformly from ``Ranges`` (defaults in brackets):

- q in [0.03, 0.10]: share of a sector's activity one effective unit suppresses per
  period (with quarterly periods, one battalion held for a year suppresses 11-34%);
- d in [0.40, 0.80]: share of suppressed activity that moves rather than disappears;
- L in [150, 450] km: distance over which the pull of a destination falls by e;
- rho in [0.20, 0.50]: chance per period that a destroyed airstrip is rebuilt.

Each period:

1. airstrips: Binomial(D_s, rho) destroyed ones are rebuilt, then Binomial(H_s, sigma_s)
   standing ones are destroyed, where sigma_s = 1 - (1 - q) ** P_s;
2. suppressed activity S_s = sigma_s * A_s; a share (1 - d) of it is gone for good
   (eradicated, seized, abandoned), d of it moves;
3. it moves to r != s with weight K_sr * u_r * a_r * (1 - sigma_r): K_sr = exp(-dist/L)
   if r is within ``displacement_km`` and shares an access mode with s (else 0);
   suitability u_r = 0.25 + 0.75 * A_r(0) / max A(0) (existing activity); access
   a_r = (1 + road + river + air) / 4, where air = H_r / H_r(0) for a sector with
   airstrips (destroyed ones stop pulling, rebuilt ones pull again), else 1 if reachable
   by air; pressured sectors attract less (1 - sigma_r). With no destination, it stays.

So total activity never rises: sum A(t+1) = sum A(t) - (1 - d) * sum S_s, equal when
nothing is pressured, and every A_s stays >= 0. A period is the model's unit of time
(the example reads it as a quarter). The ranges are assumptions to be argued with, not
estimates; the bands show how much the answer depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from pukara.plan.allocate import Allocation, allocate
from pukara.plan.records import CAPACITY_STEP, ForceModel
from pukara.plan.scenario import Move, Placement, Scenario, apply_moves
from pukara.plan.travel import sector_distances

__all__ = ["METHOD", "Band", "Ranges", "SectorProjection", "Simulation", "simulate"]

METHOD = __doc__.split("Model (``METHOD``). ", 1)[1] if __doc__ else ""
_CELLS = 2_000_000  # runs x sectors x sectors per chunk: bounds memory


@dataclass(frozen=True, slots=True)
class Ranges:
    """Uniform ranges of the per-run parameters (see the module docstring)."""

    suppression: tuple[float, float] = (0.03, 0.10)  # q, per effective unit per period
    displaced: tuple[float, float] = (0.40, 0.80)  # d
    decay_km: tuple[float, float] = (150.0, 450.0)  # L
    rebuild: tuple[float, float] = (0.20, 0.50)  # rho, per destroyed airstrip per period


@dataclass(frozen=True, slots=True)
class Band:
    """The 10th, 50th and 90th percentiles over the runs."""

    p10: float
    p50: float
    p90: float


@dataclass(frozen=True, slots=True)
class SectorProjection:
    """One sector: pressure, activity per period (0..periods) under both, the change."""

    id: str
    name: str
    lat: float
    lon: float
    pressure_baseline: float  # effective units present
    pressure_scenario: float
    baseline: tuple[Band, ...]
    scenario: tuple[Band, ...]
    change: Band  # scenario - baseline at the last period, paired run by run
    airstrips: tuple[Band, ...]  # standing airstrips per period under the scenario


@dataclass(frozen=True, slots=True)
class Simulation:
    """Projected activity per sector and period for a baseline and a what-if."""

    model: str
    scenario: str
    periods: int
    runs: int
    seed: int
    moves: tuple[Move, ...]
    sectors: tuple[SectorProjection, ...]
    total_baseline: tuple[Band, ...]
    total_scenario: tuple[Band, ...]
    notes: tuple[str, ...]
    ranges: Ranges


def simulate(
    model: ForceModel,
    scenario: Scenario,
    periods: int = 8,
    runs: int = 500,
    seed: int = 0,
    baseline: Allocation | None = None,
    ranges: Ranges | None = None,
) -> Simulation:
    """Run the baseline and the scenario ``runs`` times each over ``periods`` periods."""
    ranges = ranges or Ranges()
    baseline = baseline or allocate(model, seed=seed)
    after, notes = apply_moves(model, baseline.placement, scenario)
    before, _ = apply_moves(model, baseline.placement, Scenario("baseline", ()))
    draws = _draws(np.random.default_rng(seed), runs, ranges)
    world = _World(model)
    p_before, p_after = _pressure(model, before), _pressure(model, after)
    base_a, _ = world.run(p_before, draws, periods, seed)
    scen_a, scen_h = world.run(p_after, draws, periods, seed)
    sectors = tuple(
        SectorProjection(
            id=s.id,
            name=s.name,
            lat=s.lat,
            lon=s.lon,
            pressure_baseline=float(p_before[i]),
            pressure_scenario=float(p_after[i]),
            baseline=_bands(base_a[:, :, i]),
            scenario=_bands(scen_a[:, :, i]),
            change=_bands(scen_a[:, -1:, i] - base_a[:, -1:, i])[0],
            airstrips=_bands(scen_h[:, :, i]),
        )
        for i, s in enumerate(model.sectors)
    )
    return Simulation(
        model=model.name, scenario=scenario.name, periods=periods, runs=runs, seed=seed,
        moves=scenario.moves, sectors=sectors, total_baseline=_bands(base_a.sum(axis=2)),
        total_scenario=_bands(scen_a.sum(axis=2)), notes=tuple(notes), ranges=ranges,
    )  # fmt: skip


def _pressure(model: ForceModel, placement: Placement) -> NDArray[np.float64]:
    """Effective units per sector (capacities in the optimiser's steps)."""
    index = {s.id: i for i, s in enumerate(model.sectors)}
    cap = {g.id: max(1, round(g.capacity / CAPACITY_STEP)) * CAPACITY_STEP for g in model.units}
    out = np.zeros(len(model.sectors))
    for (group, sector), n in placement.items():
        if sector in index:
            out[index[sector]] += n * cap[group]
    return out


def _draws(rng: np.random.Generator, runs: int, ranges: Ranges) -> NDArray[np.float64]:
    """Per run: q, d, L, rho (columns), uniform within the ranges."""
    cols = [ranges.suppression, ranges.displaced, ranges.decay_km, ranges.rebuild]
    return np.column_stack([rng.uniform(lo, hi, runs) for lo, hi in cols])


def _bands(x: NDArray[np.float64]) -> tuple[Band, ...]:
    """Percentiles over runs (axis 0) for each period (axis 1)."""
    q = np.percentile(x, [10, 50, 90], axis=0)
    return tuple(Band(float(a), float(b), float(c)) for a, b, c in zip(*q, strict=True))


class _World:
    """What does not change between runs: distances, reachability, suitability, access."""

    def __init__(self, model: ForceModel) -> None:
        sectors = model.sectors
        self.dist = sector_distances(model)
        access = [s.access for s in sectors]
        share = np.array([[bool(a & b) for b in access] for a in access])
        self.link = share & (self.dist <= model.constraints.displacement_km)
        np.fill_diagonal(self.link, False)
        self.a0 = np.array([s.start_activity for s in sectors], dtype=float)
        top = self.a0.max() if len(self.a0) and self.a0.max() > 0 else 1.0
        self.suit = 0.25 + 0.75 * self.a0 / top
        self.ground = np.array([("road" in a) + ("river" in a) for a in access], dtype=float)
        self.h0 = np.array([s.airstrips for s in sectors], dtype=np.int64)
        self.air = np.array([float("air" in a) for a in access])

    def run(
        self, pressure: NDArray[np.float64], draws: NDArray[np.float64], periods: int, seed: int
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Activity and airstrips, shape (runs, periods + 1, sectors)."""
        n = len(self.a0)
        chunk = max(1, _CELLS // max(1, n * n))
        rng = np.random.default_rng([seed, 1])  # airstrip draws; same stream for both arms
        parts = [self._chunk(pressure, draws[i : i + chunk], periods, rng)
                 for i in range(0, len(draws), chunk)]  # fmt: skip
        return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))

    def _chunk(
        self, pressure: NDArray[np.float64], draws: NDArray[np.float64], periods: int,
        rng: np.random.Generator,
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:  # fmt: skip
        runs, n = len(draws), len(self.a0)
        q, d, decay, rebuild = (draws[:, j : j + 1] for j in range(4))
        sigma = 1.0 - (1.0 - q) ** pressure[None, :]  # (runs, n)
        kernel = np.exp(-self.dist[None, :, :] / decay[:, :, None]) * self.link[None]
        act = np.empty((runs, periods + 1, n))
        strips = np.empty((runs, periods + 1, n))
        a = np.broadcast_to(self.a0, (runs, n)).copy()
        h = np.broadcast_to(self.h0, (runs, n)).copy()
        down = np.zeros_like(h)
        act[:, 0], strips[:, 0] = a, h
        for t in range(1, periods + 1):
            back = rng.binomial(down, np.broadcast_to(rebuild, down.shape))
            h, down = h + back, down - back
            hit = rng.binomial(h, sigma)
            h, down = h - hit, down + hit
            air = np.where(self.h0 > 0, h / np.maximum(self.h0, 1), self.air[None, :])
            pull = self.suit * (1.0 + self.ground + air) / 4.0 * (1.0 - sigma)  # (runs, n)
            weight = kernel * pull[:, None, :]  # (runs, from, to)
            total = weight.sum(axis=2)
            suppressed = sigma * a
            moving = d * suppressed
            stays = np.where(total > 0, 0.0, moving)  # nowhere to go: it stays
            share = np.divide(weight, total[:, :, None], out=np.zeros_like(weight),
                              where=total[:, :, None] > 0)  # fmt: skip
            a = a - suppressed + stays + np.einsum("rf,rft->rt", moving - stays, share)
            act[:, t], strips[:, t] = a, h
        return act, strips
