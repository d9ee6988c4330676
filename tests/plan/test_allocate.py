"""allocate(): optima worked out by hand, constraints that bind, explanations, greedy.

Every model here is invented (tests/plan/tiny.py); coverage of a sector with k effective
units is threat * (1 - (1 - p) ** k).
"""

from __future__ import annotations

import json

import pytest

from pukara.errors import InputError
from pukara.plan import (
    EXAMPLE_MODEL,
    InfeasibleError,
    allocate,
    allocate_greedy,
    allocation_geojson,
    allocation_json,
    load_model,
)
from pukara.plan.coverage import build_instance

from .tiny import LAT, group, model, sector


def _units_in(result: object) -> dict[str, int]:
    return {s.id: s.units for s in result.sectors}


def test_two_sectors_three_units_split_by_hand() -> None:
    """A (threat 10) and B (threat 6), p = 0.5, three identical units.

    Marginal gains: in A 5, 2.5, 1.25; in B 3, 1.5, 0.75. The three largest are 5 (A),
    3 (B) and 2.5 (A): two units in A, one in B, objective 7.5 + 3 = 10.5. Every other
    split is worse: 3+0 -> 8.75, 1+2 -> 9.5, 0+3 -> 5.25.
    """
    m = model([sector("a", 10), sector("b", 6)], [group("bat", 3)], p=0.5)
    result = allocate(m, gap_limit=0)
    assert result.status == "optimal"
    assert result.objective == pytest.approx(10.5)
    assert result.bound == pytest.approx(10.5, rel=1e-6)
    assert result.gap == pytest.approx(0, abs=1e-6)
    assert _units_in(result) == {"a": 2, "b": 1}
    assert [a.unit for a in result.assignments] == ["bat-1", "bat-2", "bat-3"]
    assert {a.reason for a in result.assignments} == {"best"}
    in_b = next(a for a in result.assignments if a.sector == "b")
    # Leaving B loses 3; in A a third unit would add 1.25.
    assert (in_b.gain, in_b.next_sector, in_b.next_gain) == pytest.approx((3.0, "a", 1.25))
    assert "adds 3 in B vs 1.25 in A (next best)" in in_b.why


def test_minimum_presence_forces_a_worse_split_and_says_so() -> None:
    """As above with at least two units in B: 1 in A + 2 in B = 5 + 4.5 = 9.5 < 10.5.

    Each unit in B adds 1.5 there but would add 2.5 as A's second unit: the minimum
    presence holds it, and the explanation names it."""
    m = model([sector("a", 10), sector("b", 6)], [group("bat", 3)], p=0.5, min_presence={"b": 2})
    result = allocate(m, gap_limit=0)
    assert result.objective == pytest.approx(9.5)
    assert _units_in(result) == {"a": 1, "b": 2}
    held = [a for a in result.assignments if a.sector == "b"]
    assert [a.reason for a in held] == ["min_presence", "min_presence"]
    assert held[0].gain == pytest.approx(1.5) and held[0].next_gain == pytest.approx(2.5)
    assert "minimum presence of 2 in B" in held[0].why


def test_unreachable_sector_never_gets_a_unit() -> None:
    """C has the highest threat but only river access; the units only move by road."""
    m = model([sector("a", 1), sector("c", 100, access=["river"])], [group("bat", 3)])
    result = allocate(m, gap_limit=0)
    assert _units_in(result) == {"a": 3, "c": 0}
    assert all(a.sector == "a" and a.reason == "only_reachable" for a in result.assignments)


def test_travel_time_limit_excludes_far_sectors() -> None:
    """B is 3 degrees (333 km; x 1.4 road detour / 40 km/h = 11.7 h) from the base."""
    far = sector("b", 100, lat=LAT - 3)
    near = model([sector("a", 1), far], [group("bat", 1)], max_travel_hours=12)
    strict = model([sector("a", 1), far], [group("bat", 1)], max_travel_hours=11)
    assert _units_in(allocate(near, gap_limit=0))["b"] == 1
    assert _units_in(allocate(strict, gap_limit=0))["b"] == 0
    (only,) = allocate(near, gap_limit=0).assignments
    assert only.mode == "road" and only.hours == pytest.approx(11.66, abs=0.05)


def test_no_reachable_sector_keeps_the_unit_in_reserve() -> None:
    m = model(
        [sector("a", 5, access=["air"])], [group("bat", 1), group("heli", 1, speeds={"air": 200})]
    )
    result = allocate(m, gap_limit=0)
    bat, heli = result.assignments
    assert (bat.sector, bat.reason) == (None, "unreachable")
    assert "no sector by road" in bat.why
    assert (heli.sector, heli.reason) == ("a", "only_reachable")


def test_budget_binds() -> None:
    """Units cost 2 and the budget is 4: two of the three go (A and B: 5 + 3 = 8)."""
    m = model([sector("a", 10), sector("b", 6)], [group("bat", 3, cost=2)], p=0.5, budget=4)
    result = allocate(m, gap_limit=0)
    assert result.objective == pytest.approx(8.0)
    assert result.cost == pytest.approx(4.0)
    reserve = [a for a in result.assignments if a.sector is None]
    assert len(reserve) == 1 and reserve[0].reason == "budget"
    assert "budget left 0 is below its cost 2" in reserve[0].why


def test_greedy_baseline_spends_the_budget_badly() -> None:
    """Budget 3. Greedy takes the helicopter first (same gain 5 as a police company, listed
    first) and has nothing left: 5. The optimum sends the two cheaper companies, one to
    each sector: 5 + 5 = 10."""
    units = [group("heli", 1, cost=3), group("police", 2, cost=1.5)]
    m = model([sector("a", 10), sector("b", 10)], units, p=0.5, budget=3)
    greedy = allocate_greedy(m)
    assert greedy.objective == pytest.approx(5.0) and greedy.feasible
    result = allocate(m, gap_limit=0)
    assert result.objective == pytest.approx(10.0)
    assert result.greedy_objective == pytest.approx(5.0)
    assert result.improvement == pytest.approx(1.0)


def test_capacities_add_up_in_quarter_steps() -> None:
    """One battalion (1.0) and one riverine unit (0.6 -> 0.5 in quarter steps) in one
    sector of threat 8, p 0.5: 8 * (1 - 0.5 ** 1.5)."""
    units = [group("bat", 1), group("riv", 1, capacity=0.6)]
    result = allocate(model([sector("a", 8)], units, p=0.5), gap_limit=0)
    assert result.sectors[0].capacity == pytest.approx(1.5)
    assert result.objective == pytest.approx(8 * (1 - 0.5**1.5))


def test_sector_p_overrides_the_model_p() -> None:
    m = model([sector("a", 10, p=0.9), sector("b", 10)], [group("bat", 1)], p=0.1)
    assert _units_in(allocate(m, gap_limit=0)) == {"a": 1, "b": 0}


def test_unmeetable_minimum_presence_is_one_line_input_error() -> None:
    m = model(
        [sector("a", 1), sector("c", 1, access=["river"])], [group("bat", 2)], min_presence={"c": 1}
    )
    with pytest.raises(InputError) as err:
        allocate(m)
    assert "constraints.min_presence.c" in str(err.value) and "\n" not in str(err.value)
    assert "only 0 can reach c" in str(err.value)


def test_budget_below_the_minimum_presences_is_an_input_error() -> None:
    m = model([sector("a", 1)], [group("bat", 2, cost=5)], min_presence={"a": 2}, budget=9)
    with pytest.raises(InputError, match=r"constraints\.budget: 9 is below 10"):
        allocate(m)


def test_jointly_impossible_minimum_presences_raise_infeasible() -> None:
    """Each sector alone can get its two units, but three units cannot serve both."""
    m = model([sector("a", 1), sector("b", 1)], [group("bat", 3)], min_presence={"a": 2, "b": 2})
    with pytest.raises(InfeasibleError, match="no allocation meets the minimum presences"):
        allocate(m)


def test_missing_threat_is_an_input_error() -> None:
    m = model([sector("a", 1), sector("b", None)], [group("bat", 1)])
    with pytest.raises(InputError, match=r"sectors\[1\]: b: threat missing"):
        build_instance(m)


def test_example_model_allocation() -> None:
    """The bundled example (demo data): constraints hold and the result is explained."""
    forces = load_model(EXAMPLE_MODEL)
    result = allocate(forces)
    assert result.status == "optimal" and result.gap <= 1e-6
    assert result.objective >= result.greedy_objective
    assert result.cost <= 40
    units = _units_in(result)
    assert units["vraem"] >= 3
    assert len(result.assignments) == forces.n_units == 20
    riverine = [a for a in result.assignments if a.type == "riverine unit"]
    assert all(a.sector != "callao" for a in riverine)  # no river reaches the port
    assert all(a.mode == "river" for a in riverine if a.sector)
    for a in result.assignments:
        assert a.why and a.reason in {"best", "only_reachable", "min_presence", "budget"}
    data = json.loads(json.dumps(allocation_json(result)))
    assert data["greedy"]["objective"] == pytest.approx(result.greedy_objective)
    assert len(data["units"]) == 20 and len(data["sectors"]) == 10
    geo = allocation_geojson(result)
    kinds = [f["properties"]["kind"] for f in geo["features"]]
    assert kinds.count("sector") == 10
    assert kinds.count("unit") == sum(1 for a in result.assignments if a.sector)
    for f in geo["features"]:
        for lon, lat in (
            [f["geometry"]["coordinates"]]
            if f["geometry"]["type"] == "Point"
            else f["geometry"]["coordinates"]
        ):
            assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_tidy_pass_sends_the_nearest_of_equal_units() -> None:
    """Two identical battalions, one beside A and one 2 degrees away; one unit needed
    (budget 1). Coverage is the same either way; the near one goes."""
    units = [group("far", 1, lat=LAT - 2), group("near", 1)]
    m = model([sector("a", 5)], units, budget=1)
    result = allocate(m, gap_limit=0)
    sent = [a.unit for a in result.assignments if a.sector]
    assert sent == ["near"]
