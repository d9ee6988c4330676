"""Actor profiles: what the store knows about one armed group, gang, agency or person.

In: a store and an actor given by id, name or alias. Out: ``ActorProfile``: kind, country,
aliases, role and fate; where it was active per year (first-level divisions, from events
naming it and from places named in documents that mention it); its activities (events and
figures by economy); leaders and their fate ("killed 2013-08"), factions, allies and rivals
(from the registry and from statements read in the texts); and the documents behind it, with
their source and grade. Each section is one or two indexed queries (``mentions(kind,
ref_id)``, ``event_actors(actor_id)``, ``actor_relations(source_id | target_id)``,
``facts(doc_id)``), so a profile stays fast on a store of millions of facts and events.
Near-duplicate documents are left out everywhere. The actor graph lives in
``pukara.analyse.networks`` and is re-exported here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pukara.analyse.networks import actor_graph, actor_graph_json, export_actor_graphml
from pukara.errors import PukaraError
from pukara.store import SQLiteStore

__all__ = [
    "ActivityCount",
    "ActorProfile",
    "Leader",
    "PlaceYear",
    "RelatedActor",
    "SourceDocument",
    "actor_graph",
    "actor_graph_json",
    "actor_profile",
    "export_actor_graphml",
    "fate",
    "resolve_actor",
]


@dataclass(frozen=True, slots=True)
class PlaceYear:
    """Where the actor was active in a year: a first-level division (or the place itself
    when it has none), with events naming the actor there and documents that name both."""

    year: int
    place_id: str
    place: str
    events: int
    documents: int


@dataclass(frozen=True, slots=True)
class ActivityCount:
    """An illicit economy or conflict the actor is tied to: events naming it and figures
    (facts) in documents that mention it."""

    activity: str
    events: int
    facts: int


@dataclass(frozen=True, slots=True)
class Leader:
    """A person who leads or led the actor, with role and fate ("killed 2013-08")."""

    actor_id: str
    name: str
    role: str | None
    status: str | None  # as the registry has it
    fate: str | None  # status shortened to what happened and when
    documents: int  # documents that state the leadership (0: known from the registry only)


@dataclass(frozen=True, slots=True)
class RelatedActor:
    """Another actor tied to this one by statements of one kind, with an example."""

    actor_id: str
    name: str
    kind: str  # alliance, rivalry, leadership, membership
    documents: int
    evidence: str
    doc_id: str
    date: str | None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    doc_id: str
    title: str | None
    published: str | None
    source: str | None
    reliability: str | None
    credibility: int | None


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """What the store knows about one actor. ``sources`` lists the latest documents;
    ``n_documents`` counts them all."""

    id: str
    name: str
    kind: str
    country: str | None
    parent_id: str | None
    role: str | None
    status: str | None
    aliases: tuple[str, ...]
    active: tuple[PlaceYear, ...]
    activities: tuple[ActivityCount, ...]
    leaders: tuple[Leader, ...]
    factions: tuple[RelatedActor, ...]  # groups that are part of it
    allies: tuple[RelatedActor, ...]
    rivals: tuple[RelatedActor, ...]
    belongs_to: tuple[RelatedActor, ...]  # what it leads or is a member of, per the texts
    sources: tuple[SourceDocument, ...]
    n_documents: int

    def by_year(self) -> dict[int, dict[str, int]]:
        """Year -> place name -> events + documents, for a quick table or chart."""
        out: dict[int, dict[str, int]] = {}
        for p in self.active:
            out.setdefault(p.year, {})[p.place] = p.events + p.documents
        return out


def resolve_actor(store: SQLiteStore, actor: str) -> str:
    """An actor id from an id, a name or an alias (accents and case ignored).

    Raises ``PukaraError`` when nothing matches. A registry actor beats one discovered in
    a text when both carry the alias."""
    if store.execute("SELECT 1 FROM actors WHERE id = ?", (actor,)):
        return actor
    key = _alias_key(actor)
    rows = store.execute(
        "SELECT actor_id FROM actor_aliases WHERE alias_key = ?"
        " UNION SELECT id FROM actors WHERE lower(name) = lower(?) OR lower(id) = lower(?)",
        (key, actor, actor),
    )
    ids = sorted((r[0] for r in rows), key=lambda i: (i.startswith("new:"), i))
    if not ids:
        raise PukaraError(f"no actor called {actor!r} in the store; try an id or another alias")
    return str(ids[0])


def _alias_key(alias: str) -> str:
    """The store's alias key (``actor_aliases.alias_key``): lower case, no accents."""
    text = unicodedata.normalize("NFKD", alias.lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def actor_profile(store: SQLiteStore, actor: str, max_sources: int = 50) -> ActorProfile:
    """Profile of an actor given by id, name or alias (see ``resolve_actor``)."""
    aid = resolve_actor(store, actor)
    row = store.execute(
        "SELECT id, name, kind, country, parent_id, role, status FROM actors WHERE id = ?", (aid,)
    )[0]
    aliases = tuple(
        r[0]
        for r in store.execute(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? AND alias != ? ORDER BY alias",
            (aid, row["name"]),
        )
    )
    relations = _relations_of(store, aid)
    sources, n_docs = _sources(store, aid, max_sources)
    return ActorProfile(
        id=aid,
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        parent_id=row["parent_id"],
        role=row["role"],
        status=row["status"],
        aliases=aliases,
        active=_active(store, aid),
        activities=_activities(store, aid),
        leaders=_leaders(store, aid, relations),
        factions=_factions(store, aid, relations),
        allies=_related(relations, "alliance", aid, None),
        rivals=_related(relations, "rivalry", aid, None),
        belongs_to=tuple(
            r for kind in ("leadership", "membership") for r in _related(relations, kind, aid, True)
        ),
        sources=sources,
        n_documents=n_docs,
    )


# Documents about an actor (?1): those that mention it, report an event naming it or state
# a relation of it; near-duplicates left out.
_ABOUT = """WITH about(doc_id) AS (
    SELECT doc_id FROM mentions WHERE kind = 'actor' AND ref_id = ?1
    UNION SELECT e.doc_id FROM event_actors ea JOIN events e ON e.id = ea.event_id
          WHERE ea.actor_id = ?1
    UNION SELECT doc_id FROM actor_relations WHERE source_id = ?1
    UNION SELECT doc_id FROM actor_relations WHERE target_id = ?1
), docs AS (
    SELECT d.* FROM about JOIN documents d ON d.id = about.doc_id WHERE d.duplicate_of IS NULL
)
"""


def _active(store: SQLiteStore, aid: str) -> tuple[PlaceYear, ...]:
    events = store.execute(
        "SELECT CAST(substr(coalesce(e.date, d.published), 1, 4) AS INTEGER) AS year,"
        " a.id AS pid, a.name AS place, count(*) AS n"
        " FROM event_actors ea JOIN events e ON e.id = ea.event_id"
        " JOIN documents d ON d.id = e.doc_id AND d.duplicate_of IS NULL"
        " JOIN places p ON p.id = e.place_id JOIN places a ON a.id = coalesce(p.admin1_id, p.id)"
        " WHERE ea.actor_id = ? AND year IS NOT NULL AND a.kind NOT IN ('country', 'continent')"
        " GROUP BY year, a.id",
        (aid,),
    )
    mentions = store.execute(
        _ABOUT + "SELECT CAST(substr(d.published, 1, 4) AS INTEGER) AS year, a.id AS pid,"
        " a.name AS place, count(DISTINCT d.id) AS n"
        " FROM docs d JOIN mentions pm ON pm.doc_id = d.id AND pm.kind = 'place'"
        " JOIN places p ON p.id = pm.ref_id JOIN places a ON a.id = coalesce(p.admin1_id, p.id)"
        " WHERE year IS NOT NULL AND a.kind NOT IN ('country', 'continent')"
        " GROUP BY year, a.id",
        (aid,),
    )
    counts: dict[tuple[int, str], list[Any]] = {}
    for i, rows in enumerate((events, mentions)):
        for r in rows:
            counts.setdefault((r["year"], r["pid"]), [r["place"], 0, 0])[i + 1] = r["n"]
    return tuple(
        PlaceYear(year, pid, name, n_events, n_docs)
        for (year, pid), (name, n_events, n_docs) in sorted(
            counts.items(), key=lambda kv: (kv[0][0], -kv[1][1] - kv[1][2], kv[1][0])
        )
    )


def _activities(store: SQLiteStore, aid: str) -> tuple[ActivityCount, ...]:
    events = store.execute(
        "SELECT e.activity, count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
        " JOIN documents d ON d.id = e.doc_id AND d.duplicate_of IS NULL"
        " WHERE ea.actor_id = ? AND e.activity IS NOT NULL GROUP BY e.activity",
        (aid,),
    )
    facts = store.execute(
        _ABOUT + "SELECT f.activity, count(*) FROM docs d JOIN facts f ON f.doc_id = d.id"
        " WHERE f.activity IS NOT NULL GROUP BY f.activity",
        (aid,),
    )
    n_events, n_facts = dict(map(tuple, events)), dict(map(tuple, facts))
    return tuple(
        sorted(
            (
                ActivityCount(a, n_events.get(a, 0), n_facts.get(a, 0))
                for a in {*n_events, *n_facts}
            ),
            key=lambda c: (-c.events - c.facts, c.activity),
        )
    )


def _relations_of(store: SQLiteStore, aid: str) -> list[Any]:
    """Every stated relation with the actor on either side, oldest first, with names."""
    return store.execute(
        "SELECT r.kind, r.source_id, r.target_id, r.doc_id, r.date, r.evidence,"
        " coalesce(s.name, r.source_id) AS source_name,"
        " coalesce(t.name, r.target_id) AS target_name"
        " FROM actor_relations r JOIN documents d ON d.id = r.doc_id AND d.duplicate_of IS NULL"
        " LEFT JOIN actors s ON s.id = r.source_id LEFT JOIN actors t ON t.id = r.target_id"
        " WHERE r.source_id = ?1 OR r.target_id = ?1 ORDER BY r.date, r.id",
        (aid,),
    )


def _related(
    relations: Iterable[Any], kind: str, aid: str, as_source: bool | None
) -> tuple[RelatedActor, ...]:
    """Actors on the other side of ``kind`` statements, most documented first.

    ``as_source``: True keeps statements where the actor is the source (it leads, it is a
    member), False where it is the target, None either side (symmetric kinds)."""
    docs: defaultdict[str, set[str]] = defaultdict(set)
    first: dict[str, Any] = {}
    for r in relations:
        if r["kind"] != kind or (as_source is not None and (r["source_id"] == aid) != as_source):
            continue
        other, name = (
            (r["target_id"], r["target_name"]) if r["source_id"] == aid else
            (r["source_id"], r["source_name"])
        )  # fmt: skip
        docs[other].add(r["doc_id"])
        first.setdefault(other, (name, r))
    out = [
        RelatedActor(other, name, kind, len(docs[other]), r["evidence"], r["doc_id"], r["date"])
        for other, (name, r) in first.items()
    ]
    return tuple(sorted(out, key=lambda x: (-x.documents, x.name)))


def _leaders(store: SQLiteStore, aid: str, relations: list[Any]) -> tuple[Leader, ...]:
    """Persons the registry affiliates with the actor, and persons the texts say lead it."""
    stated = {r.actor_id: r.documents for r in _related(relations, "leadership", aid, False)}
    marks = ",".join("?" * len(stated))
    rows = store.execute(
        "SELECT id, name, role, status FROM actors WHERE (parent_id = ? AND kind = 'person')"
        f" OR id IN ({marks})",
        (aid, *stated),
    )
    leaders = [
        Leader(
            r["id"], r["name"], r["role"], r["status"], fate(r["status"]), stated.get(r["id"], 0)
        )
        for r in rows
    ]
    return tuple(sorted(leaders, key=lambda x: (-x.documents, x.name)))


def _factions(store: SQLiteStore, aid: str, relations: list[Any]) -> tuple[RelatedActor, ...]:
    """Groups whose registry parent is the actor, and groups the texts call part of it."""
    stated = {r.actor_id: r for r in _related(relations, "membership", aid, False)}
    rows = store.execute(
        "SELECT id, name FROM actors WHERE parent_id = ? AND kind != 'person'", (aid,)
    )
    for r in rows:
        stated.setdefault(r["id"], RelatedActor(r["id"], r["name"], "membership", 0, "", "", None))
    return tuple(sorted(stated.values(), key=lambda x: (-x.documents, x.name)))


def _sources(store: SQLiteStore, aid: str, limit: int) -> tuple[tuple[SourceDocument, ...], int]:
    rows = store.execute(
        _ABOUT + "SELECT d.id, d.title, d.published, s.name, s.reliability, s.credibility,"
        " count(*) OVER () AS total FROM docs d LEFT JOIN sources s ON s.id = d.source_id"
        " ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ?2",
        (aid, limit),
    )
    total = int(rows[0]["total"]) if rows else 0
    return tuple(SourceDocument(*tuple(r)[:6]) for r in rows), total


# What happened to a person, in the words the registry uses for a status.
_FATE = re.compile(
    r"\b(killed|died|captured|recaptured|arrested|detained|extradited|sentenced|convicted|"
    r"imprisoned|escaped|surrendered|released|at large|removed|resigned|seized)\b"
    r"(?:[^;\d]{0,40}?((?:19|20)\d\d(?:-\d\d)?))?",
    re.I,
)


def fate(status: str | None) -> str | None:
    """'killed 2013-08-11 (Llochegua, ...)' -> 'killed 2013-08'; one part per ';' clause."""
    if not status:
        return None
    parts = []
    for clause in status.split(";"):
        m = _FATE.search(clause)
        if m:
            parts.append(" ".join(p for p in (m.group(1).lower(), m.group(2)) if p))
    return "; ".join(parts) or status
