"""Who stands behind a figure, and the country it measures when that is not the agency's.

In: the facts of a text, the text, the actors found in it as (start, end, Actor), its place
mentions as (start, end, place id) and the place a figure without one of its own takes.
Out: the same facts, each with ``by`` set to the id of the organisation the sentence
credits with the figure: one named after a cue ("según Devida", "according to the UNODC",
"presentado por ... (Devida)") or before one ("ONDCP estimated", "the UN survey"), the
nearest to the figure if several are; a country that acts ("Estados Unidos estimó")
stands for its government. A figure credited to one country's agency whose place
is that country, named as part of the credit ("the U.S. government estimated"), measures
another: it takes the sentence's other place, else the text's main place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pukara.extract.text import fold
from pukara.model import Actor, ActorKind, Fact, PlaceKind
from pukara.refdata.actors import load_actor_registry
from pukara.refdata.figures import load_figure_terms
from pukara.refdata.gazetteer import load_gazetteer

__all__ = ["attribute_facts"]

_AGENCIES = frozenset(
    {
        ActorKind.STATE_AGENCY,
        ActorKind.GOVERNMENT,
        ActorKind.INTERNATIONAL_ORG,
        ActorKind.SECURITY_FORCE,
        ActorKind.OTHER,  # research bodies and NGOs publish estimates too
    }
)
_BEFORE_WINDOW = 90  # chars between a cue and the organisation it introduces
_AFTER_WINDOW = 25  # chars between an organisation and the verb or noun after it
_CREDIT_ZONE = 30  # chars before an organisation where its own country belongs to the credit

ActorSpan = tuple[int, int, Actor]
PlaceSpan = tuple[int, int, str]


def attribute_facts(
    facts: Sequence[Fact],
    text: str,
    actors: Sequence[ActorSpan],
    places: Sequence[PlaceSpan],
    default_place: str | None,
) -> list[Fact]:
    """``facts`` with ``by`` (and, for a credit to a foreign agency, the place) set."""
    folded = fold(text)
    credits = _credits(actors, places)
    out = []
    for fact in facts:
        start, end = fact.evidence.start, fact.evidence.end
        at = text.find(fact.original, start, end)
        at = start if at < 0 else at
        cued = [
            c for c in credits if start <= c.start and c.end <= end and _cued(folded, c, start, end)
        ]
        if not cued:
            out.append(fact)
            continue
        credit = min(cued, key=lambda c: abs(c.start - at))
        if credit.by is not None:
            fact = replace(fact, by=credit.by)
        out.append(_measured_place(fact, credit, at, places, default_place))
    return out


@dataclass(frozen=True, slots=True)
class _Credit:
    """Who a sentence may credit with a figure: an organisation, or a country that acts
    ("Estados Unidos estimó"), which stands for its government when the registry has one."""

    start: int
    end: int
    by: str | None
    country: str | None


def _credits(actors: Sequence[ActorSpan], places: Sequence[PlaceSpan]) -> list[_Credit]:
    out = [_Credit(s, e, a.id, a.country) for s, e, a in actors if a.kind in _AGENCIES]
    taken = [(c.start, c.end) for c in out]
    gaz = load_gazetteer()
    for s, e, pid in places:
        place = gaz.get(pid)
        if place is None or place.kind is not PlaceKind.COUNTRY or not place.country:
            continue
        if not any(ts <= s and e <= te for ts, te in taken):
            out.append(_Credit(s, e, _governments().get(place.country), place.country))
    return sorted(out, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _governments() -> dict[str, str]:
    """Country code -> the id of its national government in the actor registry."""
    out: dict[str, str] = {}
    for actor_id, entry in load_actor_registry().entries.items():
        actor = entry.actor
        if actor.kind is ActorKind.GOVERNMENT and actor.country:
            out.setdefault(actor.country, actor_id)
    return out


def _cued(folded: str, credit: _Credit, lo: int, hi: int) -> bool:
    patterns = _patterns()
    if patterns.before.search(folded, max(lo, credit.start - _BEFORE_WINDOW), credit.start):
        return True
    end = min(hi, credit.end + _AFTER_WINDOW)
    return patterns.after.match(folded, credit.end, end) is not None


def _measured_place(
    fact: Fact,
    credit: _Credit,
    at: int,
    places: Sequence[PlaceSpan],
    default_place: str | None,
) -> Fact:
    """A figure whose place is its agency's own country, named in the credit, takes the
    sentence's other place (nearest first), else the text's main place."""
    own = credit.country
    if own is None or fact.place_id is None or _country(fact.place_id) != own:
        return fact
    lo, hi = credit.start - _CREDIT_ZONE, credit.end
    if not any(pid == fact.place_id and lo <= s and e <= hi for s, e, pid in places):
        return fact  # the sentence names that country as where it happened
    others = [
        (abs(s - at), pid)
        for s, _, pid in places
        if fact.evidence.start <= s < fact.evidence.end
        and not lo <= s < hi
        and _country(pid) != own
    ]
    if others:
        return replace(fact, place_id=min(others)[1])
    if default_place is not None and _country(default_place) != own:
        return replace(fact, place_id=default_place)
    return fact


def _country(place_id: str) -> str | None:
    place = load_gazetteer().get(place_id)
    return place.country if place else None


@dataclass(frozen=True, slots=True)
class _Patterns:
    before: re.Pattern[str]
    after: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    terms = load_figure_terms()
    before = _alternation(terms.attribution_before)
    after = _alternation(terms.attribution_after)
    # the cue, then at most a few words (articles, a report's title) up to the organisation
    return _Patterns(
        before=re.compile(rf"(?<!\w)(?:{before})(?!\w)[^.;:]*$"),
        after=re.compile(
            rf"\.?(?:'s|’s|\))?[\s,]*(?:(?:has|have|had|ha|han|also|tambien)\s+)?(?:{after})(?!\w)"
        ),
    )


def _alternation(phrases: Sequence[str]) -> str:
    return (
        "|".join(
            r"\s+".join(re.escape(w) for w in p.split())
            for p in sorted(phrases, key=len, reverse=True)
        )
        or "(?!)"
    )
