"""Properties of the optimiser on random small models (invented): it finds the optimum
that exhaustive search finds, never does worse than greedy, more units never lower the
optimum, and what it returns meets every constraint."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pukara.errors import InputError
from pukara.plan import ForceModel, InfeasibleError, allocate, allocate_greedy
from pukara.plan.coverage import build_instance

from .tiny import LAT, LON, brute_force, group, model, sector

MODES = ("road", "river", "air")


@st.composite
def small_models(draw: st.DrawFn) -> ForceModel:
    n_sectors = draw(st.integers(1, 3))
    sectors = [
        sector(
            f"s{i}",
            draw(st.floats(0, 10)),
            lat=LAT + draw(st.floats(-2, 2)),
            lon=LON + draw(st.floats(-2, 2)),
            access=draw(st.sets(st.sampled_from(MODES), min_size=1)),
            p=draw(st.none() | st.floats(0.05, 0.9)),
        )
        for i in range(n_sectors)
    ]
    groups = []
    left = 4  # at most four units in all, so that exhaustive search stays small
    for i in range(draw(st.integers(1, 3))):
        if left == 0:
            break
        count = draw(st.integers(1, min(2, left)))
        left -= count
        speeds = {
            m: draw(st.sampled_from([20.0, 40.0, 200.0]))
            for m in draw(st.sets(st.sampled_from(MODES), min_size=1))
        }
        groups.append(
            group(
                f"g{i}",
                count,
                capacity=draw(st.sampled_from([0.5, 0.6, 0.8, 1.0])),
                cost=draw(st.sampled_from([1.0, 2.0, 3.0])),
                speeds=speeds,
                lat=LAT + draw(st.floats(-2, 2)),
                lon=LON + draw(st.floats(-2, 2)),
            )
        )
    minimum = {}
    if draw(st.booleans()):
        minimum[sectors[0].id] = 1
    return model(
        sectors,
        groups,
        p=draw(st.floats(0.05, 0.9)),
        budget=draw(st.none() | st.sampled_from([1.0, 2.0, 3.0, 5.0, 8.0])),
        max_travel_hours=draw(st.none() | st.floats(3, 40)),
        min_presence=minimum,
    )


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _solve(m: ForceModel) -> float | None:
    """The optimum, or None when the model has no feasible allocation."""
    try:
        result = allocate(m, gap_limit=0, tidy=False, time_limit=20)
    except (InputError, InfeasibleError):
        return None
    assert result.status == "optimal"
    return result.objective


@SETTINGS
@given(small_models())
def test_optimum_matches_exhaustive_search(m: ForceModel) -> None:
    found = _solve(m)
    best = brute_force(build_instance(m)) if _buildable(m) else -1.0
    if best < 0:  # no feasible allocation: refused before or by the solver
        assert found is None
        return
    assert found == pytest.approx(best, rel=1e-6, abs=1e-9)


def _buildable(m: ForceModel) -> bool:
    try:
        build_instance(m)
    except InputError:
        return False
    return True


@SETTINGS
@given(small_models())
def test_never_worse_than_greedy_and_always_feasible(m: ForceModel) -> None:
    if not _buildable(m):
        return
    inst = build_instance(m)
    greedy = allocate_greedy(inst)
    try:
        result = allocate(m, gap_limit=0, tidy=False)
    except InfeasibleError:
        assert not greedy.feasible
        return
    if greedy.feasible:
        assert result.objective >= greedy.objective - 1e-9
    gi = {g.id: i for i, g in enumerate(m.units)}
    si = {s.id: i for i, s in enumerate(m.sectors)}
    placement = {(gi[g], si[s]): n for g, s, n in result.placement}
    assert inst.feasible(placement)
    assert inst.objective(placement) == pytest.approx(result.objective)


@SETTINGS
@given(small_models(), st.data())
def test_more_units_never_lower_the_optimum(m: ForceModel, data: st.DataObject) -> None:
    before = _solve(m)
    g = data.draw(st.integers(0, len(m.units) - 1))
    units = list(m.units)
    units[g] = dataclasses.replace(units[g], count=units[g].count + 1)
    after = _solve(dataclasses.replace(m, units=tuple(units)))
    if before is not None:
        assert after is not None
        assert after >= before - 1e-9 * (1 + before)
