"""The pieces under allocate(): travel and reach, both CP-SAT formulations, the re-solve
when a sector outgrows its chords, local search, and the synthetic generator."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from pukara.plan import ForceModel, allocate, synthetic_model
from pukara.plan import cpsat as cpsat_module
from pukara.plan.coverage import build_instance
from pukara.plan.cpsat import solve_cpsat
from pukara.plan.greedy import allocate_greedy
from pukara.plan.localsearch import improve_placement
from pukara.plan.travel import distance_km, reach_table

from .test_properties import small_models
from .tiny import LAT, LON, brute_force, group, model, sector


def test_distance_of_one_degree_of_latitude() -> None:
    assert float(distance_km(0.0, 0.0, 1.0, 0.0)) == pytest.approx(111.19, abs=0.01)
    assert float(distance_km(LAT, LON, LAT, LON)) == 0.0


def test_reach_takes_the_fastest_shared_mode() -> None:
    """B is 1 degree south: by road 111.2 x 1.4 / 40 = 3.9 h, by air 111.2 / 200 = 0.56 h;
    C has no air access, so road; D only river, which the group lacks."""
    m = model(
        [sector("b", 1, lat=LAT - 1, access=["road", "air"]), sector("c", 1, lat=LAT - 1),
         sector("d", 1, access=["river"])],
        [group("g", 1, speeds={"road": 40, "air": 200})],
    )  # fmt: skip
    routes = reach_table(m)
    assert (routes[(0, 0)].mode, routes[(0, 1)].mode) == ("air", "road")
    assert routes[(0, 0)].hours == pytest.approx(0.556, abs=0.01)
    assert routes[(0, 1)].hours == pytest.approx(3.89, abs=0.01)
    assert (0, 2) not in routes


@pytest.mark.parametrize("unary_max", [0, 10**9], ids=["chords", "unary"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=small_models())
def test_both_formulations_find_the_exhaustive_optimum(unary_max: int, m: ForceModel) -> None:
    try:
        inst = build_instance(m)
    except Exception:  # noqa: BLE001 - models refused up front are tested elsewhere
        return
    best = brute_force(inst)
    if best < 0:
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cpsat_module, "_UNARY_MAX", unary_max)
        greedy = allocate_greedy(inst)
        hint = greedy.placement if greedy.feasible else {}
        result = solve_cpsat(inst, hint, gap_limit=0, tidy=False)
    assert inst.objective(result.placement) == pytest.approx(best, rel=1e-6, abs=result.slack)
    assert result.bound >= best - result.slack


@pytest.mark.parametrize("unary_max", [0, 10**9], ids=["chords", "unary"])
def test_a_sector_that_outgrows_its_chords_is_solved_again(unary_max: int) -> None:
    """From an empty hint each sector is valued exactly up to two units; the optimum puts
    all ten units in the one sector, so a second solve with more points is needed."""
    m = model([sector("a", 10)], [group("bat", 10)], p=0.1)
    inst = build_instance(m)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cpsat_module, "_UNARY_MAX", unary_max)
        result = solve_cpsat(inst, {}, gap_limit=0, tidy=False)
    assert result.rounds >= 2
    assert result.placement == {(0, 0): 10}
    assert result.bound == pytest.approx(10 * (1 - 0.9**10), rel=1e-6)


def test_local_search_moves_and_swaps_units() -> None:
    """From poor starts. Both battalions in A (5 + 2.5): one moves to B (5 + 5). With a
    budget for one unit, the helicopter in A (capacity 0.5: 10 * (1 - 0.5 ** 0.5) = 2.93)
    is swapped for the reserve battalion of the same cost (5)."""
    units = [group("bat", 2, cost=3), group("heli", 1, capacity=0.5, cost=3)]
    sectors = [sector("a", 10), sector("b", 10)]
    loose = build_instance(model(sectors, units[:1], p=0.5))
    assert improve_placement(loose, {(0, 0): 2}) == {(0, 0): 1, (0, 1): 1}
    tight = build_instance(model(sectors, units, p=0.5, budget=3))
    swapped = improve_placement(tight, {(1, 0): 1})
    assert swapped in ({(0, 0): 1}, {(0, 1): 1}) and tight.feasible(swapped)


def test_local_search_never_breaks_a_minimum_presence() -> None:
    m = model([sector("a", 10), sector("b", 1)], [group("bat", 2)], p=0.5, min_presence={"b": 2})
    inst = build_instance(m)
    placement = improve_placement(inst, {(0, 1): 2})
    assert placement == {(0, 1): 2}


def test_synthetic_model_is_reproducible_and_marked() -> None:
    one, two = synthetic_model(300, 40, seed=5), synthetic_model(300, 40, seed=5)
    assert one == two and one != synthetic_model(300, 40, seed=6)
    assert len(one.sectors) == 300 and one.n_units == 40 and "SYNTHETIC" in one.note
    assert len(one.constraints.min_presence) == 10
    result = allocate(one, time_limit=20, gap_limit=0.01)
    assert result.gap <= 0.01 and result.objective >= result.greedy_objective
    assert result.cost <= (one.constraints.budget or 0) + 1e-9
