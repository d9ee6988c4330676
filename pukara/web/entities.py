"""Places and actors as the web app shows them: lookups, names, search and filter choices.

In: a (read-only) store. Out: ``PlaceRecord`` for a place id; names for lists of ids;
``search_entities`` (places by name, actors by name or alias; accents and case ignored);
``filter_options`` (the activities, indicators, event types and actors that occur, with
counts, for the filter forms). Unknown ids raise ``NotFoundError`` (HTTP 404).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pukara.store import SQLiteStore
from pukara.web.handlers import NotFoundError
from pukara.web.labels import activity_label, event_type_label, indicator_label

__all__ = [
    "ActorHit",
    "FilterOptions",
    "Option",
    "PlaceRecord",
    "actor_names",
    "filter_options",
    "fold",
    "get_place",
    "place_names",
    "search_entities",
]


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin1_id: str | None
    parent_id: str | None
    lat: float | None
    lon: float | None

    @property
    def is_department(self) -> bool:
        return self.kind == "region" and self.admin1_id == self.id

    def describe(self) -> str:
        """ "department of Peru", "province in Loreto, PE", "zone"."""
        kind = {"region": "department", "town": "town or village"}.get(self.kind, self.kind)
        if self.kind == "region" and self.country:
            return f"{kind} of {'Peru' if self.country == 'PE' else self.country}"
        where = ", ".join(p for p in (self.admin1, self.country) if p)
        return f"{kind} in {where}" if where else kind


@dataclass(frozen=True, slots=True)
class ActorHit:
    id: str
    name: str
    kind: str
    country: str | None
    matched: str  # the alias that matched


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class FilterOptions:
    activities: tuple[Option, ...]
    indicators: tuple[Option, ...]
    event_types: tuple[Option, ...]
    actors: tuple[Option, ...]


_PLACE_COLUMNS = "id, name, kind, country, admin1, admin1_id, parent_id, lat, lon"


def fold(text: str) -> str:
    """Lower case without accents or repeated spaces: "Junín " -> "junin"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def get_place(store: SQLiteStore, place_id: str) -> PlaceRecord:
    rows = store.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,))
    if not rows:
        raise NotFoundError(f"place {place_id!r}: not in the store")
    return PlaceRecord(*tuple(rows[0]))


def place_names(store: SQLiteStore, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = store.execute(
        "SELECT id, name FROM places WHERE id IN (SELECT value FROM json_each(?))",
        (_json_list(wanted),),
    )
    return {r[0]: r[1] for r in rows}


def actor_names(store: SQLiteStore, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = store.execute(
        "SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))",
        (_json_list(wanted),),
    )
    return {r[0]: r[1] for r in rows}


def _json_list(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def search_entities(
    store: SQLiteStore, query: str, limit: int = 20
) -> tuple[list[PlaceRecord], list[ActorHit]]:
    """Places whose name contains the query and actors with a name or alias containing it;
    exact and prefix matches first."""
    key = fold(query)
    if len(key) < 2:
        return [], []
    places = [PlaceRecord(*tuple(r)) for r in store.execute(f"SELECT {_PLACE_COLUMNS} FROM places")]
    found = [p for p in places if key in fold(p.name)]
    found.sort(key=lambda p: (_closeness(key, fold(p.name)), p.kind != "region", p.name))
    rows = store.execute(
        "SELECT a.id, a.name, a.kind, a.country, x.alias FROM actor_aliases x "
        "JOIN actors a ON a.id = x.actor_id WHERE x.alias_key LIKE ? ESCAPE '\\' LIMIT 5000",
        ("%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
    )
    best: dict[str, tuple[tuple[int, int], ActorHit]] = {}
    for r in rows:  # each actor once, by the alias that matches best
        rank = (_closeness(key, fold(r[4])), len(r[4]))
        if r[0] not in best or rank < best[r[0]][0]:
            best[r[0]] = (rank, ActorHit(*tuple(r)))
    ordered = sorted(best.values(), key=lambda x: (x[0][0], x[1].id.startswith("new:"), x[1].name))
    actors = [hit for _, hit in ordered]
    return found[:limit], actors[:limit]


def _closeness(key: str, name: str) -> int:
    return 0 if name == key else 1 if name.startswith(key) else 2


def filter_options(store: SQLiteStore, max_actors: int = 400) -> FilterOptions:
    """What the filter forms offer: values that occur in the store, most frequent first."""
    activities: dict[str, int] = {}
    for table in ("events", "facts"):
        for value, n in store.execute(
            f"SELECT activity, count(*) FROM {table} WHERE activity IS NOT NULL GROUP BY 1"
        ):
            activities[value] = activities.get(value, 0) + n
    indicators = store.execute("SELECT indicator, count(*) FROM facts GROUP BY 1 ORDER BY 2 DESC")
    types = store.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
    actors = store.execute(
        "SELECT a.id, a.name, count(*) AS n FROM event_actors ea"
        " JOIN actors a ON a.id = ea.actor_id GROUP BY a.id ORDER BY n DESC LIMIT ?",
        (max_actors,),
    )
    return FilterOptions(
        activities=tuple(
            Option(k, activity_label(k), v)
            for k, v in sorted(activities.items(), key=lambda kv: activity_label(kv[0]))
        ),
        indicators=tuple(
            sorted(
                (Option(r[0], indicator_label(r[0]), r[1]) for r in indicators),
                key=lambda o: o.label,
            )
        ),
        event_types=tuple(
            sorted(
                (Option(r[0], event_type_label(r[0]), r[1]) for r in types), key=lambda o: o.label
            )
        ),
        actors=tuple(
            sorted((Option(r[0], r[1], r[2]) for r in actors), key=lambda o: fold(o.label))
        ),
    )
