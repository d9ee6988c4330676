"""Read a force-planning model from a YAML file (sectors and units inline or in CSV files).

In: the path of a YAML mapping with ``name``, ``note``, ``constraints``, ``sectors`` and
``units``; ``sectors`` and ``units`` are lists of mappings, or the name of a CSV file
beside the YAML (columns as the YAML keys; ``access`` and ``places`` separated by ``;``;
units' base as ``base``, ``base_name``, ``base_lat``, ``base_lon`` and speeds as
``road_kmh``, ``river_kmh``, ``air_kmh``). Out: a validated ``ForceModel``. Any problem is
one ``InputError`` line naming the file, the item and the field. The format is described
with the bundled example in ``pukara/plan/models/README.md``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pukara.errors import InputError
from pukara.plan.fields import Item
from pukara.plan.records import DEFAULT_DETOUR, MODES, Constraints, ForceModel, Sector, UnitGroup

__all__ = ["EXAMPLE_MODEL", "EXAMPLE_SCENARIO", "MODELS_DIR", "load_model", "read_yaml"]

MODELS_DIR = Path(__file__).resolve().parent / "models"
EXAMPLE_MODEL = MODELS_DIR / "peru_example.yaml"  # DEMO data: see models/README.md
EXAMPLE_SCENARIO = MODELS_DIR / "vraem_to_putumayo.yaml"

_TOP = ("name", "note", "constraints", "sectors", "units")
_SECTOR = ("id", "name", "lat", "lon", "threat", "access", "places", "p", "activity",
           "airstrips", "note", "source")  # fmt: skip
_UNIT = ("id", "type", "count", "base", "capacity", "speed_kmh", "cost", "max_travel_hours",
         "name", "note", "source")  # fmt: skip
_UNIT_CSV = (*_UNIT, "base_name", "base_lat", "base_lon", *(f"{m}_kmh" for m in MODES))
_BASE = ("id", "name", "lat", "lon")
_CONSTRAINTS = ("min_presence", "budget", "max_travel_hours", "p", "detour", "displacement_km")


def load_model(path: str | Path) -> ForceModel:
    """Read and validate the model file at ``path``."""
    path = Path(path)
    top = Item(str(path), "file", read_yaml(path), _TOP)
    sectors = tuple(_sector(i) for i in _items(path, top, "sectors", _SECTOR))
    units = tuple(_unit(i) for i in _items(path, top, "units", _UNIT_CSV))
    _unique(top, "sectors", [s.id for s in sectors])
    _unique(top, "units", [u.id for u in units])
    constraints = _constraints(Item(str(path), "constraints", top.mapping("constraints"),
                                    _CONSTRAINTS), {s.id for s in sectors})  # fmt: skip
    return ForceModel(
        name=top.text("name", default=path.stem),
        sectors=sectors,
        units=units,
        constraints=constraints,
        source=str(path),
        note=top.text("note", default=""),
    )


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; unreadable files and syntax errors become one ``InputError``."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise InputError(repr(str(path))[1:-1], "file", f"cannot read: {reason}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(str(path), where, f"not valid YAML: {reason}") from exc


def _items(path: Path, top: Item, key: str, allowed: tuple[str, ...]) -> list[Item]:
    value = top.data.get(key)
    if isinstance(value, str):  # a CSV file beside the YAML
        csv_path = path.parent / value
        return [Item(str(csv_path), f"row {n}", row, allowed) for n, row in _csv(csv_path)]
    if not isinstance(value, list) or not value:
        top.fail(f"{key} must be a non-empty list or the name of a CSV file")
    return [Item(str(path), f"{key}[{n}]", row, allowed) for n, row in enumerate(value)]


def _csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise InputError(repr(str(path))[1:-1], "file", f"cannot read: {reason}") from exc
    rows = list(csv.DictReader(lines))
    if not rows:
        raise InputError(str(path), "file", "no rows; expected a header line and one row each")
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        if None in row:
            raise InputError(str(path), f"row {n}", "more cells than header columns")
    return [(n, {k.strip(): v for k, v in row.items()}) for n, row in enumerate(rows, start=2)]


def _unique(top: Item, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            top.fail(f"{key}: id {i!r} used twice")
        seen.add(i)


def _sector(item: Item) -> Sector:
    return Sector(
        id=item.text("id"),
        name=item.text("name", default=item.text("id")),
        lat=item.number("lat", -90, 90),
        lon=item.number("lon", -180, 180),
        threat=item.optional_number("threat", 0, 1e9),
        access=item.choices("access", MODES),
        places=item.strings("places"),
        p=item.optional_number("p", 0, 1, open_lo=True),
        activity=item.optional_number("activity", 0, 1e12),
        airstrips=item.optional_integer("airstrips", 0, 1_000_000) or 0,
        note=item.text("note", default=""),
    )


def _unit(item: Item) -> UnitGroup:
    base = _base(item)
    speeds = _speeds(item)
    if not speeds:
        item.fail("speed_kmh: give the speed of at least one mode (road, river, air)")
    cost = item.optional_number("cost", 0, 1e9)
    return UnitGroup(
        id=item.text("id"),
        type=item.text("type"),
        count=item.integer("count", 1, 100_000),
        base=base.text("name", default=base.text("id", default="?")),
        base_id=base.text("id", default=""),
        lat=base.number("lat", -90, 90),
        lon=base.number("lon", -180, 180),
        capacity=item.number("capacity", 0, 100, open_lo=True),
        speeds=speeds,
        cost=1.0 if cost is None else cost,
        max_travel_hours=item.optional_number("max_travel_hours", 0, 1e6, open_lo=True),
        name=item.text("name", default=""),
    )


def _base(item: Item) -> Item:
    if "base_lat" in item.data or "base_lon" in item.data:  # CSV columns
        flat = {"id": item.data.get("base"), "name": item.data.get("base_name"),
                "lat": item.data.get("base_lat"), "lon": item.data.get("base_lon")}  # fmt: skip
        return Item(item.path, item.where, flat, _BASE)
    base = Item(item.path, item.where, item.mapping("base"), _BASE)
    if not base.data:
        item.fail("missing base (a mapping with id, name, lat, lon)")
    return base


def _speeds(item: Item) -> dict[str, float]:
    given: Mapping[str, Any] = item.mapping("speed_kmh")
    if not given:
        given = {m: item.data.get(f"{m}_kmh") for m in MODES}
    sub = Item(item.path, item.where, {f"speed_kmh.{k}": v for k, v in given.items()},
               [f"speed_kmh.{m}" for m in MODES])  # fmt: skip
    speeds = {}
    for mode in MODES:
        v = sub.optional_number(f"speed_kmh.{mode}", 0, 2000)
        if v:
            speeds[mode] = v
    return speeds


def _constraints(item: Item, sector_ids: set[str]) -> Constraints:
    minimum = {}
    for sid, n in item.mapping("min_presence").items():
        if sid not in sector_ids:
            item.fail(f"min_presence: unknown sector {sid!r}")
        count = Item(item.path, item.where, {f"min_presence.{sid}": n}, [f"min_presence.{sid}"])
        minimum[str(sid)] = count.integer(f"min_presence.{sid}", 0, 100_000)
    detour = dict(DEFAULT_DETOUR)
    given = {f"detour.{k}": v for k, v in item.mapping("detour").items()}
    sub = Item(item.path, item.where, given, [f"detour.{m}" for m in MODES])
    for mode in MODES:
        v = sub.optional_number(f"detour.{mode}", 1, 10)
        if v is not None:
            detour[mode] = v
    p = item.optional_number("p", 0, 1, open_lo=True)
    reach = item.optional_number("displacement_km", 0, 40_000)
    return Constraints(
        min_presence=minimum,
        budget=item.optional_number("budget", 0, 1e15),
        max_travel_hours=item.optional_number("max_travel_hours", 0, 1e6, open_lo=True),
        p=0.3 if p is None else p,
        detour=detour,
        displacement_km=800.0 if reach is None else reach,
    )
