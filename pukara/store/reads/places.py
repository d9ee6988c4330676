"""Reading places: the gazetteer entries documents use, as ``Place`` records.

Places are reference data (gazetteer entries), not claims: they carry no marking and every
reader sees the same ones. ``places()`` is every place the store holds; ``place_scope`` is
a place and every place inside it (its department's members, a country's places, and their
descendants through ``parent_id``); ``places_in_box`` uses the PostGIS index on PostgreSQL
and the coordinates on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pukara.model import Place, PlaceKind, Point
from pukara.store.reads.base import Reads

__all__ = ["PlaceReads"]

_COLUMNS = "id, name, kind, country, lat, lon, admin1, parent_id, admin1_id"


def _place(r: Any) -> Place:
    point = Point(r[4], r[5]) if r[4] is not None and r[5] is not None else None
    kind = PlaceKind(r[2]) if r[2] in PlaceKind._value2member_map_ else PlaceKind.OTHER
    return Place(r[0], r[1], kind, r[3], point, admin1=r[6], parent_id=r[7], admin1_id=r[8])


class PlaceReads(Reads):
    _places: tuple[tuple[int, int], list[Place]] | None = None

    def places(self) -> list[Place]:
        """Every place the store holds, by id (read once per store version)."""
        version = self.store.version()
        if self._places is None or self._places[0] != version:
            rows = self.db.rows(f"SELECT {_COLUMNS} FROM places ORDER BY id")
            self._places = (version, [_place(r) for r in rows])
        return list(self._places[1])

    def place(self, place_id: str) -> Place | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (place_id,))
        return _place(row) if row else None

    def place_names(self, ids: Iterable[str | None]) -> dict[str, str]:
        wanted = sorted({i for i in ids if i})
        found: dict[str, str] = {}
        for chunk in self.db.chunks(wanted):
            cond, params = self.db.in_list("id", chunk)
            found.update(self.db.rows(f"SELECT id, name FROM places WHERE {cond}", params))
        return found

    def place_scope(self, place_id: str) -> list[str]:
        """The place and every place inside it."""
        place = self.place(place_id)
        country = (
            place_id.split(":", 1)[1]
            if place is not None and place.kind is PlaceKind.COUNTRY and ":" in place_id
            else None
        )
        rows = self.db.rows(
            "WITH RECURSIVE scope(id) AS ("
            " SELECT CAST(? AS TEXT)"
            " UNION SELECT p.id FROM places p WHERE p.admin1_id = ? OR (CAST(? AS TEXT) IS NOT NULL"
            " AND p.country = ?)"
            " UNION SELECT p.id FROM places p JOIN scope s ON p.parent_id = s.id"
            ") SELECT id FROM scope",
            (place_id, place_id, country, country),
        )
        return [r[0] for r in rows]

    def places_in_box(self, south: float, west: float, north: float, east: float) -> list[Place]:
        """Places with a point inside the box (degrees)."""
        if self.db.dialect == "postgres":
            rows = self.db.rows(
                f"SELECT {_COLUMNS} FROM places WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)",
                (west, south, east, north),
            )
        else:
            rows = self.db.rows(
                f"SELECT {_COLUMNS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (south, north, west, east),
            )
        return [_place(r) for r in rows]

    def region_at(self, lat: float, lon: float) -> str | None:
        """The first-level division whose polygon holds the point (PostgreSQL: PostGIS on
        the ``regions`` table; None on SQLite, where the caller uses the gazetteer)."""
        if self.db.dialect != "postgres":
            return None
        row = self.db.one(
            "SELECT id FROM regions WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))"
            " LIMIT 1",
            (lon, lat),
        )
        return row[0] if row else None
