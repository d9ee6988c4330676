"""What the map draws, aggregated in SQL so that 100,000 events stay one small answer.

In: a store and ``Filters``. Out: ``MapData``: per place with coordinates, the number of
events (one per happening: the materialised clusters when fresh, else the reports) and of
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

from pukara.analyse.clusters import clusters_fresh
from pukara.refdata.gazetteer import load_department_shapes
from pukara.store import SQLiteStore
from pukara.web.filters import Filters

__all__ = ["MapData", "PointLayer", "department_layer", "map_data"]

_TOO_COARSE = frozenset({"country", "continent"})
_NOT_COPIES = "doc_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)"


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


def map_data(store: SQLiteStore, filters: Filters, fresh: bool | None = None) -> MapData:
    """Counts per place and department after ``filters``; ``fresh`` says whether the
    materialised clusters are current (asked when None)."""
    places = _places(store)
    if clusters_fresh(store) if fresh is None else fresh:
        where, params = filters.cluster_sql("c")
        rows = store.execute(
            "SELECT c.place_id, count(*) FROM clusters c WHERE c.announced = 0"
            f"{where} GROUP BY c.place_id",
            params,
        )
        counted = "happenings"
    else:
        where, params = filters.event_sql("e")
        rows = store.execute(
            f"SELECT e.place_id, count(*) FROM events e WHERE e.announced = 0 AND e.{_NOT_COPIES}"
            f"{where} GROUP BY e.place_id",
            params,
        )
        counted = "reports"
    events, events_by_dept = _layer(rows, places)
    where, params = filters.fact_sql("f")
    rows = store.execute(
        f"SELECT f.place_id, count(*) FROM facts f WHERE f.{_NOT_COPIES}{where}"
        " GROUP BY f.place_id",
        params,
    )
    facts, facts_by_dept = _layer(rows, places)
    return MapData(events, facts, events_by_dept, facts_by_dept, counted)


_Place = tuple[str, float | None, float | None, str | None]  # name, lat, lon, admin1_id


def _places(store: SQLiteStore) -> dict[str, _Place]:
    """Places with what the map needs; a country or continent gets no coordinates, since a
    point at its centre would claim a place that the report did not give."""
    return {
        r[0]: (r[1], None, None, r[4]) if r[5] in _TOO_COARSE else (r[1], r[2], r[3], r[4])
        for r in store.execute("SELECT id, name, lat, lon, admin1_id, kind FROM places")
    }


def _layer(rows: list[Any], places: dict[str, _Place]) -> tuple[PointLayer, dict[str, int]]:
    ids: list[str] = []
    names: list[str] = []
    lats: list[float] = []
    lons: list[float] = []
    counts: list[int] = []
    by_dept: dict[str, int] = {}
    total = unmapped = 0
    for place_id, n in rows:
        total += n
        name, lat, lon, admin1 = places.get(place_id, (None, None, None, None))
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
