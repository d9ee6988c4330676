"""Run every extractor on a document: places, actors, facts, events -> ``Extraction``.

``extract_document(doc)`` is what the ingest pipeline calls; ``extract_text(text)`` does
the same for a plain string (a notebook, a test, an API call).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TypeVar

from pukara.extract.actors import (
    ActorMention,
    country_actions,
    drop_overlaps,
    extract_actors,
    registry_mentions,
)
from pukara.extract.attribution import attribute_facts
from pukara.extract.events import ActorRef, PlaceRef, extract_events
from pukara.extract.facts import extract_facts
from pukara.extract.matcher import tokenize
from pukara.extract.media import drop_cited_media
from pukara.extract.places import PlaceMention, extract_places
from pukara.extract.relations import extract_relations
from pukara.extract.routes import extract_routes
from pukara.extract.tables import extract_table_facts
from pukara.extract.text import fold, split_sentences
from pukara.model import (
    Actor,
    Document,
    Event,
    Extraction,
    Fact,
    FuzzyDate,
    Mention,
    Place,
    PlaceKind,
    Span,
)
from pukara.refdata.actors import load_actor_registry
from pukara.refdata.gazetteer import load_gazetteer

__all__ = ["extract_document", "extract_text"]

_R = TypeVar("_R", Event, Fact)


def extract_document(doc: Document, home_country: str = "PE") -> Extraction:
    """Everything Pukara can read from one document, each item with its char span."""
    text = doc.text
    folded = fold(text)
    tokens = tokenize(text, folded)
    sentences = split_sentences(text)
    claimed = registry_mentions(text, tokens, home_country)
    place_hits = extract_places(text, tokens, claimed, home_country)
    about = _home_of(place_hits, home_country)
    if about != home_country:  # a report on Colombia's side: "police" is Colombia's police
        home_country = about
        place_hits = extract_places(text, tokens, claimed, home_country)
    actor_hits = extract_actors(
        text, tokens, home_country, [(p.start, p.end) for p in place_hits], folded
    )
    actor_hits += country_actions(
        text,
        [(p.start, p.end, p.place.country or "") for p in place_hits
         if p.place.kind is PlaceKind.COUNTRY],
    )  # fmt: skip
    actor_hits = drop_cited_media(drop_overlaps(actor_hits), text)
    actor_hits = _resolve_successors(actor_hits, doc.published)
    # a place named inside an organisation's name ("Frente Policial de Cajamarca") is part
    # of that name, not a place the text speaks of
    orgs = [
        (a.start, a.end) for a in actor_hits if a.how == "new" and a.actor.kind.value != "person"
    ]
    place_hits = [p for p in place_hits if not any(s <= p.start and p.end <= e for s, e in orgs)]
    place_hits = _drop_defined_parts(place_hits, text)
    if doc.source is not None:  # the publisher naming itself ("InSight Crime Analysis")
        own = fold(doc.source.name)
        actor_hits = [a for a in actor_hits if fold(a.actor.name) != own]
    places: dict[str, Place] = {}
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    gaz = load_gazetteer()
    for ph in place_hits:
        places.setdefault(ph.place.id, ph.place)
        # the department too, so that analyses and maps can place what rolls up to it
        dept = gaz.get(ph.place.admin1_id) if ph.place.admin1_id else None
        if dept is not None:
            places.setdefault(dept.id, dept)
        mentions.append(Mention(doc.id, "place", ph.place.id, Span(ph.start, ph.end), ph.surface))
    for ah in actor_hits:
        actors.setdefault(ah.actor.id, ah.actor)
        mentions.append(Mention(doc.id, "actor", ah.actor.id, Span(ah.start, ah.end), ah.surface))
    datelines = [(m.start(), m.end()) for m in _DATELINE.finditer(text)]
    # "LIMA — Police seized...": the filing city is not where a figure applies
    place_spans = [
        (p.start, p.end, p.place.id) for p in place_hits
        if not any(s <= p.start < e for s, e in datelines)
    ]  # fmt: skip
    default_place = _default_place(place_hits, home_country)
    facts = extract_facts(
        text,
        sentences,
        doc.language,
        place_spans,
        default_place,
        f"country:{home_country}",
        published=doc.published,
    )
    facts += extract_table_facts(text, doc.language, place_spans, default_place, facts)
    facts = attribute_facts(
        facts, text, [(a.start, a.end, a.actor) for a in actor_hits], place_spans, default_place
    )
    events = extract_events(
        text,
        sentences,
        [PlaceRef(p.start, p.end, p.place.id, p.place.kind) for p in place_hits],
        [ActorRef(a.start, a.end, a.actor.id) for a in actor_hits],
        doc.published,
        doc.language,
    )
    return Extraction(
        document=doc,
        places=tuple(places.values()),
        actors=tuple(actors.values()),
        mentions=tuple(mentions),
        facts=tuple(_with_doc(f, doc) for f in facts),
        events=tuple(_with_doc(e, doc) for e in events),
        extracted_at=dt.datetime.now(dt.UTC),
        relations=tuple(
            replace(r, doc_id=doc.id, marking=doc.marking)
            for r in extract_relations(text, sentences, actor_hits, doc.published)
        ),
        routes=tuple(
            replace(r, doc_id=doc.id, marking=doc.marking)
            for r in extract_routes(text, sentences, place_spans)
        ),
    )


def extract_text(
    text: str,
    *,
    published: str | None = None,
    language: str | None = None,
    path: str = "<text>",
) -> Extraction:
    """Extract from a plain string; ``published`` is an ISO date ("2024-11-20")."""
    doc = Document(
        text=text,
        path=path,
        published=FuzzyDate.parse(published) if published else None,
        language=language,
    )
    return extract_document(doc)


def _home_of(hits: list[PlaceMention], home: str) -> str:
    """The country a text is about: ``home`` unless another country's places are named at
    least three times and three times as often as home's (zones and borders shared with
    home, like a river basin, count for home)."""
    counts: dict[str, int] = {}
    for h in hits:
        if h.place.country and h.place.kind is not PlaceKind.CONTINENT:
            counts[h.place.country] = counts.get(h.place.country, 0) + 1
    if not counts:
        return home
    top = max(counts, key=lambda c: counts[c])
    if top != home and counts[top] >= 3 and counts[top] >= 3 * counts.get(home, 0):
        return top
    return home


def _default_place(hits: list[PlaceMention], home: str) -> str | None:
    """Where a figure without a place of its own applies: the text's main region or zone,
    else its home country when named."""
    counts: dict[str, int] = {}
    for h in hits:
        if h.place.kind in {PlaceKind.REGION, PlaceKind.ZONE, PlaceKind.VALLEY}:
            counts[h.place.id] = counts.get(h.place.id, 0) + 1
    if counts:
        return max(counts, key=lambda k: counts[k])
    countries = [h.place.id for h in hits if h.place.kind is PlaceKind.COUNTRY]
    if f"country:{home}" in countries:
        return f"country:{home}"
    return countries[0] if countries else None


_DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .,()'-]{2,40}[ \t]*[—–-]{1,2}[ \t]", re.M)
# "los ríos Apurímac, Ene y Mantaro (Vraem)": the list of names right before a zone's
# acronym in brackets spells that zone out
_LIST_BEFORE = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ][\w'-]+(?:,\s*|\s+(?:y|e|and)\s+))+[A-ZÁÉÍÓÚÑ][\w'-]+\s*$"
)


def _drop_defined_parts(hits: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Places named inside the spelled-out name of a zone written with its acronym are parts
    of that name, not places of their own."""
    parts: list[tuple[int, int]] = []
    for h in hits:
        if text[h.start - 1 : h.start] == "(" and h.place.kind in {
            PlaceKind.ZONE,
            PlaceKind.VALLEY,
        }:
            m = _LIST_BEFORE.search(text[max(0, h.start - 80) : h.start - 1])
            if m:
                parts.append((h.start - 1 - (len(m.group()) - 0) + 0, h.start - 1))
    return [h for h in hits if not any(s <= h.start and h.end <= e for s, e in parts)]


def _resolve_successors(
    hits: list[ActorMention], published: FuzzyDate | None
) -> list[ActorMention]:
    """A group that had ended when the text was written ("FARC" in 2024) stands for its
    active offshoot named in the same text ("FARC dissidents")."""
    if published is None:
        return hits
    registry = load_actor_registry()
    present = {h.actor.id: h.actor for h in hits}
    out = []
    for h in hits:
        entry = registry.entries.get(h.actor.id)
        if entry and entry.active_until and entry.active_until < published.value.year:
            heirs = [a for a in present.values() if a.parent_id == h.actor.id]
            if len(heirs) == 1:
                h = replace(h, actor=heirs[0])
        out.append(h)
    return out


def _with_doc(record: _R, doc: Document) -> _R:
    """Tie a fact or event to its document and give it the document's marking."""
    return replace(record, doc_id=doc.id, marking=doc.marking)
