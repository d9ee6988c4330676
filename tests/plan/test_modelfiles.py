"""Model files: the bundled example loads; CSV works; every bad file is one InputError line
naming the file, the item and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pukara.errors import InputError
from pukara.plan import EXAMPLE_MODEL, EXAMPLE_SCENARIO, load_model, load_scenario, parse_move
from pukara.plan.modelfiles import MODELS_DIR

GOOD = """
name: two sectors (invented)
constraints: {p: 0.4, budget: 5, max_travel_hours: 30, min_presence: {a: 1}}
sectors:
  - {id: a, name: Sector A, lat: -9.0, lon: -75.0, access: [road, river], threat: 4}
  - {id: b, lat: -10.0, lon: -75.5, access: [air], places: [pe:19], airstrips: 3}
units:
  - id: bat
    type: battalion
    count: 2
    base: {id: "gn:1", name: Base, lat: -9.1, lon: -75.1}
    capacity: 1
    speed_kmh: {road: 30, air: 200}
    cost: 2
"""


def _write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_example_model_is_marked_demo_and_cites_the_border() -> None:
    m = load_model(EXAMPLE_MODEL)
    assert "demo" in m.name.lower()
    assert "DEMO / EXAMPLE DATA" in EXAMPLE_MODEL.read_text("utf-8")
    assert "DEMO" in (MODELS_DIR / "README.md").read_text("utf-8")
    ids = [s.id for s in m.sectors]
    for wanted in (
        "vraem",
        "putumayo",
        "yavari",
        "bolivia-puno",
        "mdd-mining",
        "upper-huallaga",
        "callao",
        "bajo-amazonas",
    ):
        assert wanted in ids
    assert "1,626 km" in EXAMPLE_MODEL.read_text("utf-8")
    assert m.sector("vraem").departments == ("pe:05", "pe:08", "pe:12")
    assert m.constraints.min_presence == {"vraem": 3}
    assert {g.type for g in m.units} >= {"battalion", "riverine unit", "helicopter"}
    assert m.n_units == 20 and all(g.base for g in m.units)


def test_example_scenario_loads() -> None:
    scenario = load_scenario(EXAMPLE_SCENARIO)
    assert [str(m) for m in scenario.moves] == ["2 battalion vraem->putumayo"]


def test_inline_yaml(tmp_path: Path) -> None:
    m = load_model(_write(tmp_path, GOOD))
    a, b = m.sectors
    assert (a.name, a.access, a.threat) == ("Sector A", frozenset({"road", "river"}), 4.0)
    assert (b.name, b.threat, b.departments, b.airstrips) == ("b", None, ("pe:19",), 3)
    (bat,) = m.units
    assert (bat.base, bat.base_id, bat.speeds, bat.cost) == (
        "Base",
        "gn:1",
        {"road": 30.0, "air": 200.0},
        2.0,
    )
    assert bat.unit_ids() == ("bat-1", "bat-2")
    assert m.constraints.budget == 5 and m.constraints.p == 0.4


def test_csv_sectors_and_units(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "id,name,lat,lon,access,threat,places\n"
        "a,A,-9,-75,road;river,4,zone:x|pe:19\n"
        "b,B,-10,-75.5,air,,\n",
        "sectors.csv",
    )
    _write(
        tmp_path,
        "id,type,count,base,base_name,base_lat,base_lon,capacity,road_kmh,air_kmh,cost\n"
        "bat,battalion,2,gn:1,Base,-9.1,-75.1,1,30,,2\n",
        "units.csv",
    )
    m = load_model(_write(tmp_path, "sectors: sectors.csv\nunits: units.csv\n"))
    assert [s.id for s in m.sectors] == ["a", "b"]
    assert m.sectors[0].places == ("zone:x", "pe:19") and m.sectors[1].threat is None
    assert m.units[0].speeds == {"road": 30.0} and m.units[0].base == "Base"


BAD = [
    (
        "lat: -9.0",
        "lat: 95.2",
        "m.yaml: sectors[0]: lat 95.2 outside [-90, 90]; check lat/lon order",
    ),
    ("threat: 4", "threat: -1", "m.yaml: sectors[0]: threat -1 outside [0, 1e+09]"),
    ("threat: 4", "threat: lots", "m.yaml: sectors[0]: threat must be a number, got 'lots'"),
    ("access: [road, river]", "access: [road, boat]", "m.yaml: sectors[0]: access: unknown 'boat'"),
    ("access: [air]", "access: []", "m.yaml: sectors[1]: missing access"),
    ("id: b,", "id: a,", "m.yaml: file: sectors: id 'a' used twice"),
    ("name: Sector A,", "nmae: Sector A,", "m.yaml: sectors[0]: unknown field 'nmae'"),
    ("count: 2", "count: 0", "m.yaml: units[0]: count 0 outside [1, 100000]"),
    ("count: 2", "count: 1.5", "m.yaml: units[0]: count must be a whole number"),
    ("capacity: 1", "capacity: 0", "m.yaml: units[0]: capacity 0 outside (0, 100]"),
    (
        "speed_kmh: {road: 30, air: 200}",
        "speed_kmh: {}",
        "m.yaml: units[0]: speed_kmh: give the speed",
    ),
    ("speed_kmh: {road: 30, air: 200}", "speed_kmh: {car: 30}", "unknown field 'speed_kmh.car'"),
    (
        '    base: {id: "gn:1", name: Base, lat: -9.1, lon: -75.1}\n',
        "",
        "m.yaml: units[0]: missing base",
    ),
    (
        "min_presence: {a: 1}",
        "min_presence: {z: 1}",
        "m.yaml: constraints: min_presence: unknown sector 'z'",
    ),
    ("p: 0.4", "p: 0", "m.yaml: constraints: p 0 outside (0, 1]"),
    ("budget: 5", "budget: -5", "m.yaml: constraints: budget -5 outside"),
    ("units:", "unitz:", "m.yaml: file: unknown field 'unitz'"),
    (
        "name: two sectors (invented)",
        "name: [unclosed",
        "m.yaml: line 3: not valid YAML: expected ',' or ']'",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD, ids=[b[2][:40] for b in BAD])
def test_bad_model_files_give_one_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(InputError) as err:
        load_model(path)
    text = str(err.value)
    assert "\n" not in text
    assert text.startswith(str(path))
    assert message.split("m.yaml", 1)[-1] in text


def test_csv_errors_name_the_row(tmp_path: Path) -> None:
    _write(tmp_path, "id,lat,lon,access\na,-9,-75,road\nb,-9,195,road\n", "s.csv")
    with pytest.raises(InputError, match=r"s\.csv: row 3: lon 195 outside \[-180, 180\]"):
        load_model(
            _write(
                tmp_path,
                "sectors: s.csv\nunits: [{id: u, type: t, count: 1, "
                "base: {lat: 0, lon: 0}, capacity: 1, speed_kmh: {road: 1}}]\n",
            )
        )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.yaml: file: cannot read"):
        load_model(tmp_path / "nothing.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_is_a_model_or_one_input_error(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "m.yaml"
    path.write_text(text, "utf-8")
    try:
        load_model(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda kids: (
            st.lists(kids, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "lat",
                        "lon",
                        "access",
                        "threat",
                        "count",
                        "base",
                        "capacity",
                        "speed_kmh",
                        "sectors",
                        "units",
                        "constraints",
                    ]
                ),
                kids,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_any_yaml_structure_is_a_model_or_one_input_error(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "m.yaml"
    path.write_text(yaml.safe_dump({"sectors": data, "units": data}), "utf-8")
    try:
        load_model(path)
    except InputError as exc:
        assert "\n" not in str(exc)


def test_scenario_and_move_errors(tmp_path: Path) -> None:
    assert parse_move("1 police company vraem->reserve").unit == "police company"
    with pytest.raises(InputError, match="expected COUNT UNIT FROM->TO"):
        parse_move("two battalions to putumayo")
    bad = _write(tmp_path, "moves: [{count: 2, unit: battalion, from: vraem}]\n", "s.yaml")
    with pytest.raises(InputError, match=r"s\.yaml: moves\[0\]: missing to"):
        load_scenario(bad)
    with pytest.raises(InputError, match="moves must be a non-empty list"):
        load_scenario(_write(tmp_path, "name: nothing\n", "e.yaml"))
