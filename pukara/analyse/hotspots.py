"""Convergence hotspots: where several illicit economies and armed actors meet.

In: a store, a level (department ``admin1``, ``province`` or ``h3`` cell) and an optional
window. Out: ``Hotspot`` records ranked by the convergence score defined in ``METHOD``,
each with the evidence behind it: per economy present, the counts of figures and events
and up to three example sentences with their document ids; the armed and criminal groups
seen there. ``hotspots_geojson`` turns them into a FeatureCollection (departments and
provinces as points at the place's coordinates, H3 cells as their hexagons).

Counting happens in SQL, grouped by place (one pass over facts, one over the materialised
event clusters, one indexed join each for armed actors); the few thousand (place, economy)
rows are then folded into units in Python. Events are counted as clusters, so five
articles about one raid count once; run ``refresh_event_clusters`` after ingest so that
this reads the materialised clusters instead of computing them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import h3

from pukara.analyse.clusters import (
    DEFAULT_DAY_WINDOW,
    DEFAULT_MAX_KM,
    EventCluster,
    cluster_events,
    window_bound,
)
from pukara.errors import PukaraError
from pukara.store import Reader, View, as_view

__all__ = [
    "ARMED_KINDS",
    "ECONOMIES",
    "LEVELS",
    "METHOD",
    "ArmedPresence",
    "EconomyPresence",
    "Example",
    "Hotspot",
    "convergence_hotspots",
    "hotspots_geojson",
]

ECONOMIES = (
    "coca",
    "cocaine",
    "poppy",
    "gold_mining",
    "logging",
    "precursors",
    "laundering",
    "trafficking",
)
ARMED_KINDS = ("armed_group", "criminal_group")
LEVELS = ("admin1", "province", "h3")
MAX_EXAMPLES = 3
_TOO_COARSE_FOR_CELLS = frozenset({"country", "continent", "region"})

METHOD = (
    "Convergence score of a unit (department, province or H3 cell) over the window. For each "
    "illicit economy (coca, cocaine processing, opium poppy, gold mining, logging, precursors, "
    "laundering, trafficking) n = figures (facts with a value above 0) + events (clusters of "
    "the reports of one happening; announced ones left out) placed in the unit, from documents "
    "that are not near-duplicates. State action (eradication, seizures, lab destruction) counts "
    "as evidence of the economy it targets. An economy is present when n >= k (min_records, "
    "default 1) and then weighs w(n) = min(1, 0.5 + 0.5 * log10(n)): half a point for one "
    "record, a full point from ten, so breadth outweighs volume. Armed presence weighs w(m), "
    "where m = event clusters in the unit naming an armed or criminal group + documents "
    "naming such a group and a place in the unit. Score = sum of the economy weights + the "
    "armed weight (0 to 9); ties go to more economies, then more records. A place counts in "
    "its department (admin1_id), its province (itself or the nearest province above it) or "
    "the H3 cell of its point; departments, countries and places without coordinates are too "
    "coarse for cells and are left out at that level."
)


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence behind a count."""

    kind: str  # "event" | "fact"
    id: str  # cluster id or fact id
    doc_id: str
    text: str


@dataclass(frozen=True, slots=True)
class EconomyPresence:
    """One economy present in a unit: its counts, weight and example sentences."""

    economy: str
    n_facts: int
    n_events: int  # event clusters
    weight: float
    examples: tuple[Example, ...]

    @property
    def n(self) -> int:
        return self.n_facts + self.n_events


@dataclass(frozen=True, slots=True)
class ArmedPresence:
    """An armed or criminal group seen in a unit."""

    actor_id: str
    name: str
    kind: str
    n_events: int  # event clusters in the unit naming it
    n_documents: int  # independent documents naming it and a place in the unit


@dataclass(frozen=True, slots=True)
class Hotspot:
    """A unit's convergence score, rank and evidence (see ``METHOD``)."""

    level: str
    unit_id: str  # department or province place id, or H3 cell
    name: str
    lat: float | None
    lon: float | None
    score: float
    rank: int
    economies: tuple[EconomyPresence, ...]  # present ones, heaviest first
    armed_actors: tuple[ArmedPresence, ...]  # most seen first
    armed_weight: float
    country: str | None = None  # ISO code of the unit's country

    @property
    def n_economies(self) -> int:
        return len(self.economies)


def convergence_hotspots(
    store: Reader,
    level: str = "admin1",
    since: str | int | dt.date | None = None,
    until: str | int | dt.date | None = None,
    resolution: int = 5,
    *,
    min_records: int = 1,
    limit: int | None = None,
) -> list[Hotspot]:
    """Units ranked by convergence score (highest first), at most ``limit`` of them.

    ``resolution`` is the H3 resolution when ``level="h3"`` (5: cells of about 250 km²).
    """
    store = as_view(store)
    _check(level, resolution, min_records)
    lo, hi = window_bound(since), window_bound(until)
    places = _Places.load(store)
    unit_of = places.mapper(level, resolution)
    tally = _Tally()
    _count_facts(store, lo, hi, unit_of, tally)
    _count_events(store, lo, hi, unit_of, tally, frozenset(places.actors))
    _count_ties(store, lo, hi, unit_of, tally)
    ranked = _rank(tally, min_records)[:limit]
    examples = _examples(store, ranked, tally)
    return [
        _hotspot(level, unit, rank, tally, places, examples, min_records)
        for rank, unit in enumerate(ranked, start=1)
    ]


def _check(level: str, resolution: int, min_records: int) -> None:
    if level not in LEVELS:
        raise PukaraError(f"level {level!r}: use admin1 (departments), province or h3")
    if not 0 <= resolution <= 15:
        raise PukaraError(
            f"H3 resolution {resolution}: use 0 (continents) to 15 (m²); 5 is ~250 km²"
        )
    if min_records < 1:
        raise PukaraError(f"min_records {min_records}: an economy needs at least 1 record")


def _weight(n: int, k: int) -> float:
    """w(n) of METHOD: 0 below k records, half a point for one, a full point from ten."""
    return min(1.0, 0.5 + 0.5 * math.log10(n)) if n >= k and n > 0 else 0.0


# -- places and units ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Places:
    """The places (and the armed actors) as the folding needs them."""

    rows: dict[str, tuple[str, str, str | None, str | None, float | None, float | None]]
    admin1_names: dict[str, str]  # department id -> name, from its places' admin1 column
    actors: dict[str, tuple[str, str]]  # armed or criminal group id -> (name, kind)
    countries: dict[str, str | None]  # place id -> ISO country

    @classmethod
    def load(cls, store: View) -> _Places:
        rows = {
            p.id: (p.name, p.kind.value, p.admin1_id, p.parent_id,
                   p.point.lat if p.point else None, p.point.lon if p.point else None)
            for p in store.places()
        }  # fmt: skip
        admin1_names = {p.admin1_id: p.admin1 for p in store.places() if p.admin1_id and p.admin1}
        actors = {a.id: (a.name, a.kind.value) for a in store.actors(ARMED_KINDS)}
        countries = {p.id: p.country for p in store.places()}
        return cls(rows, admin1_names, actors, countries)

    def mapper(self, level: str, resolution: int) -> Callable[[str], str | None]:
        """place id -> unit id at ``level`` (None when the place has no unit there)."""
        memo: dict[str, str | None] = {}
        find = {"admin1": self._admin1, "province": self._province}.get(level)

        def unit_of(place: str) -> str | None:
            if place not in memo:
                memo[place] = find(place) if find else self._cell(place, resolution)
            return memo[place]

        return unit_of

    def _admin1(self, place: str) -> str | None:
        row = self.rows.get(place)
        if row is None:
            return None
        return row[2] or (place if row[1] == "region" else None)

    def _province(self, place: str) -> str | None:
        seen = 0
        while place in self.rows and seen < 8:  # parent chains are short; 8 guards cycles
            _, kind, _, parent, _, _ = self.rows[place]
            if kind == "province":
                return place
            if kind in ("region", "country", "continent") or parent is None:
                return None
            place, seen = parent, seen + 1
        return None

    def _cell(self, place: str, resolution: int) -> str | None:
        row = self.rows.get(place)
        if row is None or row[1] in _TOO_COARSE_FOR_CELLS or row[4] is None or row[5] is None:
            return None
        return str(h3.latlng_to_cell(row[4], row[5], resolution))

    def country_of(self, unit: str, main_place: str | None) -> str | None:
        return self.countries.get(unit) or self.countries.get(main_place or "")

    def describe(
        self, level: str, unit: str, main_place: str | None
    ) -> tuple[str, float | None, float | None]:
        """(name, lat, lon) of a unit; an H3 cell is named after its place with most records."""
        if level == "h3":
            lat, lon = h3.cell_to_latlng(unit)
            name = self.rows[main_place][0] if main_place in self.rows else unit
            return name, float(lat), float(lon)
        row = self.rows.get(unit)
        if row is None:
            return self.admin1_names.get(unit, unit), None, None
        return row[0], row[4], row[5]


# -- counting -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    """Counts and example ids per unit, filled by the counting passes."""

    facts: dict[tuple[str, str], int] = field(default_factory=dict)  # (unit, economy) -> n
    events: dict[tuple[str, str], int] = field(default_factory=dict)
    # (unit, economy) -> (records at the place, kind, example id), best first after sorting
    leads: dict[tuple[str, str], list[tuple[int, str, str]]] = field(default_factory=dict)
    armed_events: dict[str, dict[str, int]] = field(default_factory=dict)  # unit -> actor -> n
    armed_docs: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # -> doc ids
    texts: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # known examples
    places: dict[str, dict[str, int]] = field(default_factory=dict)  # unit -> place -> records

    def add(
        self, table: str, unit: str, place: str, economy: str, n: int, ids: Iterable[str]
    ) -> None:
        counts = self.facts if table == "fact" else self.events
        counts[unit, economy] = counts.get((unit, economy), 0) + n
        self.leads.setdefault((unit, economy), []).extend((n, table, i) for i in ids)
        seen = self.places.setdefault(unit, {})
        seen[place] = seen.get(place, 0) + n

    def main_place(self, unit: str) -> str | None:
        """The place of the unit with most records (smallest id on ties)."""
        seen = self.places.get(unit)
        return min(seen, key=lambda p: (-seen[p], p)) if seen else None

    def add_armed(self, unit: str, actor: str, n: int = 0, doc: str | None = None) -> None:
        events = self.armed_events.setdefault(unit, {})
        events[actor] = events.get(actor, 0) + n
        docs = self.armed_docs.setdefault(unit, {}).setdefault(actor, set())
        if doc is not None:
            docs.add(doc)

    def armed_total(self, unit: str) -> int:
        """m of METHOD: clusters naming a group here + documents naming one and a place here."""
        n = sum(self.armed_events.get(unit, {}).values())
        return n + sum(len(d) for d in self.armed_docs.get(unit, {}).values())

    def units(self) -> set[str]:
        return {u for u, _ in self.facts} | {u for u, _ in self.events} | set(self.armed_events)


def _count_facts(
    store: View,
    lo: str | None,
    hi: str | None,
    unit_of: Callable[[str], str | None],
    tally: _Tally,
) -> None:
    """Figures per (place, economy) from independent documents, in one grouped scan."""
    for place, economy, n, first, last in store.fact_counts(ECONOMIES, lo, hi):
        unit = unit_of(place)
        if unit is not None:
            tally.add("fact", unit, place, economy, n, {first, last})


def _count_events(
    store: View,
    lo: str | None,
    hi: str | None,
    unit_of: Callable[[str], str | None],
    tally: _Tally,
    armed: frozenset[str],
) -> None:
    """Happenings per (place, economy) and per (place, armed actor): from the materialised
    clusters when the reader may use them, else from the reader's events grouped now."""
    if not store.clusters_usable(DEFAULT_MAX_KM, DEFAULT_DAY_WINDOW):
        _count_clusters(cluster_events(store, lo, hi), unit_of, tally, armed)
        return
    for place, economy, n, first, last in store.cluster_counts(ECONOMIES, lo, hi):
        unit = unit_of(place)
        if unit is not None:
            tally.add("event", unit, place, economy, n, {first, last})
    for place, actor, n in store.cluster_actor_counts(ARMED_KINDS, lo, hi):
        unit = unit_of(place)
        if unit is not None:
            tally.add_armed(unit, actor, n)


def _count_clusters(
    clusters: list[EventCluster],
    unit_of: Callable[[str], str | None],
    tally: _Tally,
    armed: frozenset[str],
) -> None:
    """The same counts as ``_count_events`` from clusters in memory."""
    for c in clusters:
        if c.place_id is None or c.announced or (unit := unit_of(c.place_id)) is None:
            continue
        if c.activity in ECONOMIES:
            tally.add("event", unit, c.place_id, c.activity, 1, (c.id,))
            tally.texts["event", c.id] = (c.doc_id, c.evidence)
        for actor in armed.intersection(c.actor_ids):
            tally.add_armed(unit, actor, 1)


def _count_ties(
    store: View,
    lo: str | None,
    hi: str | None,
    unit_of: Callable[[str], str | None],
    tally: _Tally,
) -> None:
    """Independent documents that name an armed or criminal group and a place of the unit
    in one sentence (or one event): a group is tied to a place only where a text ties them,
    never by merely appearing in the same document."""
    for place, actor, doc in store.actor_place_ties(ARMED_KINDS, lo, hi):
        unit = unit_of(place)
        if unit is not None:
            tally.add_armed(unit, actor, doc=doc)


# -- scoring and evidence -----------------------------------------------------------------


def _scores(tally: _Tally, unit: str, k: int) -> tuple[float, int, int]:
    """(score, economies present, records) of a unit."""
    score, present, records = 0.0, 0, 0
    for economy in ECONOMIES:
        n = tally.facts.get((unit, economy), 0) + tally.events.get((unit, economy), 0)
        w = _weight(n, k)
        score, present, records = score + w, present + (w > 0), records + n
    return round(score + _weight(tally.armed_total(unit), k), 4), present, records


def _rank(tally: _Tally, k: int) -> list[str]:
    """Units with a score above 0, best first; ties by economies, records, then id."""
    keyed = []
    for unit in tally.units():
        score, present, records = _scores(tally, unit, k)
        if score > 0:
            keyed.append((-score, -present, -records, unit))
    return [unit for *_, unit in sorted(keyed)]


def _examples(
    store: View, units: list[str], tally: _Tally
) -> dict[tuple[str, str], tuple[str, str]]:
    """(doc_id, sentence) of the example records of the ranked units, fetched in batches."""
    wanted: dict[str, set[str]] = {"fact": set(), "event": set()}
    for unit in units:
        for economy in ECONOMIES:
            for _, table, ident in _leads(tally, unit, economy):
                wanted[table].add(ident)
    found = dict(tally.texts)
    facts = [i for i in wanted["fact"] if ("fact", i) not in found]
    for f in store.facts_by_ids(sorted(facts)):
        found["fact", f.id] = (f.doc_id, f.evidence.text)
    events = [i for i in wanted["event"] if ("event", i) not in found]
    for c in store.stored_clusters_by_ids(sorted(events)):
        found["event", c.id] = (c.doc_id, c.evidence)
    return found


def _leads(tally: _Tally, unit: str, economy: str) -> list[tuple[int, str, str]]:
    """Up to MAX_EXAMPLES example records, from the places with most records first."""
    leads = sorted(tally.leads.get((unit, economy), ()), key=lambda t: (-t[0], t[1], t[2]))
    return leads[:MAX_EXAMPLES]


def _hotspot(
    level: str,
    unit: str,
    rank: int,
    tally: _Tally,
    places: _Places,
    texts: dict[tuple[str, str], tuple[str, str]],
    k: int,
) -> Hotspot:
    present = []
    for economy in ECONOMIES:
        nf, ne = tally.facts.get((unit, economy), 0), tally.events.get((unit, economy), 0)
        if _weight(nf + ne, k) > 0:
            examples = tuple(
                Example(table, i, *texts[table, i])
                for _, table, i in _leads(tally, unit, economy)
                if (table, i) in texts
            )
            present.append(EconomyPresence(economy, nf, ne, _weight(nf + ne, k), examples))
    present.sort(key=lambda e: (-e.weight, -e.n, e.economy))
    name, lat, lon = places.describe(level, unit, tally.main_place(unit))
    score, _, _ = _scores(tally, unit, k)
    armed = _armed(tally, unit, places)
    armed_weight = _weight(tally.armed_total(unit), k)
    return Hotspot(level, unit, name, lat, lon, score, rank, tuple(present), armed, armed_weight,
                   places.country_of(unit, tally.main_place(unit)))  # fmt: skip


def _armed(tally: _Tally, unit: str, places: _Places) -> tuple[ArmedPresence, ...]:
    # add_armed gives every actor seen in a unit a key in armed_events, even with 0 events
    events, docs = tally.armed_events.get(unit, {}), tally.armed_docs.get(unit, {})
    found = [
        ArmedPresence(a, *places.actors.get(a, (a, "")), n, len(docs.get(a, ())))
        for a, n in events.items()
    ]
    return tuple(sorted(found, key=lambda p: (-(p.n_events + p.n_documents), p.actor_id)))


# -- GeoJSON ------------------------------------------------------------------------------


def hotspots_geojson(hotspots: Iterable[Hotspot]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946) of the hotspots, with ``METHOD`` attached.

    Departments and provinces are points at the place's coordinates (null geometry when it
    has none); H3 cells are their hexagons, counter-clockwise and closed.
    """
    return {
        "type": "FeatureCollection",
        "method": METHOD,  # a foreign member, as RFC 7946 section 6.1 allows
        "features": [_feature(h) for h in hotspots],
    }


def _feature(h: Hotspot) -> dict[str, Any]:
    properties = {k: v for k, v in asdict(h).items() if k not in ("lat", "lon")}
    properties["n_economies"] = h.n_economies
    return {"type": "Feature", "id": h.unit_id, "geometry": _geometry(h), "properties": properties}


def _geometry(h: Hotspot) -> dict[str, Any] | None:
    if h.level == "h3":
        ring = [[round(lon, 6), round(lat, 6)] for lat, lon in h3.cell_to_boundary(h.unit_id)]
        if _signed_area(ring) < 0:  # RFC 7946: exterior rings run counter-clockwise
            ring.reverse()
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    if h.lat is None or h.lon is None:
        return None
    return {"type": "Point", "coordinates": [round(h.lon, 6), round(h.lat, 6)]}


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace sum: positive when the ring runs counter-clockwise."""
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairs) / 2
