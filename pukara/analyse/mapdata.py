"""What the map draws, aggregated in SQL so that 100,000 events stay one small answer.

In: a store view and ``Filters``. Out: ``MapData``: per place with coordinates, the number
of events (one per happening: the materialised clusters when the reader may use them, else
the reader's events grouped now) and of
figures, as parallel arrays (one entry per place, so at most a few thousand entries however
many events there are; the browser clusters those markers), and the same counts per
department for the choropleth. ``department_layer`` gives the department polygons (Natural
Earth, from the gazetteer) and Peru's outline as GeoJSON.

Announced events (plans, not deeds) and figures from near-duplicate documents are left out,
as the hotspot analysis does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pukara.analyse.happenings import list_happenings
from pukara.model import Filters
from pukara.refdata.gazetteer import load_department_shapes
from pukara.store import Reader, View, as_view

__all__ = ["MapData", "PointLayer", "department_layer", "map_data"]

_TOO_COARSE = frozenset({"country", "continent"})


@dataclass(frozen=True, slots=True)
class PointLayer:
    """Counts per place, as parallel arrays (compact JSON)."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    lat: tuple[float, ...]
    lon: tuple[float, ...]
    n: tuple[int, ...]
    total: int  # every record that passed the filters
    unmapped: int  # of which without a place or coordinates


@dataclass(frozen=True, slots=True)
class MapData:
    events: PointLayer
    facts: PointLayer
    events_by_department: dict[str, int]
    facts_by_department: dict[str, int]
    counted: str  # "happenings" (clusters) or "reports" (clusters not refreshed)


def map_data(store: Reader, filters: Filters) -> MapData:
    """Counts per place and department after ``filters``."""
    store = as_view(store)
    places = _places(store)
    page = list_happenings(store, filters, limit=0)
    if page.counted == "happenings":
        rows = store.cluster_places(filters)
    else:
        everything = list_happenings(store, filters, limit=10**9)
        counts: dict[str | None, int] = {}
        for c in everything.items:
            if not c.announced:
                counts[c.place_id] = counts.get(c.place_id, 0) + 1
        rows = list(counts.items())
    events, events_by_dept = _layer(rows, places)
    facts, facts_by_dept = _layer(store.fact_places(filters), places)
    return MapData(events, facts, events_by_dept, facts_by_dept, page.counted.split(" (")[0])


_Place = tuple[str, float | None, float | None, str | None]  # name, lat, lon, admin1_id


def _places(store: View) -> dict[str, _Place]:
    """Places with what the map needs; a country or continent gets no coordinates, since a
    point at its centre would claim a place that the report did not give."""
    return {
        p.id: (p.name, None, None, p.admin1_id)
        if p.kind.value in _TOO_COARSE or p.point is None
        else (p.name, p.point.lat, p.point.lon, p.admin1_id)
        for p in store.places()
    }


def _layer(
    rows: list[tuple[str | None, int]], places: dict[str, _Place]
) -> tuple[PointLayer, dict[str, int]]:
    ids: list[str] = []
    names: list[str] = []
    lats: list[float] = []
    lons: list[float] = []
    counts: list[int] = []
    by_dept: dict[str, int] = {}
    total = unmapped = 0
    for place_id, n in rows:
        total += n
        name, lat, lon, admin1 = places.get(place_id or "", (None, None, None, None))
        if admin1:
            by_dept[admin1] = by_dept.get(admin1, 0) + n
        if place_id is None or lat is None or lon is None:
            unmapped += n
            continue
        ids.append(place_id)
        names.append(name or place_id)
        lats.append(round(lat, 5))
        lons.append(round(lon, 5))
        counts.append(n)
    layer = PointLayer(
        tuple(ids), tuple(names), tuple(lats), tuple(lons), tuple(counts), total, unmapped
    )
    return layer, by_dept


@lru_cache(maxsize=1)
def department_layer() -> bytes:
    """Department polygons plus Peru's outline (their union) as GeoJSON bytes, built once:
    the base map of every page, instead of raster tiles from a tile server."""
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    shapes = load_department_shapes()
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "id": f["properties"]["id"],
            "geometry": f["geometry"],
            "properties": {"id": f["properties"]["id"], "name": f["properties"]["name"],
                           "role": "department"},
        }
        for f in shapes["features"]
    ]  # fmt: skip
    outline = unary_union([shape(f["geometry"]) for f in shapes["features"]]).buffer(0)
    features.append(
        {
            "type": "Feature",
            "id": "country:PE",
            "geometry": mapping(outline.simplify(0.01)),
            "properties": {"id": "country:PE", "name": "Peru", "role": "country"},
        }
    )
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False
    ).encode("utf-8")
