"""simulate(): the balloon effect on the example, the model's invariants (activity never
rises in total, is conserved without pressure, stays >= 0), seeds, airstrips and outputs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pukara.errors import InputError
from pukara.plan import (
    EXAMPLE_MODEL,
    EXAMPLE_SCENARIO,
    METHOD,
    Ranges,
    Scenario,
    allocate,
    load_model,
    load_scenario,
    parse_move,
    render_simulation_chart,
    simulate,
    simulation_geojson,
    simulation_json,
    simulation_rows,
)
from pukara.plan.displacement import _draws, _World

from .tiny import LAT, LON, group, model, sector


@pytest.fixture(scope="module")
def example() -> tuple[object, object]:
    forces = load_model(EXAMPLE_MODEL)
    return forces, allocate(forces)


@pytest.fixture(scope="module")
def sim(example: tuple[object, object]) -> object:
    forces, baseline = example
    return simulate(
        forces, load_scenario(EXAMPLE_SCENARIO), periods=8, runs=300, seed=7, baseline=baseline
    )


def test_moving_battalions_shows_the_balloon(sim: object) -> None:
    """Two battalions from VRAEM to Putumayo: VRAEM keeps more activity, Putumayo less,
    and Putumayo's reachable, unpressured neighbours (triple frontier, Yavarí) gain."""
    by = {s.id: s for s in sim.sectors}
    assert by["vraem"].pressure_scenario == by["vraem"].pressure_baseline - 2
    assert by["putumayo"].pressure_scenario == by["putumayo"].pressure_baseline + 2
    assert by["vraem"].change.p10 > 0
    assert by["putumayo"].change.p90 < 0
    assert by["yavari"].change.p50 > 0 and by["bajo-amazonas"].change.p50 > 0
    for s in by.values():
        assert len(s.baseline) == len(s.scenario) == 9
        assert all(b.p10 <= b.p50 <= b.p90 for b in (*s.baseline, *s.scenario, s.change))
        assert s.baseline[0] == s.scenario[0]  # same start
    assert any("vraem" in note and "minimum presence of 3" in note for note in sim.notes)


def test_same_seed_same_result(example: tuple[object, object]) -> None:
    forces, baseline = example
    what = Scenario("x", (parse_move("1 police company vraem->la-convencion"),))
    one = simulate(forces, what, periods=3, runs=50, seed=3, baseline=baseline)
    two = simulate(forces, what, periods=3, runs=50, seed=3, baseline=baseline)
    other = simulate(forces, what, periods=3, runs=50, seed=4, baseline=baseline)
    assert one == two
    assert one != other


def test_no_pressure_conserves_activity() -> None:
    """No units anywhere: nothing is suppressed, nothing moves, airstrips stand."""
    m = model([sector("a", 3, airstrips=4), sector("b", 1, lat=LAT - 1)], [group("bat", 1)])
    result = simulate(
        m, Scenario("withdraw", (parse_move("1 battalion a->reserve"),)), periods=4, runs=20
    )
    a = result.sectors[0]
    assert a.pressure_baseline == 1 and a.pressure_scenario == 0
    assert all(b.p10 == b.p90 == 3 for b in a.scenario)
    assert all(b.p50 == 4 for b in a.airstrips)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[object, np.ndarray]:
    n = draw(st.integers(1, 5))
    sectors = [
        sector(
            f"s{i}",
            draw(st.floats(0, 10)),
            lat=LAT + draw(st.floats(-5, 5)),
            lon=LON + draw(st.floats(-5, 5)),
            access=draw(st.sets(st.sampled_from(["road", "river", "air"]), min_size=1)),
            airstrips=draw(st.integers(0, 6)),
        )
        for i in range(n)
    ]
    pressure = np.array([draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])) for _ in range(n)])
    return model(sectors, [group("g", 1)]), pressure


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), st.integers(0, 2**16))
def test_total_activity_never_rises_and_stays_non_negative(
    world: tuple[object, np.ndarray], seed: int
) -> None:
    """sum A(t+1) = sum A(t) - (1 - d) * suppressed <= sum A(t); equal without pressure."""
    m, pressure = world
    draws = _draws(np.random.default_rng(seed), 8, Ranges())
    act, strips = _World(m).run(pressure, draws, periods=6, seed=seed)
    totals = act.sum(axis=2)
    assert (act >= -1e-12).all()
    assert (np.diff(totals, axis=1) <= 1e-9 * (1 + totals[:, :-1])).all()
    if not pressure.any():
        np.testing.assert_allclose(totals, totals[:, :1].repeat(7, axis=1))
    assert (strips >= 0).all() and (strips <= np.array([s.airstrips for s in m.sectors])).all()


def test_destroyed_airstrips_come_back_when_rebuilt() -> None:
    m = model([sector("a", 5, airstrips=50)], [group("bat", 4)])
    pressure = np.array([4.0])
    never = _World(m).run(
        pressure, _draws(np.random.default_rng(1), 50, Ranges(rebuild=(0.0, 0.0))), 8, 1
    )[1]
    always = _World(m).run(
        pressure, _draws(np.random.default_rng(1), 50, Ranges(rebuild=(1.0, 1.0))), 8, 1
    )[1]
    assert (np.diff(never, axis=1) <= 0).all()
    assert always[:, -1].mean() > never[:, -1].mean() + 10


def test_outputs_are_json_ready(sim: object, tmp_path: Path) -> None:
    rows = simulation_rows(sim)
    assert len(rows) == 10 * 9 and {"baseline_p10", "scenario_p90", "period"} <= set(rows[0])
    data = json.loads(json.dumps(simulation_json(sim)))
    assert data["method"] == METHOD and "sum A(t+1) = sum A(t) - (1 - d)" in METHOD
    assert data["moves"] == ["2 battalion vraem->putumayo"]
    geo = json.loads(json.dumps(simulation_geojson(sim)))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 10
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -90 <= lat <= 90 and -180 <= lon <= 180
        assert f["properties"]["change_p10"] <= f["properties"]["change_p90"]
    for suffix in (".png", ".svg"):
        out = render_simulation_chart(sim, tmp_path / f"sim{suffix}")
        assert out.stat().st_size > 1000
    with pytest.raises(InputError, match=r"chart must end in \.png or \.svg"):
        render_simulation_chart(sim, tmp_path / "sim.pdf")


def test_impossible_moves_are_input_errors(example: tuple[object, object]) -> None:
    forces, baseline = example
    n = sum(k for g, s, k in baseline.placement if s == "vraem" and g.startswith("bat"))
    for text, message in (
        ("9 battalion vraem->putumayo", f"the baseline has {n} battalion in vraem"),
        ("1 battalion vraem->nowhere", "unknown sector 'nowhere'"),
        ("1 submarine vraem->callao", "no unit type or group 'submarine'"),
    ):
        with pytest.raises(InputError, match=message):
            simulate(forces, Scenario("x", (parse_move(text),)), runs=5, baseline=baseline)
