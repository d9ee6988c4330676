"""Pukara's domain vocabulary: records and value types. Imports nothing else from pukara."""

from pukara.model.records import (
    Actor,
    ActorKind,
    ActorRelation,
    Document,
    Event,
    Extraction,
    Fact,
    Mention,
    Observation,
    Place,
    PlaceKind,
    Route,
    Source,
    content_hash,
)
from pukara.model.values import TLP, DatePrecision, FuzzyDate, Marking, Point, Span

__all__ = [
    "TLP",
    "Actor",
    "ActorKind",
    "ActorRelation",
    "DatePrecision",
    "Document",
    "Event",
    "Extraction",
    "Fact",
    "FuzzyDate",
    "Marking",
    "Mention",
    "Observation",
    "Place",
    "PlaceKind",
    "Point",
    "Route",
    "Source",
    "Span",
    "content_hash",
]
