"""Turn the figures in a document's sentences into quantitative ``Fact`` records.

In: the text, its sentences, its language, the place mentions found in it as
(start, end, place id), and the place to use when a sentence names none.
Out: one ``Fact`` per figure (``pukara.extract.numbers.find_quantities``), with

- the indicator (indicators.yaml) whose cue words stand nearest the number: each cue
  counts more the closer it is (a clause boundary counts as distance), negative cues
  count against it, an indicator must accept the figure's unit and may require a word in
  the sentence (quantity_terms.yaml); money with no fitting indicator is ``funding``,
  anything else ``other``;
- the period: the year the sentence ties to the figure ("in 2013", "durante 2024", an
  opening "In 2013, ..."), "2020/2022" for a span of years, "2024-11" for a month,
  a full date only when nothing else is given, None when the sentence gives no time;
- the place: the nearest place mentioned in the sentence (one after "in"/"en"/"del"
  preferred), else ``default_place``;
- the evidence: the sentence's span and text, and the figure as written.

A figure repeated in a document (headline and body, summary and detail) is kept once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from pukara.extract.numbers import Quantity, find_quantities, number_convention
from pukara.extract.periods import (
    When,
    period_of,
    reference_year_at,
    reference_years,
    sentence_times,
)
from pukara.extract.text import Sentence, fold
from pukara.model import Fact, FuzzyDate, Span
from pukara.refdata.taxonomy import Indicator, load_indicators, load_quantity_terms

__all__ = ["extract_facts"]

_SCALE = 25.0  # chars at which a cue's weight has halved
_NEGATIVE_SCALE = 15.0  # negative cues matter in the figure's own clause, less beyond
_BOUNDARY_COST = 40  # a clause boundary between cue and number counts as this many chars
_COMMA_COST = 15  # and a comma this many
_OTHER_CUES = 0.25  # cues besides the best one add this share of their weight
_TAKEN_PLACE_COST = 50  # and a place that follows another figure ("2 t in Callao and 1 t")
_MIN_SCORE = 0.2  # below this no indicator fits
_COMBO_WEIGHT = 1.2  # words of two kinds together ("killed" + "soldiers") beat one word
_PEOPLE_OR_COUNT = frozenset({"people", "count"})
_BOUNDARIES = re.compile(
    r"[;:()]|\s[-–—]\s|,\s+(?:and|but|while|whereas|although|though|which|where|who|when"
    r"|y|pero|mientras|aunque|sino|que|donde|quien|quienes|cuando)\b"
    r"|\b(?:but|pero|while|whereas|mientras que|although|aunque)\b"
)
_WHITESPACE = re.compile(r"\s")
_OTHER_NOUN = 0.2  # a cue that is another figure's counted noun ("two civilians") counts little


@dataclass(frozen=True, slots=True)
class _Model:
    indicators: tuple[Indicator, ...]
    finder: re.Pattern[str]
    prefixes: dict[str, tuple[str, ...]]  # matched term -> every term it begins with
    cues: dict[str, tuple[tuple[str, float], ...]]  # indicator id -> (cue, specificity)
    negatives: dict[str, tuple[str, ...]]
    requires: dict[str, tuple[str, ...]]
    combos: dict[str, tuple[tuple[tuple[str, ...], ...], ...]]
    fallback: dict[str, str]
    period_before: re.Pattern[str]
    locative_before: re.Pattern[str]
    anaphoric_before: re.Pattern[str]


@dataclass(slots=True)
class _Sentence:
    """One sentence prepared for scoring: folded text, cue hits, boundaries, times."""

    sentence: Sentence
    folded: str
    hits: dict[str, list[int]]  # term -> start offsets
    boundaries: list[int]
    commas: list[int]
    quantities: list[Quantity]
    times: list[When]


def extract_facts(
    text: str,
    sentences: Sequence[Sentence],
    language: str | None,
    place_spans: Sequence[tuple[int, int, str]],
    default_place: str | None,
    national: str | None = "country:PE",
    published: FuzzyDate | None = None,
) -> list[Fact]:
    """Quantitative facts in ``text``, in order, each figure once per document. A figure
    whose sentence names no place is the text's main place's, unless the sentence says it is
    national ("national coca area", "a nivel nacional"): then it is ``national``'s. A figure
    whose sentence names no time is of the last report the text named with its year
    (``pukara.extract.periods``); ``published`` dates "this year" and "last year"."""
    lang = language if language in ("en", "es") else None
    model = _model(lang)
    places = sorted(place_spans)
    convention = number_convention(text)
    references = reference_years(text)
    facts: list[Fact] = []
    for sent in sentences:
        quantities = [
            q
            for q in find_quantities(sent.text, lang, convention)
            if not _anaphoric(sent, q, model)
        ]
        if not quantities:
            continue
        ctx = _prepare(sent, quantities, model, published)
        for q in quantities:
            indicator = _indicator(q, ctx, model)
            meta = _indicator_meta().get(indicator)
            facts.append(
                Fact(
                    indicator=indicator,
                    activity=meta.activity if meta else None,
                    effort=meta.effort if meta else False,
                    value=q.value,
                    value_max=q.value_max,
                    unit=q.unit,
                    evidence=Span(sent.start, sent.end),
                    evidence_text=text[sent.start : sent.end] or sent.text,
                    original=q.original,
                    period=_period(q, ctx, references),
                    place_id=_place(q, ctx, places, model)
                    or (national if _NATIONAL.search(ctx.folded) else default_place),
                )
            )
    return _dedupe(facts, _headline_end(text))


# ---------------------------------------------------------------- indicator


@lru_cache(maxsize=1)
def _indicator_meta() -> dict[str, Indicator]:
    return {ind.id: ind for ind in load_indicators()}


def _indicator(q: Quantity, ctx: _Sentence, model: _Model) -> str:
    best, best_score = None, _MIN_SCORE
    for ind in model.indicators:
        if q.unit in ind.units:
            fit = 1.0 if q.unit == ind.unit else 0.9
        elif q.unit in _PEOPLE_OR_COUNT and ind.unit in _PEOPLE_OR_COUNT and _names(ind, q, ctx):
            fit = 0.7  # "45 arrests" (a count) is still the arrests indicator (people)
        else:
            continue
        required = model.requires[ind.id]
        if required and not any(term in ctx.hits for term in required):
            continue
        score = fit * _score(ind.id, q, ctx, model)
        if score > best_score:
            best, best_score = ind.id, score
    if best is not None:
        return best
    return model.fallback.get(q.unit, "other")


def _score(ind_id: str, q: Quantity, ctx: _Sentence, model: _Model) -> float:
    """The nearest cue's weight, a quarter of the others' (each word of the sentence
    credited once, to the longest cue it starts), minus the negative cues. A complete cue
    combination counts as one cue, as strong as its farthest word."""
    credited: set[int] = set()
    weights = [spec * _weight(ctx, cue, q, credited) for cue, spec in model.cues[ind_id]]
    for groups in model.combos[ind_id]:
        weakest = min(max(_weight(ctx, word, q, None) for word in group) for group in groups)
        weights.append(_COMBO_WEIGHT * weakest)
    best = max(weights, default=0.0)
    positive = best + _OTHER_CUES * (sum(weights) - best)
    negative = sum(_weight(ctx, cue, q, None, clause=True) for cue in model.negatives[ind_id])
    return positive - 2.0 * negative


def _names(ind: Indicator, q: Quantity, ctx: _Sentence) -> bool:
    """A cue of the indicator inside the figure itself ("45 arrests" for arrests)."""
    return any(q.start <= s < q.end for cue in _all_cues(ind.id) for s in ctx.hits.get(cue, ()))


@cache
def _all_cues(indicator_id: str) -> tuple[str, ...]:
    """The indicator's cues in both languages, folded once."""
    return tuple(fold(c) for c in _indicator_meta()[indicator_id].cues(None))


def _weight(
    ctx: _Sentence, term: str, q: Quantity, credited: set[int] | None, *, clause: bool = False
) -> float:
    """1 for a term inside or next to the figure, falling off with distance; 0 when absent.

    With ``credited``, occurrences already counted for a longer cue are skipped and the one
    used is added to it ("killed" and its prefix "kill" are one piece of evidence). With
    ``clause`` (negative cues), only the figure's own clause counts, and falls off faster."""
    best, where = 0.0, -1
    scale = _NEGATIVE_SCALE if clause else _SCALE
    for s in ctx.hits.get(term, ()):
        if credited is not None and s in credited:
            continue
        if clause and _crosses_boundary(ctx, s, q):
            continue
        w = 1.0 / (1.0 + _distance(ctx, s, s + len(term), q.start, q.end) / scale)
        if any(o is not q and o.start <= s < o.end for o in ctx.quantities):
            w *= _OTHER_NOUN  # it describes that figure, not this one
        if w > best:
            best, where = w, s
    if credited is not None and where >= 0:
        credited.add(where)
    return best


def _crosses_boundary(ctx: _Sentence, at: int, q: Quantity) -> bool:
    lo, hi = (at, q.start) if at < q.start else (q.end, at)
    return bisect.bisect_left(ctx.boundaries, hi) > bisect.bisect_left(ctx.boundaries, lo)


def _distance(ctx: _Sentence, a0: int, a1: int, b0: int, b1: int) -> float:
    gap = max(0, b0 - a1, a0 - b1)
    lo, hi = (a1, b0) if a1 <= b0 else (b1, a0)
    crossed = bisect.bisect_left(ctx.boundaries, hi) - bisect.bisect_left(ctx.boundaries, lo)
    commas = bisect.bisect_left(ctx.commas, hi) - bisect.bisect_left(ctx.commas, lo)
    return gap + _BOUNDARY_COST * max(0, crossed) + _COMMA_COST * max(0, commas)


# ---------------------------------------------------------------- period


def _period(q: Quantity, ctx: _Sentence, references: list[tuple[int, str]]) -> str | None:
    def distance(a0: int, a1: int, b0: int, b1: int) -> float:
        return _distance(ctx, a0, a1, b0, b1)

    period = period_of(q, ctx.quantities, ctx.times, ctx.folded, distance)
    if period is None:  # the sentence names no time: the report the text presents
        return reference_year_at(references, ctx.sentence.end)
    return period or None  # "": current, but the publication date is unknown


# ---------------------------------------------------------------- place


# Words after which a place is a destination ("bound for Antwerp, Belgium").
_DESTINATION = re.compile(
    r"(?:bound for|destined for|headed for|heading to|en route to|con destino a|rumbo a|"
    r"destinad[oa]s? a|hacia)\s+(?:[\w'-]+,?\s+){0,3}$"
)
# Words that make a figure without a place of its own a national one.
_NATIONAL = re.compile(
    r"\b(?:national|nationwide|nation's|country's|countrywide|in the country|"
    r"nacional|nacionales|a nivel nacional|en todo el pais|del pais|en el pais)\b"
)


def _place(
    q: Quantity, ctx: _Sentence, places: list[tuple[int, int, str]], model: _Model
) -> str | None:
    sent = ctx.sentence
    lo = bisect.bisect_left(places, (sent.start, -1, ""))
    best, best_cost = None, float("inf")
    for start, end, place_id in places[lo:]:
        if start >= sent.end:
            break
        s, e = start - sent.start, end - sent.start
        cost = float(max(0, q.start - e, s - q.end))
        owner = max((o for o in ctx.quantities if o.end <= s), key=lambda o: o.end, default=None)
        if owner is not None and owner is not q:
            cost += _TAKEN_PLACE_COST  # "... 2 tonnes in Callao": Callao is that figure's
        if model.locative_before.search(ctx.folded, max(0, s - 20), s):
            cost *= 0.5  # "in the VRAEM", "en Loreto": where the figure applies
        if _DESTINATION.search(ctx.folded, max(0, s - 45), s):
            cost = cost * 4 + 40  # "bound for Antwerp, Belgium": where it was going, not where
        if cost < best_cost:
            best, best_cost = place_id, cost
    return best


# ---------------------------------------------------------------- preparation


def _prepare(
    sent: Sentence, quantities: list[Quantity], model: _Model, published: FuzzyDate | None
) -> _Sentence:
    folded = _WHITESPACE.sub(" ", fold(sent.text))
    hits: dict[str, list[int]] = {}
    for m in model.finder.finditer(folded):
        for term in model.prefixes[m.group(1)]:
            hits.setdefault(term, []).append(m.start())
    boundaries = [m.start() for m in _BOUNDARIES.finditer(folded)]
    commas = [i for i, c in enumerate(folded) if c == ","]
    times = sentence_times(sent.text, folded, quantities, model.period_before, published)
    return _Sentence(sent, folded, hits, boundaries, commas, quantities, times)


def _anaphoric(sent: Sentence, q: Quantity, model: _Model) -> bool:
    """ "the two groups", "los dos hermanos": a number word pointing back, not a figure.
    A measured amount is a figure even so ("con las cuatro toneladas incautadas")."""
    if any(c.isdigit() for c in q.original) or q.unit not in _PEOPLE_OR_COUNT:
        return False
    return model.anaphoric_before.search(sent.text, max(0, q.start - 12), q.start) is not None


def _dedupe(facts: list[Fact], headline_end: int = 0) -> list[Fact]:
    """Keep a figure once: same value and unit, same period or no period on one side, and
    the same indicator (or one of them "other") or the same words ("nueve personas" in the
    headline and in the body). A headline's figure is its story's, whatever the indicator
    ("dos pistas clandestinas" above "dos pistas de aterrizaje"). The better-informed copy
    wins, in first place."""
    kept: list[Fact] = []
    for fact in facts:
        for i, old in enumerate(kept):
            headline = old.evidence.start < headline_end <= fact.evidence.start
            if _same(old, fact, headline=headline):
                kept[i] = _merge(old, fact)
                break
        else:
            kept.append(fact)
    return kept


def _same(a: Fact, b: Fact, *, headline: bool = False) -> bool:
    if a.unit != b.unit or abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value)):
        return False
    if a.period != b.period and a.period is not None and b.period is not None:
        return False
    same_words = " ".join(a.original.lower().split()) == " ".join(b.original.lower().split())
    return (
        same_words
        or headline
        or a.indicator == b.indicator
        or "other" in (a.indicator, b.indicator)
    )


def _headline_end(text: str) -> int:
    """Where the headline ends: the first line, when the text goes on after it and the line
    is short enough to be a title (0 when there is none)."""
    end = text.find("\n")
    if end < 0 or len(text[:end].split()) > 30 or not text[end:].strip():
        return 0
    return end


def _merge(old: Fact, new: Fact) -> Fact:
    base = new if (old.period is None and new.period is not None) else old
    indicator = old.indicator if old.indicator != "other" else new.indicator
    return replace(base, indicator=indicator, value_max=old.value_max or new.value_max)


@lru_cache(maxsize=4)
def _model(language: str | None) -> _Model:
    indicators = load_indicators()
    terms = load_quantity_terms()
    cues: dict[str, tuple[tuple[str, float], ...]] = {}
    negatives: dict[str, tuple[str, ...]] = {}
    requires: dict[str, tuple[str, ...]] = {}
    combos: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {}
    for ind in indicators:
        cues[ind.id] = tuple(  # longest first, so that a word is credited to its longest cue
            (c, min(2.0, 1.0 + 0.5 * (len(c.split()) - 1)))
            for c in sorted(_folded(ind.cues(language)), key=len, reverse=True)
        )
        negatives[ind.id] = _folded(ind.negative_cues)
        requires[ind.id] = _folded(ind.requires_any)
        combos[ind.id] = tuple(tuple(_folded(group) for group in combo) for combo in ind.combos)
    vocabulary = {
        *(c for pairs in cues.values() for c, _ in pairs),
        *(t for group in (*negatives.values(), *requires.values()) for t in group),
        *(w for groups in combos.values() for combo in groups for words in combo for w in words),
    }
    ordered = sorted(vocabulary, key=lambda t: (-len(t), t))
    prefixes = {
        t: tuple(t[:n] for n in range(len(t), 0, -1) if t[:n] in vocabulary) for t in ordered
    }
    return _Model(
        indicators=indicators,
        finder=re.compile(r"(?<!\w)(?=(" + "|".join(re.escape(t) for t in ordered) + "))"),
        prefixes=prefixes,
        cues=cues,
        negatives=negatives,
        requires=requires,
        combos=combos,
        fallback=dict(terms.fallback_indicators),
        period_before=_ending_with(terms.period_prepositions, r"(?:the\s+|el\s+)?"),
        locative_before=_ending_with(terms.locative_prepositions, r"(?:the\s+|el\s+|la\s+)?"),
        anaphoric_before=_ending_with(terms.anaphoric_determiners, ""),
    )


def _folded(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_WHITESPACE.sub(" ", fold(w)) for w in words if w.strip()))


def _ending_with(words: Sequence[str], tail: str) -> re.Pattern[str]:
    """Matches text that ends with one of ``words`` (then ``tail``) and spaces."""
    alternation = "|".join(
        r"\s+".join(re.escape(part) for part in w.split())
        for w in sorted(set(_folded(words)), key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alternation})\s+{tail}$", re.IGNORECASE)
