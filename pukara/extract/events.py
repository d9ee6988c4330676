"""Find events (seizures, eradication, attacks, deployments, ...) sentence by sentence.

In: the text, its sentences, the resolved place and actor mentions and the publication date.
Out: ``Event`` records typed from ``event_types.yaml``: a sentence with a trigger (and, for
generic triggers, one of the words the type requires) is an event of that type. The date is
the one written in the sentence, else a year, else a relative day ("on Monday", "ayer")
counted from the publication date, else the publication month. The place is the most
specific place named in the sentence; actors are those named in it. Future markers
("will", "plans to", "meta") make it an announcement; negations drop it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.text import Sentence, fold
from pukara.model import DatePrecision, Event, FuzzyDate, PlaceKind, Span
from pukara.model.dates import find_dates
from pukara.refdata.taxonomy import EventTypes, load_event_types

__all__ = ["extract_events"]

_SPECIFIC = [
    PlaceKind.TOWN, PlaceKind.DISTRICT, PlaceKind.RIVER, PlaceKind.PROVINCE, PlaceKind.VALLEY,
    PlaceKind.ZONE, PlaceKind.BORDER, PlaceKind.REGION, PlaceKind.COUNTRY, PlaceKind.CONTINENT,
    PlaceKind.OTHER,
]  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sabado": 5, "domingo": 6,
}  # fmt: skip
_YEAR = re.compile(r"\b(?:in|en|during|durante|since|desde|del|de)\s+(?:el\s+)?((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class PlaceRef:
    start: int
    end: int
    place_id: str
    kind: PlaceKind


@dataclass(frozen=True, slots=True)
class ActorRef:
    start: int
    end: int
    actor_id: str


@dataclass(frozen=True, slots=True)
class _Taxonomy:
    types: EventTypes
    future: re.Pattern[str]
    negation: re.Pattern[str]

    def is_future(self, folded_sentence: str) -> bool:
        return self.future.search(folded_sentence) is not None

    def negated(self, folded_sentence: str, trigger_at: int) -> bool:
        """A negation marker in the few words before the trigger ("did not seize")."""
        window = folded_sentence[max(0, trigger_at - 30) : trigger_at]
        return self.negation.search(window) is not None


def _alternation(words: list[str]) -> str:
    cleaned = sorted({fold(w).strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in cleaned)


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Taxonomy, dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]]:
    types = load_event_types()
    future = [w for markers in types.tense.values() for w in markers.future]
    negation = [w for words in types.negation.values() for w in words]
    tax = _Taxonomy(
        types,
        re.compile(r"\b(?:" + _alternation(future) + r")\b"),
        re.compile(r"\b(?:" + _alternation(negation) + r")"),
    )
    compiled = {}
    for et in types:
        triggers = sorted(
            {fold(t) for t in (*et.triggers_en, *et.triggers_es)}, key=len, reverse=True
        )
        trig = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in triggers) + ")")
        req = None
        if et.requires_any:
            words = sorted(
                {fold(w).strip() for w in et.requires_any if w.strip()}, key=len, reverse=True
            )
            req = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")
        compiled[et.id] = (trig, req)
    return tax, compiled


def extract_events(
    text: str,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceRef],
    actors: Sequence[ActorRef],
    published: FuzzyDate | None,
    language: str | None,
) -> list[Event]:
    """Events in ``text``, at most one per type and sentence, de-duplicated by
    (type, place, date) within the document."""
    tax, compiled = _patterns()
    default_place = _main_place(places)
    seen: set[tuple[str, str | None, str | None]] = set()
    out: list[Event] = []
    for sent in sentences:
        folded = fold(sent.text)
        if len(folded) < 25:
            continue
        matched = []
        for et in tax.types:
            trig, req = compiled[et.id]
            m = trig.search(folded)
            if m is None or (req is not None and not req.search(folded)):
                continue
            if not tax.negated(folded, m.start()):
                matched.append(et.id)
        for type_id in _most_specific(matched):
            event = _event(type_id, sent, folded, places, actors, published, default_place, tax)
            key = (event.type, event.place_id, event.date.iso() if event.date else None)
            if key not in seen:
                seen.add(key)
                out.append(event)
    return out


# Types that describe the telling more than the happening: used only when nothing more
# specific fits the sentence.
_GENERIC = {"operation", "announcement", "report_release", "law_policy", "agreement",
            "funding_announcement"}  # fmt: skip
# A more specific type makes these redundant in the same sentence.
_SUBSUMES = {
    "leader_killed": {"killing", "attack", "clash"},
    "leader_captured": {"arrest"},
    "ambush": {"attack", "clash", "killing"},
    "lab_destruction": {"seizure"},
    "emergency_declaration": {"law_policy", "deployment"},
}


def _most_specific(matched: list[str]) -> list[str]:
    """At most two event types per sentence, specific ones first (taxonomy order)."""
    specific = [t for t in matched if t not in _GENERIC]
    for t in list(specific):
        specific = [u for u in specific if u not in _SUBSUMES.get(t, set())]
    if specific:
        return specific[:2]
    return matched[:1]


def _event(
    type_id: str,
    sent: Sentence,
    folded: str,
    places: Sequence[PlaceRef],
    actors: Sequence[ActorRef],
    published: FuzzyDate | None,
    default_place: str | None,
    tax: _Taxonomy,
) -> Event:
    inside = [
        p for p in places
        if sent.start <= p.start < sent.end and not _dateline(sent.text, p.start - sent.start)
    ]  # fmt: skip
    inside.sort(key=lambda p: _SPECIFIC.index(p.kind))
    place = inside[0].place_id if inside else default_place
    who = tuple(dict.fromkeys(a.actor_id for a in actors if sent.start <= a.start < sent.end))
    et = tax.types.get(type_id)
    agents = dict(et.actor_roles).get("agent", ()) if et else ()
    return Event(
        activity=et.activity if et else None,
        # the state acts when the type's agents are state bodies (eradication, seizure, ...)
        effort=bool(set(agents) & {"state_agency", "security_force", "government"}),
        type=type_id,
        evidence=Span(sent.start, sent.end),
        evidence_text=sent.text,
        date=_date(sent.text, folded, published),
        place_id=place,
        actor_ids=who,
        announced=tax.is_future(folded),
    )


_DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑ .,()'-]{3,40}(?:\s*\([^)]*\))?\s*[—–-]{1,2}\s")


def _dateline(sentence: str, offset: int) -> bool:
    """'LIMA — Two soldiers...': the city a report was filed from, not where it happened."""
    m = _DATELINE.match(sentence)
    return m is not None and offset < m.end()


def _main_place(places: Sequence[PlaceRef]) -> str | None:
    """The most mentioned place below country level: where the text is about."""
    counts: dict[str, int] = {}
    for p in places:
        if p.kind not in {PlaceKind.COUNTRY, PlaceKind.CONTINENT}:
            counts[p.place_id] = counts.get(p.place_id, 0) + 1
    if not counts:
        countries = [p.place_id for p in places]
        return max(set(countries), key=countries.count) if countries else None
    return max(counts, key=lambda k: counts[k])


def _date(sentence: str, folded: str, published: FuzzyDate | None) -> FuzzyDate | None:
    dates = find_dates(sentence)
    if dates:
        return dates[0][2]
    year = _YEAR.search(folded)
    if year:
        return FuzzyDate(dt.date(int(year.group(1)), 1, 1), DatePrecision.YEAR)
    if published is None:
        return None
    relative = _relative(folded, published)
    if relative is not None:
        return relative
    return FuzzyDate(published.value.replace(day=1), DatePrecision.MONTH)


def _relative(folded: str, published: FuzzyDate) -> FuzzyDate | None:
    """'yesterday', 'ayer', 'on Monday', 'el lunes' counted back from the publication day."""
    if published.precision is not DatePrecision.DAY:
        return None
    day = published.value
    if re.search(r"\b(?:yesterday|ayer)\b", folded):
        return FuzzyDate(day - dt.timedelta(days=1), DatePrecision.DAY)
    if re.search(r"\b(?:today|hoy|this morning|esta manana)\b", folded):
        return FuzzyDate(day, DatePrecision.DAY)
    m = re.search(
        r"\b(?:on|last|el|este|el pasado|this)\s+(" + "|".join(_WEEKDAYS) + r")\b", folded
    )
    if m:
        back = (day.weekday() - _WEEKDAYS[m.group(1)]) % 7 or 7
        return FuzzyDate(day - dt.timedelta(days=back), DatePrecision.DAY)
    return None
