"""The domain records: what Pukara knows and where each piece came from.

A ``Document`` is a report as ingested; ``Place`` and ``Actor`` are resolved entities;
``Mention`` ties an entity to a char span of a document; ``Fact`` and ``Event`` are claims
that always carry their evidence span; ``Observation`` is a structured record from a sensor
or an operation. Records are frozen so that they can be passed around and hashed safely.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from pukara.model.values import FuzzyDate, Marking, Point, Span, validate_admiralty

__all__ = [
    "Actor",
    "ActorKind",
    "ActorRelation",
    "Document",
    "Event",
    "Extraction",
    "Fact",
    "Mention",
    "Observation",
    "Place",
    "PlaceKind",
    "Route",
    "Source",
    "content_hash",
]


class PlaceKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    PROVINCE = "province"
    DISTRICT = "district"
    TOWN = "town"
    RIVER = "river"
    VALLEY = "valley"
    ZONE = "zone"
    BORDER = "border"
    CONTINENT = "continent"
    OTHER = "other"


class ActorKind(StrEnum):
    ARMED_GROUP = "armed_group"
    CRIMINAL_GROUP = "criminal_group"
    STATE_AGENCY = "state_agency"
    SECURITY_FORCE = "security_force"
    GOVERNMENT = "government"
    INTERNATIONAL_ORG = "international_org"
    COMPANY = "company"
    PERSON = "person"
    OTHER = "other"


def content_hash(text: str) -> str:
    """SHA-256 of the text after Unicode NFC and whitespace folding.

    Two copies that differ only in line breaks or spacing hash alike, so a re-ingest of the
    same report (saved again, converted, re-wrapped) adds nothing.
    """
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """A publisher or originator, graded Admiralty style (reliability A-F, credibility 1-6)."""

    name: str
    url: str | None = None
    reliability: str = "F"
    credibility: int = 6

    def __post_init__(self) -> None:
        validate_admiralty(self.reliability, self.credibility)

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True, slots=True)
class Document:
    """A report's clean main text with its metadata and handling marking."""

    text: str
    path: str
    title: str | None = None
    published: FuzzyDate | None = None
    language: str | None = None
    source: Source | None = None
    url: str | None = None
    media_type: str = "text/plain"
    marking: Marking = field(default_factory=Marking)
    hash: str = ""
    author: str | None = None  # the person (or desk) who wrote it; the publisher is source

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))

    @property
    def id(self) -> str:
        return self.hash[:16]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: an administrative unit, a town, a river, a zone or a border."""

    id: str
    name: str
    kind: PlaceKind
    country: str | None
    point: Point | None
    admin1: str | None = None
    ubigeo: str | None = None
    parent_id: str | None = None
    population: int | None = None
    alt_names: tuple[str, ...] = ()
    admin1_id: str | None = None  # gazetteer id of the first-level division it lies in


@dataclass(frozen=True, slots=True)
class Actor:
    """An organisation, armed or criminal group, state body or person, with its aliases."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    aliases: tuple[str, ...] = ()
    parent_id: str | None = None
    notes: str | None = None
    role: str | None = None  # persons: "top leader of the MPCP"
    status: str | None = None  # persons: fate as last known, "killed 2013-08-11 (...)"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names a place or an actor."""

    doc_id: str
    kind: str  # "place" | "actor"
    ref_id: str
    span: Span
    surface: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantitative statement: indicator, value (and upper end of a range), unit, period, place.

    ``evidence`` points at the sentence it came from; ``original`` keeps the number as written.
    """

    indicator: str
    value: float
    unit: str
    evidence: Span
    evidence_text: str
    original: str
    period: str | None = None
    place_id: str | None = None
    value_max: float | None = None
    doc_id: str | None = None
    marking: Marking = field(default_factory=Marking)
    activity: str | None = None  # coca, gold_mining, ... (from the indicator taxonomy)
    effort: bool = False  # True when the figure measures state effort (eradication, ...)
    by: str | None = None  # the agency behind the figure (actor id): "según Devida"


@dataclass(frozen=True, slots=True)
class Event:
    """A happening (seizure, attack, deployment, ...) with date, place and actors."""

    type: str
    evidence: Span
    evidence_text: str
    date: FuzzyDate | None = None
    place_id: str | None = None
    actor_ids: tuple[str, ...] = ()
    announced: bool = False  # True when the text announces it rather than reports it done
    doc_id: str | None = None
    marking: Marking = field(default_factory=Marking)
    activity: str | None = None  # the illicit economy or conflict it belongs to
    effort: bool = False  # True when the state acts (eradication, seizure, deployment, ...)


@dataclass(frozen=True, slots=True)
class ActorRelation:
    """A sentence that ties two actors: alliance, rivalry, leadership or membership.

    In directed kinds the source is the leader or the member ("the MPCP, led by Víctor
    Quispe Palomino": source Víctor, target MPCP); in alliance and rivalry the order is as
    written. ``evidence`` is the sentence; ``date`` is when it was stated (publication).
    """

    kind: str  # "alliance" | "rivalry" | "leadership" | "membership" (refdata cue kinds)
    source_id: str
    target_id: str
    evidence: Span
    evidence_text: str
    doc_id: str | None = None
    date: FuzzyDate | None = None
    cue: str = ""  # the words that state it, as written ("se disputan")
    marking: Marking = field(default_factory=Marking)


@dataclass(frozen=True, slots=True)
class Observation:
    """A structured record from a sensor or an operation (CSV row, GeoJSON feature)."""

    kind: str
    observed_at: FuzzyDate | None
    source_path: str
    where: str  # "row 12", "<feature 3>": where in the file it came from
    point: Point | None = None
    geometry: str | None = None  # GeoJSON geometry as text when not a point
    sensor: str | None = None
    unit: str | None = None
    value: float | None = None
    confidence: float | None = None
    place: str | None = None
    external_id: str | None = None
    properties: tuple[tuple[str, str], ...] = ()
    marking: Marking = field(default_factory=Marking)

    def __post_init__(self) -> None:
        if self.confidence is not None and not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1]")

    @property
    def id(self) -> str:
        key = f"{self.source_path}|{self.external_id or self.where}|{self.kind}"
        key += f"|{self.observed_at}|{self.point}|{self.value}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Route:
    """A trafficking route: what moves (commodity), how (mode) and through which places.

    ``nodes`` are gazetteer place ids in the order the goods travel (origin first). A curated
    route (``refdata/data/routes.yaml``) cites its ``sources`` and ``period`` and keeps the
    file's note as ``evidence``; a route read from a text carries ``doc_id``, the sentence as
    ``evidence`` and its ``span``.
    ``commodity`` and ``mode`` are None when a text does not say.
    """

    id: str
    commodity: str | None
    mode: str | None
    nodes: tuple[str, ...]
    sources: tuple[str, ...] = ()
    period: str | None = None
    doc_id: str | None = None
    evidence: str | None = None
    span: Span | None = None
    marking: Marking = field(default_factory=Marking)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document: resolved places and actors with their
    mentions, facts and events."""

    document: Document
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = ()
    events: tuple[Event, ...] = ()
    extracted_at: dt.datetime | None = None
    relations: tuple[ActorRelation, ...] = ()
    routes: tuple[Route, ...] = ()
