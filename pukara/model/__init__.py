"""Pukara's domain vocabulary: records and value types. Imports nothing else from pukara."""

from pukara.model.records import (
    Actor,
    ActorKind,
    Document,
    Event,
    Extraction,
    Fact,
    Mention,
    Observation,
    Place,
    PlaceKind,
    Source,
    content_hash,
)
from pukara.model.values import TLP, DatePrecision, FuzzyDate, Marking, Point, Span

__all__ = [
    "TLP",
    "Actor",
    "ActorKind",
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
    "Source",
    "Span",
    "content_hash",
]
