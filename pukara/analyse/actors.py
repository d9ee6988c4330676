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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pukara.analyse.networks import actor_graph, actor_graph_json, export_actor_graphml
from pukara.errors import NotFoundError
from pukara.model import RelationRecord, SourceDocument
from pukara.model.textnorm import closest
from pukara.store import Reader, View, as_view

__all__ = [
    "ActivityCount",
    "ActorProfile",
    "Leader",
    "PlaceYear",
    "RelatedActor",
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


def resolve_actor(store: Reader, actor: str) -> str:
    """An actor id from an id, a name or an alias (accents and case ignored).

    Raises ``NotFoundError`` offering the closest names when nothing matches. A registry
    actor beats one discovered in a text when both carry the alias."""
    store = as_view(store)
    ids = store.actors_by_name(actor.strip())
    if not ids:
        names = [a.name for a in store.actors()]
        hint = closest(actor, names)
        also = f"; closest: {', '.join(hint)}" if hint else ""
        raise NotFoundError(f"actor {actor!r}: not in the store{also} (`pukara actors` lists them)")
    return ids[0]


def actor_profile(store: Reader, actor: str, max_sources: int = 50) -> ActorProfile:
    """Profile of an actor given by id, name or alias (see ``resolve_actor``)."""
    store = as_view(store)
    aid = resolve_actor(store, actor)
    record = store.actor(aid)
    if record is None:  # pragma: no cover - resolve_actor found it
        raise NotFoundError(f"actor {actor!r}: not in the store")
    relations = store.relations(aid)
    sources, n_docs = store.actor_documents(aid, max_sources)
    return ActorProfile(
        id=aid,
        name=record.name,
        kind=record.kind.value,
        country=record.country,
        parent_id=record.parent_id,
        role=record.role,
        status=record.status,
        aliases=record.aliases,
        active=_active(store, aid),
        activities=_activities(store, aid),
        leaders=_leaders(store, aid, relations),
        factions=_factions(store, aid, relations),
        allies=_related(relations, "alliance", aid, None),
        rivals=_related(relations, "rivalry", aid, None),
        belongs_to=tuple(
            r for kind in ("leadership", "membership") for r in _related(relations, kind, aid, True)
        ),
        sources=tuple(sources),
        n_documents=n_docs,
    )


def _active(store: View, aid: str) -> tuple[PlaceYear, ...]:
    names: dict[tuple[int, str], str] = {}
    counts: dict[tuple[int, str], list[int]] = {}
    for i, rows in enumerate((store.actor_event_years(aid), store.actor_document_years(aid))):
        for year, pid, name, n in rows:
            names[year, pid] = name
            counts.setdefault((year, pid), [0, 0])[i] = n
    ordered = sorted(counts, key=lambda k: (k[0], -sum(counts[k]), names[k]))
    return tuple(PlaceYear(y, p, names[y, p], *counts[y, p]) for y, p in ordered)


def _activities(store: View, aid: str) -> tuple[ActivityCount, ...]:
    n_events, n_facts = store.actor_activity_counts(aid)
    return tuple(
        sorted(
            (
                ActivityCount(a, n_events.get(a, 0), n_facts.get(a, 0))
                for a in {*n_events, *n_facts}
            ),
            key=lambda c: (-c.events - c.facts, c.activity),
        )
    )


def _related(
    relations: Iterable[RelationRecord], kind: str, aid: str, as_source: bool | None
) -> tuple[RelatedActor, ...]:
    """Actors on the other side of ``kind`` statements, most documented first.

    ``as_source``: True keeps statements where the actor is the source (it leads, it is a
    member), False where it is the target, None either side (symmetric kinds)."""
    docs: defaultdict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, RelationRecord]] = {}
    for r in relations:
        if r.kind != kind or (as_source is not None and (r.source_id == aid) != as_source):
            continue
        other, name = (
            (r.target_id, r.target_name) if r.source_id == aid else (r.source_id, r.source_name)
        )
        docs[other].add(r.doc_id)
        first.setdefault(other, (name, r))
    out = [
        RelatedActor(other, name, kind, len(docs[other]), r.evidence.text, r.doc_id, r.date)
        for other, (name, r) in first.items()
    ]
    return tuple(sorted(out, key=lambda x: (-x.documents, x.name)))


def _leaders(store: View, aid: str, relations: list[RelationRecord]) -> tuple[Leader, ...]:
    """Persons the registry affiliates with the actor, and persons the texts say lead it."""
    stated = {r.actor_id: r.documents for r in _related(relations, "leadership", aid, False)}
    people = [a for a in store.actor_children(aid) if a.kind.value == "person"]
    known = {a.id for a in people}
    people += [a for a in store.actors_by_ids(list(stated)) if a.id not in known]
    leaders = [
        Leader(a.id, a.name, a.role, a.status, fate(a.status), stated.get(a.id, 0)) for a in people
    ]
    return tuple(sorted(leaders, key=lambda x: (-x.documents, x.name)))


def _factions(store: View, aid: str, relations: list[RelationRecord]) -> tuple[RelatedActor, ...]:
    """Groups whose registry parent is the actor, and groups the texts call part of it."""
    stated = {r.actor_id: r for r in _related(relations, "membership", aid, False)}
    for a in store.actor_children(aid):
        if a.kind.value != "person":
            stated.setdefault(a.id, RelatedActor(a.id, a.name, "membership", 0, "", "", None))
    return tuple(sorted(stated.values(), key=lambda x: (-x.documents, x.name)))


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
