"""Readers for structured observations: CSV rows and GeoJSON features -> ``Observation``.

A sensor export or an operations log is read row by row: a bad row becomes an
``InputError`` naming the row (and is reported), the good rows are kept.
Columns are matched by common names in English and Spanish (lat/latitude/latitud, ...).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
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

_LINE_END = re.compile(r"\r\n|\r|\n")
_MAX_DIGITS = 100  # no coordinate, count or id needs more; Python refuses over 4,300
# A Feature's geometry and properties rarely nest past 6 (MultiPolygon coordinates, a
# GeometryCollection of those); 32 leaves room and keeps repr/shapely far from recursion limits.
_MAX_FEATURE_DEPTH = 32
_GEOMETRY_TYPES = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
     "GeometryCollection"}
)  # fmt: skip


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
        raise ValueError(f"date {_shown(raw)} not understood; use YYYY-MM-DD")
    return date


def _number(raw: str | None, what: str) -> float | None:
    if raw is None or not str(raw).strip():
        return None
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"{what} {_shown(raw)} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} {_shown(raw)} is not a finite number")
    return value


def _point(lat: float | None, lon: float | None) -> Point | None:
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise ValueError("only one of latitude/longitude given")
    return Point(lat, lon)  # raises ValueError naming the bad coordinate


def read_csv_observations(data: bytes, path: str) -> Iterator[Result]:
    """Rows of a CSV file. Lines starting with '#' are comments. Needs a kind column and,
    per row, either coordinates or a place name. A row is named by the line it starts on."""
    text = decode_text(data, path)
    # only CR and LF end a CSV line (str.splitlines would also split at \x0b, \x1c, U+2028)
    kept = [
        (n, ln) for n, ln in enumerate(_LINE_END.split(text), start=1)
        if not ln.lstrip().startswith("#")
    ]  # fmt: skip
    while kept and not kept[-1][1].strip():
        kept.pop()
    if not kept:
        raise InputError(path, "file", "no CSV rows, only comments")
    numbers = [n for n, _ in kept]
    try:
        dialect: Any = csv.Sniffer().sniff(kept[0][1][:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader((ln + "\n" for _, ln in kept), dialect)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(
            path, f"line {numbers[0]}", f"unreadable CSV header ({_csv_reason(exc)})"
        ) from exc
    cols = _column_map(header)
    if "kind" not in cols:
        raise InputError(
            path, f"line {numbers[0]}", f"no kind/type column in header {_shown(header, 200)}"
        )
    yield from _csv_rows(reader, header, cols, numbers, path)


def _csv_rows(
    reader: Any, header: list[str], cols: dict[str, str], numbers: list[int], path: str
) -> Iterator[Result]:
    index = {name: i for i, name in enumerate(header)}
    start = reader.line_num
    while True:
        where = f"row {numbers[min(start, len(numbers) - 1)]}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(path, where, _csv_reason(exc))
            start = reader.line_num
            continue
        start = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield InputError(path, where, f"{len(row)} fields, header has {len(header)}")
            continue
        rec = {key: row[index[col]] for key, col in cols.items()}
        props = tuple((h, row[i]) for h, i in index.items() if h not in cols.values() and row[i])
        try:
            yield _observation(rec, props, path, where)
        except ValueError as exc:
            yield InputError(path, where, str(exc))


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        limit = csv.field_size_limit()
        return f"a field over {limit:,} characters (the CSV field limit); row not read"
    if "NUL" in text:
        return "a NUL byte in the row; row not read"
    return f"unreadable CSV row ({text})"


def _shown(value: object, limit: int = 60) -> str:
    """repr of a value for a message, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"


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
    doc = _load_json(decode_text(data, path), path)
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
            if _nested_deeper(feature, _MAX_FEATURE_DEPTH):
                raise ValueError(f"nested more than {_MAX_FEATURE_DEPTH} levels deep")
            yield _feature(feature, path, where)
        except (ValueError, TypeError) as exc:
            yield InputError(path, where, str(exc))


class _NumberTooLongError(ValueError):
    pass


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > _MAX_DIGITS:
        raise _NumberTooLongError(f"a number with {digits} digits (at most {_MAX_DIGITS} are read)")
    return int(text)


def _load_json(text: str, path: str) -> Any:
    try:
        return json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"line {exc.lineno} column {exc.colno}", f"bad JSON: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise InputError(path, "file", "JSON nested too deeply to parse; not read") from exc
    except ValueError as exc:  # _NumberTooLongError, or Python's own limit on digits
        raise InputError(path, "file", f"bad JSON: {exc}") from exc


def _nested_deeper(value: Any, limit: int) -> bool:
    """True when lists and objects nest more than ``limit`` levels (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


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
    kind = geom["type"]
    if kind not in _GEOMETRY_TYPES:
        raise ValueError(f"unknown geometry type {_shown(kind)}")
    if kind == "Point":
        coords = geom.get("coordinates")
        if not isinstance(coords, list | tuple) or len(coords) < 2:
            raise ValueError("Point without two coordinates")
        lon, lat = _number(coords[0], "longitude"), _number(coords[1], "latitude")
        return _point(lat, lon), None
    from shapely.errors import ShapelyError
    from shapely.geometry import shape

    _check_ranges(geom.get("coordinates"))
    try:
        shp = shape(geom)
        rep = shp.representative_point()
    except (ShapelyError, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ValueError(f"bad {kind} geometry ({str(exc)[:200]})") from exc
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
