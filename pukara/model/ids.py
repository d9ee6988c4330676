"""Stable identifiers of the claims read from a document.

A figure, an event, a relation or a route statement is named by a hash of the document it
came from, where in the text it stands and what it says, so that the same document gives
the same ids in any store, rebuilt or copied, and links (``/facts/<id>``, a correction, a
citation in a brief) survive a rebuild. Ids are 16 hex digits (64 bits of SHA-256).
"""

from __future__ import annotations

import hashlib

from pukara.model.records import ActorRelation, Event, Fact, Route

__all__ = ["claim_id", "event_id", "fact_id", "relation_id", "route_id"]


def claim_id(kind: str, doc_id: str, *parts: object) -> str:
    """16 hex digits naming a claim of ``kind`` read from ``doc_id``."""
    key = "\x1f".join([kind, doc_id, *(("" if p is None else str(p)) for p in parts)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def fact_id(doc_id: str, fact: Fact) -> str:
    return claim_id(
        "fact", doc_id, fact.evidence.start, fact.evidence.end, fact.indicator,
        repr(float(fact.value)), fact.unit, fact.period, fact.original, fact.place_id,
    )  # fmt: skip


def event_id(doc_id: str, event: Event) -> str:
    date = event.date.iso() if event.date else None
    return claim_id(
        "event", doc_id, event.evidence.start, event.evidence.end, event.type, event.place_id,
        date,
    )  # fmt: skip


def relation_id(doc_id: str, relation: ActorRelation) -> str:
    return claim_id(
        "relation", doc_id, relation.evidence.start, relation.kind, relation.source_id,
        relation.target_id,
    )  # fmt: skip


def route_id(doc_id: str, route: Route) -> str:
    start = route.span.start if route.span else 0
    return claim_id("route", doc_id, start, route.id)
