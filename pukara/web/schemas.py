"""Pydantic models of the JSON API (the edge; records inside stay frozen dataclasses).

Each ``*Out`` model is what one ``/api/...`` endpoint answers and what OpenAPI documents;
``from_*`` constructors turn the library's records into them. Analysis records
(``ActorProfile``, ``Hotspot``, ``SeriesPoint``, ``RegionShift``) are nested as they are:
pydantic reads their dataclass fields.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from pukara.analyse.actors import ActorProfile
from pukara.analyse.documents import claim_label
from pukara.analyse.hotspots import Hotspot
from pukara.analyse.mapdata import PointLayer
from pukara.analyse.places import describe_place
from pukara.analyse.series import SeriesPoint
from pukara.analyse.shifts import RegionShift
from pukara.model import ClaimSpan, EventCluster, EventReport, FactRecord, Place
from pukara.refdata.labels import event_type_label, indicator_label

__all__ = [
    "ActorOut",
    "ClaimOut",
    "DocumentOut",
    "ErrorOut",
    "EventDetailOut",
    "EventOut",
    "EventPageOut",
    "FactOut",
    "FactPageOut",
    "MapPointsOut",
    "OptionOut",
    "OptionsOut",
    "PeriodCount",
    "PlaceDetailOut",
    "PlaceOut",
    "PointLayerOut",
    "ReportOut",
    "SearchOut",
    "SeriesOut",
]


class ErrorOut(BaseModel):
    """Every error: a stable code and a message for people."""

    error: str = Field(examples=["not_found"])
    detail: str = Field(examples=["place 'pe:99': not in the store"])


class PointLayerOut(BaseModel):
    """Counts per place as parallel arrays: entry i is place ids[i] at (lat[i], lon[i])."""

    ids: list[str]
    names: list[str]
    lat: list[float]
    lon: list[float]
    n: list[int]
    total: int = Field(description="records that passed the filters")
    unmapped: int = Field(description="of which without a place precise enough to map")

    @classmethod
    def from_layer(cls, layer: PointLayer) -> PointLayerOut:
        return cls(ids=list(layer.ids), names=list(layer.names), lat=list(layer.lat),
                   lon=list(layer.lon), n=list(layer.n), total=layer.total,
                   unmapped=layer.unmapped)  # fmt: skip


class MapPointsOut(BaseModel):
    events: PointLayerOut
    facts: PointLayerOut
    events_by_department: dict[str, int]
    facts_by_department: dict[str, int]
    counted: str = Field(description="'happenings' (reports grouped) or 'reports'")


class PlaceOut(BaseModel):
    id: str
    name: str
    kind: str
    description: str
    country: str | None
    admin1: str | None
    admin1_id: str | None
    parent_id: str | None
    lat: float | None
    lon: float | None
    url: str

    @classmethod
    def from_record(cls, p: Place) -> PlaceOut:
        return cls(id=p.id, name=p.name, kind=p.kind.value, description=describe_place(p),
                   country=p.country, admin1=p.admin1, admin1_id=p.admin1_id,
                   parent_id=p.parent_id, lat=p.point.lat if p.point else None,
                   lon=p.point.lon if p.point else None, url=f"/places/{p.id}")  # fmt: skip


class EventOut(BaseModel):
    """One happening: every report of the same event grouped."""

    id: str = Field(pattern=r"^[0-9a-f]{16}$")
    type: str
    type_label: str
    activity: str | None
    announced: bool
    date: str | None
    date_precision: str | None
    place_id: str | None
    place_name: str | None
    actor_ids: list[str]
    n_reports: int
    n_documents: int = Field(description="independent documents (near-duplicates folded)")
    n_sources: int
    sources: list[str]
    doc_id: str = Field(description="document of the example sentence")
    evidence: str
    url: str

    @classmethod
    def from_cluster(cls, c: EventCluster, place_name: str | None = None) -> EventOut:
        return cls(id=c.id, type=c.type, type_label=event_type_label(c.type),
                   activity=c.activity, announced=c.announced, date=c.date,
                   date_precision=c.date_precision, place_id=c.place_id, place_name=place_name,
                   actor_ids=list(c.actor_ids), n_reports=c.n_events,
                   n_documents=c.n_documents, n_sources=c.n_sources, sources=list(c.sources),
                   doc_id=c.doc_id, evidence=c.evidence, url=f"/events/{c.id}")  # fmt: skip


class PeriodCount(BaseModel):
    period: str
    n: int


class EventPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    counted: str
    items: list[EventOut]
    by_year: list[PeriodCount]
    by_month: list[PeriodCount]


class ReportOut(BaseModel):
    event_id: str
    doc_id: str
    title: str | None
    source: str | None
    grade: str | None
    published: str | None
    date: str | None
    type: str
    place_id: str | None
    announced: bool
    evidence: str
    marking: str
    duplicate_of: str | None
    url: str = Field(description="the document with this sentence highlighted")

    @classmethod
    def from_report(cls, r: EventReport) -> ReportOut:
        e = r.evidence
        return cls(event_id=r.id, doc_id=e.doc_id, title=e.title, source=e.source,
                   grade=e.grade, published=e.published, date=r.date, type=r.type,
                   place_id=r.place_id, announced=r.announced, evidence=e.text,
                   marking=e.marking.label(), duplicate_of=r.duplicate_of,
                   url=f"/documents/{e.doc_id}?event={r.id}#evidence")  # fmt: skip


class EventDetailOut(BaseModel):
    event: EventOut
    marking: str = Field(description="most restrictive marking of the reports")
    reports: list[ReportOut]


class FactOut(BaseModel):
    id: str
    doc_id: str
    indicator: str
    indicator_label: str
    value: float
    value_max: float | None
    unit: str
    period: str | None
    place_id: str | None
    place_name: str | None
    evidence: str
    original: str
    by: str | None = Field(description="the agency behind the estimate, when named")
    source: str | None
    grade: str | None
    published: str | None
    marking: str
    url: str = Field(description="the document with this sentence highlighted")

    @classmethod
    def from_row(cls, f: FactRecord) -> FactOut:
        e = f.evidence
        return cls(id=f.id, doc_id=f.doc_id, indicator=f.indicator,
                   indicator_label=indicator_label(f.indicator), value=f.value,
                   value_max=f.value_max, unit=f.unit, period=f.period, place_id=f.place_id,
                   place_name=f.place_name, evidence=e.text, original=f.original, by=f.by,
                   source=e.source, grade=e.grade, published=e.published,
                   marking=e.marking.label(),
                   url=f"/documents/{f.doc_id}?fact={f.id}#evidence")  # fmt: skip


class FactPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[FactOut]


class PlaceDetailOut(BaseModel):
    place: PlaceOut
    facts: list[FactOut]
    n_facts: int
    events: list[EventOut]
    n_events: int
    score_level: str
    score: Hotspot | None = Field(description="convergence hotspot covering the place")
    shifts_before: list[str] | None
    shifts_after: list[str] | None
    shifts: list[RegionShift]
    indicators: dict[str, int]


class ActorOut(BaseModel):
    profile: ActorProfile
    events: list[EventOut]
    n_events: int


class ClaimOut(BaseModel):
    kind: str
    id: str
    start: int
    end: int
    label: str
    marking: str
    url: str

    @classmethod
    def from_claim(cls, doc_id: str, c: ClaimSpan) -> ClaimOut:
        return cls(kind=c.kind, id=c.id, start=c.start, end=c.end, label=claim_label(c),
                   marking=c.marking.label(),
                   url=f"/documents/{doc_id}?{c.kind}={c.id}#evidence")  # fmt: skip


class DocumentOut(BaseModel):
    id: str
    title: str | None
    published: str | None
    language: str | None
    source: str | None
    reliability: str | None
    credibility: int | None
    url: str | None
    media_type: str
    marking: str
    duplicate_of: str | None
    copies: list[str]
    text: str
    claims: list[ClaimOut]


class SearchDocumentOut(BaseModel):
    doc_id: str
    title: str | None
    published: str | None
    snippet: str = Field(description="matched words between [ and ]")
    url: str


class SearchActorOut(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    matched: str
    url: str


class SearchOut(BaseModel):
    query: str
    documents: list[SearchDocumentOut]
    places: list[PlaceOut]
    actors: list[SearchActorOut]


class SeriesOut(BaseModel):
    indicator: str
    indicator_label: str
    place: str | None
    points: list[SeriesPoint]


class OptionOut(BaseModel):
    value: str
    label: str
    count: int


class OptionsOut(BaseModel):
    activities: list[OptionOut]
    indicators: list[OptionOut]
    event_types: list[OptionOut]
    actors: list[OptionOut]
