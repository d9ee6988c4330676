"""Writing a document and what was extracted from it, on any backend.

In: a ``Database`` inside a transaction, a ``Document``, its ``Extraction`` and its source.
Out: rows in documents, places, actors, mentions, facts, events, relations, routes and the
derived tables that analyses read without rescanning texts: ``event_actors`` (an event's
actors, one row each), ``actor_pairs`` (two actors named in one sentence) and
``actor_places`` (an actor and a place named in one sentence; an event's actors and place
are counted through the event clusters). The pairs are computed here from the document
alone, so the cost of a document does not grow with the size of the store.

Fusion on write: an actor discovered in this text ("new:...") that shares a name or an
alias with a stored actor becomes that actor. Every claim is at least as restricted as its
document. Ids are the stable hashes of ``pukara.model.ids``; writing the same claim twice
is a no-op.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from pukara.model import TLP, Document, Extraction, Marking, Mention, Source
from pukara.model.ids import event_id, fact_id, relation_id, route_id
from pukara.model.periods import day_hi, day_lo
from pukara.model.textnorm import fold
from pukara.store.db import Database

__all__ = ["insert_extraction", "marking_columns", "note_markings", "now", "upsert_source"]

# A sentence break between two mentions: a line break, or . ! ? … (and a closing quote) then a
# space and a capital, digit or opening mark. Mentions further apart than this are not tied.
_BREAK = re.compile(r"\n|[.!?…][\"”’»)]? [A-Z0-9ÁÉÍÓÚÑ¿¡\"“«(]")
_MAX_GAP = 400


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def marking_columns(marking: Marking) -> tuple[str, int, str]:
    """(tlp, tlp_rank, releasable_to as ',PE,CO,' or '') of a marking."""
    rel = f",{','.join(marking.releasable_to)}," if marking.releasable_to else ""
    return marking.tlp.value, marking.tlp.rank, rel


def note_markings(db: Database, markings: Iterable[Marking]) -> None:
    """Remember markings written, so that "does this reader see everything" is cheap."""
    db.many(
        "INSERT INTO markings_seen(tlp, tlp_rank, releasable_to) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        sorted({marking_columns(m) for m in markings}),
    )


def _stricter(doc: Document, claim: Marking) -> Marking:
    """A claim is at least as restricted as its document, and goes only where it may."""
    level = max(claim.tlp, doc.marking.tlp, key=lambda t: TLP(t).rank)
    return Marking(level, doc.marking.releasable_to)


def upsert_source(db: Database, source: Source | None) -> int | None:
    """The id of ``source`` (inserted if new; an explicit grade replaces 'cannot be judged')."""
    if source is None:
        return None
    db.run(
        "INSERT INTO sources(name, url, reliability, credibility) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO NOTHING",
        (source.name, source.url, source.reliability, source.credibility),
    )
    if source.grade != "F6":
        db.run(
            "UPDATE sources SET reliability = ?, credibility = ?, url = coalesce(?, url)"
            " WHERE name = ?",
            (source.reliability, source.credibility, source.url, source.name),
        )
    return int(db.scalar("SELECT id FROM sources WHERE name = ?", (source.name,)))


def insert_extraction(db: Database, doc: Document, ex: Extraction) -> None:
    """Everything read from ``doc`` (already stored), with the derived pair tables."""
    ex = _fuse_new_actors(db, ex)
    claims = [f.marking for f in ex.facts] + [e.marking for e in ex.events]
    claims += [r.marking for r in ex.relations] + [r.marking for r in ex.routes]
    note_markings(db, [doc.marking, *(_stricter(doc, m) for m in claims)])
    _insert_entities(db, ex)
    db.many(
        "INSERT INTO mentions(doc_id, kind, ref_id, span_start, span_end, surface)"
        " VALUES (?,?,?,?,?,?)",
        [(doc.id, m.kind, m.ref_id, m.span.start, m.span.end, m.surface) for m in ex.mentions],
    )
    _insert_facts(db, doc, ex)
    events = _insert_events(db, doc, ex)
    _insert_relations_and_routes(db, doc, ex)
    _insert_pairs(db, doc, ex.mentions, events)


def _insert_entities(db: Database, ex: Extraction) -> None:
    db.many(
        "INSERT INTO places(id, name, kind, country, admin1, lat, lon, parent_id, admin1_id)"
        " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
        [(p.id, p.name, p.kind.value, p.country, p.admin1,
          p.point.lat if p.point else None, p.point.lon if p.point else None,
          p.parent_id, p.admin1_id) for p in ex.places],
    )  # fmt: skip
    # A newer registry's role and fate replace the stored ones.
    db.many(
        "INSERT INTO actors(id, name, kind, country, parent_id, discovered, role, status)"
        " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
        " role = coalesce(excluded.role, actors.role),"
        " status = coalesce(excluded.status, actors.status)",
        [(a.id, a.name, a.kind.value, a.country, a.parent_id, int(a.id.startswith("new:")),
          a.role, a.status) for a in ex.actors],
    )  # fmt: skip
    db.many(
        "INSERT INTO actor_aliases(actor_id, alias, alias_key) VALUES (?,?,?)"
        " ON CONFLICT (actor_id, alias_key) DO NOTHING",
        [(a.id, alias, fold(alias)) for a in ex.actors for alias in (a.name, *a.aliases)],
    )


def _insert_facts(db: Database, doc: Document, ex: Extraction) -> None:
    published = doc.published.iso() if doc.published else None
    rows = []
    for f in ex.facts:
        tlp, rank, rel = marking_columns(_stricter(doc, f.marking))
        lo, hi = day_lo(f.period), day_hi(f.period)
        rows.append((
            fact_id(doc.id, f), doc.id, f.indicator, f.value, f.value_max, f.unit, f.period,
            lo, hi, lo or day_lo(published), hi or day_hi(published), f.place_id,
            f.evidence.start, f.evidence.end, f.evidence_text, f.original,
            getattr(f, "by", None), tlp, rank, rel, f.activity, int(f.effort),
        ))  # fmt: skip
    db.many(
        "INSERT INTO facts(id, doc_id, indicator, value, value_max, unit, period, period_lo,"
        " period_hi, when_lo, when_hi, place_id, span_start, span_end, evidence, original,"
        " by_agency, tlp, tlp_rank, releasable_to, activity, effort)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
        rows,
    )


def _insert_events(db: Database, doc: Document, ex: Extraction) -> list[tuple[str, ...]]:
    """Write the events and their actors; returns (event id, place id or '', *actors)."""
    rows, actors, kept = [], [], []
    for e in ex.events:
        ident = event_id(doc.id, e)
        tlp, rank, rel = marking_columns(_stricter(doc, e.marking))
        date = e.date.iso() if e.date else None
        rows.append((
            ident, doc.id, e.type, date, e.date.precision.value if e.date else None,
            day_lo(date), day_hi(date), e.place_id, json.dumps(list(e.actor_ids)),
            int(e.announced), e.evidence.start, e.evidence.end, e.evidence_text, tlp, rank,
            rel, e.activity, int(e.effort),
        ))  # fmt: skip
        unique = sorted(set(e.actor_ids))
        actors += [(a, ident) for a in unique]
        kept.append((ident, e.place_id or "", *unique))
    db.many(
        "INSERT INTO events(id, doc_id, type, date, date_precision, date_lo, date_hi, place_id,"
        " actor_ids, announced, span_start, span_end, evidence, tlp, tlp_rank, releasable_to,"
        " activity, effort) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (id) DO NOTHING",
        rows,
    )
    db.many(
        "INSERT INTO event_actors(actor_id, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        actors,
    )
    if rows:
        db.run("UPDATE store_state SET events_version = events_version + 1")
    return kept


def _insert_relations_and_routes(db: Database, doc: Document, ex: Extraction) -> None:
    rels = []
    for r in ex.relations:
        if r.source_id == r.target_id:
            continue
        tlp, rank, rel = marking_columns(_stricter(doc, r.marking))
        rels.append((
            relation_id(doc.id, r), doc.id, r.kind, r.source_id, r.target_id, r.cue,
            r.evidence_text, r.evidence.start, r.evidence.end,
            r.date.iso() if r.date else None, tlp, rank, rel,
        ))  # fmt: skip
    db.many(
        "INSERT INTO actor_relations(id, doc_id, kind, source_id, target_id, cue, evidence,"
        " span_start, span_end, date, tlp, tlp_rank, releasable_to)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
        rels,
    )
    routes = []
    for route in ex.routes:
        tlp, rank, rel = marking_columns(_stricter(doc, route.marking))
        span = route.span
        routes.append((
            route_id(doc.id, route), doc.id, route.id, route.commodity, route.mode,
            json.dumps(list(route.nodes)), route.evidence or "", span.start if span else 0,
            span.end if span else 0, tlp, rank, rel,
        ))  # fmt: skip
    db.many(
        "INSERT INTO routes(id, doc_id, route_key, commodity, mode, nodes, evidence,"
        " span_start, span_end, tlp, tlp_rank, releasable_to) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (id) DO NOTHING",
        routes,
    )


def _insert_pairs(
    db: Database, doc: Document, mentions: Sequence[Mention], events: list[tuple[str, ...]]
) -> None:
    actors = sorted((m for m in mentions if m.kind == "actor"), key=lambda m: m.span.start)
    places = sorted((m for m in mentions if m.kind == "place"), key=lambda m: m.span.start)
    pairs = {tuple(sorted((a.ref_id, b.ref_id))) for a, b in _tied(doc.text, actors, actors)}
    ties = {(a.ref_id, p.ref_id) for a, p in _tied(doc.text, actors, places)}
    for _, _, *who in events:  # an event is one sentence: its actors are named together
        pairs.update(itertools.combinations(who, 2))
    db.many(
        "INSERT INTO actor_pairs(actor_a, actor_b, doc_id) VALUES (?,?,?) ON CONFLICT DO NOTHING",
        sorted((a, b, doc.id) for a, b in pairs if a != b),
    )
    db.many(
        "INSERT INTO actor_places(actor_id, place_id, doc_id) VALUES (?,?,?)"
        " ON CONFLICT DO NOTHING",
        sorted((a, p, doc.id) for a, p in ties),
    )


def _tied(
    text: str, left: Sequence[Mention], right: Sequence[Mention]
) -> Iterator[tuple[Mention, Mention]]:
    """Pairs (l, r) of mentions of different entities with no sentence break between them
    and at most ``_MAX_GAP`` characters apart; both lists sorted by start."""
    first = 0
    for a in left:
        while first < len(right) and right[first].span.end < a.span.start - _MAX_GAP:
            first += 1
        for b in right[first:]:
            if b.span.start > a.span.end + _MAX_GAP:
                break
            if b.ref_id == a.ref_id or b is a:
                continue
            lo, hi = min(a.span.end, b.span.end), max(a.span.start, b.span.start)
            if not _BREAK.search(text, lo, hi + 1):
                yield a, b


def _fuse_new_actors(db: Database, ex: Extraction) -> Extraction:
    """An actor discovered in this text ("new:...") that shares a name or an alias with a
    stored actor ("Mendoza Mora" / "Carlos Mendoza Mora", alias "Araña") becomes that actor,
    in the actors, mentions, events and relations written here."""
    remap: dict[str, str] = {}
    for actor in ex.actors:
        if not actor.id.startswith("new:"):
            continue
        keys = sorted({fold(a) for a in (actor.name, *actor.aliases)})
        cond, params = db.in_list("alias_key", keys)
        row = db.one(
            f"SELECT actor_id FROM actor_aliases WHERE {cond} AND actor_id != ?"
            " ORDER BY CASE WHEN actor_id LIKE 'new:%' THEN 1 ELSE 0 END, actor_id LIMIT 1",
            (*params, actor.id),
        )
        if row is not None:
            remap[actor.id] = row[0]
    if not remap:
        return ex

    def to(ident: str) -> str:
        return remap.get(ident, ident)

    return replace(
        ex,
        actors=tuple(a for a in ex.actors if a.id not in remap),
        mentions=tuple(replace(m, ref_id=to(m.ref_id)) for m in ex.mentions),
        events=tuple(replace(e, actor_ids=tuple(map(to, e.actor_ids))) for e in ex.events),
        relations=tuple(
            replace(r, source_id=to(r.source_id), target_id=to(r.target_id)) for r in ex.relations
        ),
    )
