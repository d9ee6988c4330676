"""What the store answers: the records a reader gets back from a ``View``.

``Evidence`` is the one shape of "where this comes from" for every claim: the document,
the character span and sentence, the source with its Admiralty grade, the publication
date and title, and the marking. Documents come back as ``DocumentRow`` (a list entry) or
``StoredDocument`` (with its text); figures as ``FactRecord``; reports of an event as
``EventReport``; happenings (reports of the same event grouped) as ``EventCluster``; search
hits as ``SearchHit``. All are frozen; ids are the stable hashes of ``pukara.model.ids``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pukara.model.values import Marking

__all__ = [
    "ActorHit",
    "ClaimSpan",
    "DocumentRow",
    "EventCluster",
    "EventReport",
    "Evidence",
    "FactRecord",
    "MentionSpan",
    "ProblemRow",
    "RelationRecord",
    "SearchHit",
    "SourceDocument",
    "StoredDocument",
]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a claim was read from, and where that sentence came from."""

    doc_id: str
    start: int
    end: int
    text: str
    source: str | None = None
    grade: str | None = None  # Admiralty reliability + credibility, e.g. "B2"
    published: str | None = None
    title: str | None = None
    marking: Marking = field(default_factory=Marking)

    def cite(self) -> str:
        """One line: "Frontier Monitor (B2), 2024-08-22, doc 1a2b3c4d, TLP:CLEAR"."""
        who = self.source or "unknown source"
        if self.grade:
            who += f" ({self.grade})"
        when = self.published or "undated"
        return f"{who}, {when}, doc {self.doc_id[:8]}, {self.marking.label()}"


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    path: str
    title: str | None
    published: str | None
    language: str | None
    source: str | None
    reliability: str | None
    chars: int
    duplicate_of: str | None
    tlp: str
    credibility: int | None = None
    releasable_to: tuple[str, ...] = ()
    author: str | None = None

    @property
    def marking(self) -> Marking:
        from pukara.model.values import TLP

        return Marking(TLP(self.tlp), self.releasable_to)

    @property
    def grade(self) -> str | None:
        if self.reliability is None:
            return None
        return f"{self.reliability}{self.credibility if self.credibility is not None else ''}"


@dataclass(frozen=True, slots=True)
class StoredDocument:
    row: DocumentRow
    text: str  # "" when the audience may not read it (a protected source, for a partner)
    url: str | None
    media_type: str
    releasable_to: tuple[str, ...]
    copies: tuple[str, ...]  # ids of near-duplicates linked to this one (visible ones)
    counts: dict[str, int]  # mentions, facts, events stored for it
    source_url: str | None = None
    protected: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    title: str | None
    published: str | None
    snippet: str  # the matched words between [ and ]
    rank: float


@dataclass(frozen=True, slots=True)
class ProblemRow:
    path: str
    location: str
    reason: str
    created_at: str

    def __str__(self) -> str:
        return f"{self.path}: {self.location}: {self.reason}"


@dataclass(frozen=True, slots=True)
class FactRecord:
    """A figure with the sentence it was read from and where that sentence came from."""

    id: str
    indicator: str
    value: float
    value_max: float | None
    unit: str
    period: str | None
    place_id: str | None
    place_name: str | None
    original: str
    by: str | None  # the agency behind the estimate, when the text names it
    evidence: Evidence
    credibility: int = 6
    reliability: str = "F"

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id

    @property
    def marking(self) -> Marking:
        return self.evidence.marking

    @property
    def high(self) -> float:
        return self.value if self.value_max is None else self.value_max


@dataclass(frozen=True, slots=True)
class EventReport:
    """One report (event record) of a happening, with its document and source."""

    id: str
    type: str
    date: str | None
    place_id: str | None
    announced: bool
    actor_ids: tuple[str, ...]
    evidence: Evidence
    duplicate_of: str | None = None

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One happening and every report of it.

    ``n_documents`` counts independent documents (a near-duplicate is folded into the
    document it copies); ``n_sources`` the distinct known sources of those documents.
    ``doc_id`` and ``evidence`` give one example sentence.
    """

    id: str  # the smallest member event id
    type: str
    activity: str | None
    announced: bool
    date: str | None  # ISO at ``date_precision``
    date_precision: str | None
    place_id: str | None
    admin1_id: str | None
    actor_ids: tuple[str, ...]
    event_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    sources: tuple[str, ...]
    n_documents: int
    n_sources: int
    doc_id: str
    evidence: str

    @property
    def n_events(self) -> int:
        return len(self.event_ids)


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """Something read from one sentence of a document, as its page highlights it."""

    kind: str  # fact | event | relation | route
    id: str
    start: int
    end: int
    marking: Marking
    what: str | None = None  # indicator, event type, relation kind or route commodity
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    when: str | None = None  # period or date
    announced: bool = False
    names: tuple[str, str] | None = None  # a relation's two actors


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A place or actor named at [start, end) of a document."""

    start: int
    end: int
    kind: str  # place | actor
    ref_id: str
    name: str


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """A stated tie between two actors, with its sentence."""

    id: str
    kind: str
    source_id: str
    target_id: str
    source_name: str
    target_name: str
    cue: str
    date: str | None
    evidence: Evidence

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id


@dataclass(frozen=True, slots=True)
class SourceDocument:
    doc_id: str
    title: str | None
    published: str | None
    source: str | None
    reliability: str | None
    credibility: int | None


@dataclass(frozen=True, slots=True)
class ActorHit:
    id: str
    name: str
    kind: str
    country: str | None
    matched: str  # the alias that matched
