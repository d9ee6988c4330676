"""Load the gazetteer: Peru's departments, provinces and districts (INEI ubigeo), populated
places (GeoNames), neighbours, countries and continents, plus curated rivers, valleys, zones
and border stretches. See ``data/gazetteer/ORIGIN.md`` for sources and licences.

``load_gazetteer()`` returns a cached ``Gazetteer`` with every entry as a ``Place`` and the
names (canonical and alternative) each entry may be called by.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from pukara.model import Place, PlaceKind, Point

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "department_at",
    "load_department_shapes",
    "load_gazetteer",
]

_DATA = "data/gazetteer"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    place: Place
    names: tuple[str, ...]  # canonical first, then alternatives
    context_names: tuple[str, ...] = ()  # names valid only when the text is about its country
    source: str = ""
    departments: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # a border's or shared zone's countries (curated.yaml)


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    ambiguous_words: frozenset[str] = frozenset()

    def get(self, place_id: str) -> Place | None:
        entry = self.entries.get(place_id)
        return entry.place if entry else None

    def __len__(self) -> int:
        return len(self.entries)


def _read(name: str) -> str:
    return resources.files("pukara.refdata").joinpath(f"{_DATA}/{name}").read_text("utf-8")


def _exists(name: str) -> bool:
    return resources.files("pukara.refdata").joinpath(f"{_DATA}/{name}").is_file()


def _float(raw: str | None) -> float | None:
    try:
        return float(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def _entry_from_row(row: dict[str, str]) -> GazetteerEntry:
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    point = Point(lat, lon) if lat is not None and lon is not None else None
    alt = tuple(a for a in (row.get("alt_names") or "").split("|") if a)
    pop = row.get("population") or ""
    place = Place(
        id=row["id"],
        name=row["name"],
        kind=PlaceKind(row["kind"]),
        country=row.get("country") or None,
        point=point,
        admin1=row.get("admin1") or None,
        ubigeo=row.get("ubigeo") or None,
        parent_id=row.get("parent_id") or None,
        population=int(float(pop)) if pop else None,
        alt_names=alt,
        admin1_id=row.get("admin1_id") or (row["id"] if row["kind"] == "region" else None),
    )
    return GazetteerEntry(place, (place.name, *alt), source=row.get("source", ""))


def _entry_from_curated(raw: dict[str, Any]) -> GazetteerEntry:
    alt = tuple(str(a) for a in raw.get("alt_names") or [])
    lat, lon = raw.get("lat"), raw.get("lon")
    place = Place(
        id=str(raw["id"]),
        name=str(raw["name"]),
        kind=PlaceKind(raw["kind"]),
        country=raw.get("country"),
        point=Point(float(lat), float(lon)) if lat is not None and lon is not None else None,
        admin1=raw.get("admin1"),
        alt_names=alt,
    )
    return GazetteerEntry(
        place,
        (place.name, *alt),
        context_names=tuple(str(a) for a in raw.get("context_alt_names") or []),
        source=str(raw.get("source", "curated")),
        departments=tuple(str(d) for d in raw.get("departments") or []),
        countries=tuple(str(c) for c in raw.get("countries") or []),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer (read once per process)."""
    gaz = Gazetteer()
    reader = csv.DictReader(io.StringIO(_read("places.tsv")), delimiter="\t")
    for row in reader:
        entry = _entry_from_row(row)
        gaz.entries[entry.place.id] = entry
    regions = {
        (e.place.country, e.place.name): pid
        for pid, e in gaz.entries.items() if e.place.kind is PlaceKind.REGION
    }  # fmt: skip
    if _exists("curated.yaml"):
        curated = yaml.safe_load(_read("curated.yaml")) or {}
        items = (
            (curated.get("entries") or curated.get("places") or [])
            if isinstance(curated, dict)
            else curated
        )
        for raw in items:
            entry = _entry_from_curated(raw)
            admin1 = regions.get((entry.place.country, entry.place.admin1 or ""))
            if admin1:
                entry = replace(entry, place=replace(entry.place, admin1_id=admin1))
            gaz.entries[entry.place.id] = entry
    if _exists("ambiguous_words.txt"):
        words = [
            ln.strip() for ln in _read("ambiguous_words.txt").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]  # fmt: skip
        gaz.ambiguous_words = frozenset(words)
    return gaz


@lru_cache(maxsize=1)
def load_department_shapes() -> dict[str, Any]:
    """Peru's department polygons as a GeoJSON FeatureCollection (Natural Earth admin-1)."""
    data: dict[str, Any] = json.loads(_read("peru_departments.geojson"))
    return data


@lru_cache(maxsize=1)
def _department_index() -> tuple[Any, list[str]]:
    from shapely import STRtree
    from shapely.geometry import shape

    features = load_department_shapes()["features"]
    shapes = [shape(f["geometry"]) for f in features]
    return STRtree(shapes), [str(f["properties"]["id"]) for f in features]


def department_at(point: Point) -> Place | None:
    """The Peruvian department containing ``point`` (Natural Earth admin-1 polygons), or None
    outside Peru. Borders are coarse (about 2 km): trust ``admin1`` of named places first."""
    from shapely.geometry import Point as ShapelyPoint

    tree, ids = _department_index()
    hits = tree.query(ShapelyPoint(point.lon, point.lat), predicate="intersects")
    return load_gazetteer().get(ids[int(hits[0])]) if len(hits) else None
