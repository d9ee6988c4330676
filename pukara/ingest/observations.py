"""Readers for structured observations: CSV rows and GeoJSON features -> ``Observation``.

A sensor export or an operations log is read row by row: a bad row becomes an
``InputError`` naming the row (and is reported), the good rows are kept.
Columns are matched by common names in English and Spanish (lat/latitude/latitud, ...).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterator
from typing import Any

from pukara.errors import InputError
from pukara.ingest.decode import decode_text
from pukara.model import DatePrecision, FuzzyDate, Observation, Point
from pukara.model.dates import parse_date_text

__all__ = ["read_csv_observations", "read_geojson_observations"]

_COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "type", "tipo", "category", "categoria", "event", "evento"),
    "observed_at": ("observed_at", "date", "fecha", "time", "datetime", "timestamp", "acq_date"),
    "lat": ("lat", "latitude", "latitud", "y"),
    "lon": ("lon", "lng", "long", "longitude", "longitud", "x"),
    "sensor": ("sensor", "source", "fuente", "unit_name", "platform"),
    "unit": ("unit", "unidad", "units"),
    "value": ("value", "valor", "amount", "cantidad", "quantity"),
    "confidence": ("confidence", "confianza", "conf", "probability"),
    "place": ("place", "lugar", "location", "ubicacion", "site"),
    "external_id": ("id", "uid", "record_id", "codigo"),
}

Result = Observation | InputError


def _column_map(header: list[str]) -> dict[str, str]:
    lower = {h.strip().lower(): h for h in header if h}
    found: dict[str, str] = {}
    for key, names in _COLUMNS.items():
        for name in names:
            if name in lower:
                found[key] = lower[name]
                break
    return found


def _parse_when(raw: str) -> FuzzyDate | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        stamp = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return FuzzyDate(stamp.date(), DatePrecision.DAY)
    except ValueError:
        pass
    date = parse_date_text(raw)
    if date is None:
        raise ValueError(f"date {raw!r} not understood; use YYYY-MM-DD")
    return date


def _number(raw: str | None, what: str) -> float | None:
    if raw is None or not str(raw).strip():
        return None
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"{what} {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} {raw!r} is not a finite number")
    return value


def _point(lat: float | None, lon: float | None) -> Point | None:
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise ValueError("only one of latitude/longitude given")
    return Point(lat, lon)  # raises ValueError naming the bad coordinate


def read_csv_observations(data: bytes, path: str) -> Iterator[Result]:
    """Rows of a CSV file. Lines starting with '#' are comments. Needs a kind column and,
    per row, either coordinates or a place name."""
    text = decode_text(data, path)
    lines = text.splitlines()
    numbered = [(n, ln) for n, ln in enumerate(lines, start=1) if not ln.lstrip().startswith("#")]
    if not numbered:
        raise InputError(path, "file", "no CSV rows, only comments")
    try:
        dialect = csv.Sniffer().sniff(numbered[0][1], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO("\n".join(ln for _, ln in numbered)), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(path, "line 1", f"unreadable CSV header ({exc})") from exc
    cols = _column_map(header)
    if "kind" not in cols:
        raise InputError(path, f"line {numbered[0][0]}", f"no kind/type column in header {header}")
    index = {name: i for i, name in enumerate(header)}
    for (lineno, _), row in zip(numbered[1:], reader, strict=False):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield InputError(path, f"row {lineno}", f"{len(row)} fields, header has {len(header)}")
            continue
        rec = {key: row[index[col]] for key, col in cols.items()}
        props = tuple((h, row[i]) for h, i in index.items() if h not in cols.values() and row[i])
        try:
            yield _observation(rec, props, path, f"row {lineno}")
        except ValueError as exc:
            yield InputError(path, f"row {lineno}", str(exc))


def _observation(
    rec: dict[str, Any], props: tuple[tuple[str, str], ...], path: str, where: str
) -> Observation:
    kind = str(rec.get("kind") or "").strip()
    if not kind:
        raise ValueError("empty kind")
    point = _point(_number(rec.get("lat"), "latitude"), _number(rec.get("lon"), "longitude"))
    place = str(rec.get("place") or "").strip() or None
    if point is None and place is None and rec.get("geometry") is None:
        raise ValueError("no coordinates and no place")
    return Observation(
        kind=kind,
        observed_at=_parse_when(str(rec.get("observed_at") or "")),
        source_path=path,
        where=where,
        point=point,
        geometry=rec.get("geometry"),
        sensor=str(rec.get("sensor") or "").strip() or None,
        unit=str(rec.get("unit") or "").strip() or None,
        value=_number(rec.get("value"), "value"),
        confidence=_number(rec.get("confidence"), "confidence"),
        place=place,
        external_id=str(rec.get("external_id") or "").strip() or None,
        properties=props,
    )


def read_geojson_observations(data: bytes, path: str) -> Iterator[Result]:
    """Features of a GeoJSON FeatureCollection (or a single Feature)."""
    text = decode_text(data, path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"line {exc.lineno} column {exc.colno}", f"bad JSON: {exc.msg}"
        ) from exc
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features: list[Any] = [doc]
    elif isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        raw = doc.get("features")
        features = raw if isinstance(raw, list) else []
        if not features:
            raise InputError(path, "features", "FeatureCollection without features")
    else:
        raise InputError(path, "file", "not a GeoJSON Feature or FeatureCollection")
    for n, feature in enumerate(features):
        where = f"<feature {n}>"
        try:
            yield _feature(feature, path, where)
        except (ValueError, TypeError) as exc:
            yield InputError(path, where, str(exc))


def _feature(feature: Any, path: str, where: str) -> Observation:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValueError("not a Feature object")
    geom = feature.get("geometry")
    if not isinstance(geom, dict) or "type" not in geom:
        raise ValueError("no geometry")
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise ValueError("properties is not an object")
    point, geometry = _geometry_point(geom)
    rec: dict[str, Any] = {}
    for key, names in _COLUMNS.items():
        for name in names:
            if name in props and props[name] is not None:
                rec[key] = props[name]
                break
    rec.setdefault("kind", "feature")
    rec["geometry"] = geometry
    if point is not None:  # the geometry's position wins over lat/lon properties
        rec["lat"], rec["lon"] = point.lat, point.lon
    if feature.get("id") is not None:
        rec.setdefault("external_id", str(feature["id"]))
    used = {k for names in _COLUMNS.values() for k in names}
    extra = tuple((k, str(v)) for k, v in sorted(props.items()) if k not in used and v is not None)
    return _observation(rec, extra, path, where)


def _geometry_point(geom: dict[str, Any]) -> tuple[Point | None, str | None]:
    """A representative point and, for non-points, the geometry as GeoJSON text."""
    if geom["type"] == "Point":
        coords = geom.get("coordinates")
        if not isinstance(coords, list | tuple) or len(coords) < 2:
            raise ValueError("Point without two coordinates")
        lon, lat = _number(coords[0], "longitude"), _number(coords[1], "latitude")
        return _point(lat, lon), None
    from shapely.errors import GEOSException
    from shapely.geometry import shape

    _check_ranges(geom.get("coordinates"))
    try:
        shp = shape(geom)
        rep = shp.representative_point()
    except (GEOSException, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ValueError(f"bad {geom['type']} geometry ({exc})") from exc
    return Point(rep.y, rep.x), json.dumps(geom, separators=(",", ":"))


def _check_ranges(coords: Any, depth: int = 0) -> None:
    if depth > 8:
        raise ValueError("geometry nested too deeply")
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], int | float):
        if len(coords) < 2:
            raise ValueError("position with fewer than two numbers")
        lon, lat = float(coords[0]), float(coords[1])
        Point(lat, lon)
        return
    if isinstance(coords, list | tuple):
        for part in coords:
            _check_ranges(part, depth + 1)
