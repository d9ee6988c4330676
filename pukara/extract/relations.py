"""Find statements that tie two actors in one sentence: alliance, rivalry, leadership,
membership.

In: the text, its sentences and the resolved actor mentions. Out: ``ActorRelation``s,
each with its sentence as evidence and the cue that states it.

A cue (``refdata/data/relation_cues.yaml``, English and Spanish) is matched on the folded
sentence at word boundaries, longest first. Its actors are the nearest mentions on either
side ("Comando Vermelho is allied with Los Crias"); a symmetric cue written after, or
before, both actors takes the two nearest on that side when a conjunction joins them ("el
PCC y el Comando Vermelho se disputan", "the alliance between the PCC and the CV"). A
directed cue says which side the source is on: "X, leader of Y" and "Y, led by X" both
make X the leader. A negation just before the cue ("is not allied with") drops it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.actors import ActorMention
from pukara.extract.text import Sentence, fold
from pukara.model import ActorRelation, FuzzyDate, Span
from pukara.refdata.relations import RelationCue, load_relation_cues

__all__ = ["extract_relations"]

# How far (in characters) an actor may be from its cue. Beyond a short clause the nearest
# actor is more often the subject of another verb than a party to the relation.
_REACH = 60
# What may stand between two actors that a symmetric cue takes from the same side.
_JOINED = re.compile(
    r"^\W*(?:(?:and|y|e|&|with|con|between|entre)\W+)?(?:(?:the|el|la|los|las)\W+)?$"
)


@dataclass(frozen=True, slots=True)
class _CueTable:
    pattern: re.Pattern[str]
    by_text: dict[str, tuple[RelationCue, ...]]  # folded cue -> cues written so
    negation: re.Pattern[str]


def extract_relations(
    text: str,
    sentences: Sequence[Sentence],
    actors: Sequence[ActorMention],
    published: FuzzyDate | None = None,
) -> list[ActorRelation]:
    """Relations stated between actors named in the same sentence, in text order."""
    table = _cue_table()
    folded = fold(text)
    ordered = sorted(actors, key=lambda a: a.start)
    out: list[ActorRelation] = []
    for sent in sentences:
        inside = [a for a in ordered if sent.start <= a.start and a.end <= sent.end]
        if len({a.actor.id for a in inside}) < 2:
            continue
        seen: set[tuple[str, str, str]] = set()
        for rel in _relations_in(text, folded, sent, inside, table, published):
            key = (rel.kind, rel.source_id, rel.target_id)
            if key not in seen and (rel.kind, rel.target_id, rel.source_id) not in seen:
                seen.add(key)
                out.append(rel)
    return out


@lru_cache(maxsize=1)
def _cue_table() -> _CueTable:
    cues = load_relation_cues()
    by_text: dict[str, list[RelationCue]] = {}
    for cue in cues.cues:
        by_text.setdefault(fold(cue.text), []).append(cue)
    alternatives = sorted(by_text, key=lambda t: (-len(t), t))  # longest wins at a position
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
    negations = "|".join(re.escape(fold(n)) for n in sorted(cues.negations, key=len, reverse=True))
    # a negation within the two words before the cue: "is not allied", "no trabaja con"
    negation = re.compile(rf"(?<!\w)(?:{negations})(?!\w)\W+(?:\w+\W+){{0,2}}$")
    return _CueTable(pattern, {k: tuple(v) for k, v in by_text.items()}, negation)


def _relations_in(
    text: str,
    folded: str,
    sent: Sentence,
    inside: list[ActorMention],
    table: _CueTable,
    published: FuzzyDate | None,
) -> Iterator[ActorRelation]:
    for m in table.pattern.finditer(folded, sent.start, sent.end):
        if table.negation.search(folded[max(sent.start, m.start() - 40) : m.start()]):
            continue
        for cue in table.by_text[m.group()]:
            pair = _pair(text, cue, m.start(), m.end(), inside)
            if pair is None:
                continue
            source, target = pair
            if cue.source_kinds and source.actor.kind.value not in cue.source_kinds:
                continue
            yield ActorRelation(
                kind=cue.kind,
                source_id=source.actor.id,
                target_id=target.actor.id,
                evidence=Span(sent.start, sent.end),
                evidence_text=sent.text,
                date=published,
                cue=text[m.start() : m.end()],
            )
            break  # one reading per cue: the first kind that fits


def _pair(
    text: str, cue: RelationCue, start: int, end: int, inside: list[ActorMention]
) -> tuple[ActorMention, ActorMention] | None:
    """(source, target) for a cue at [start, end), or None when no two actors fit."""
    left = [a for a in reversed(inside) if a.end <= start and start - a.end <= _REACH]
    right = [a for a in inside if a.start >= end and a.start - end <= _REACH]
    if left and right and left[0].actor.id != right[0].actor.id:
        return (right[0], left[0]) if cue.reverse else (left[0], right[0])
    if not cue.symmetric:
        return None
    for first, second in ((left[1:2], left[:1]), (right[:1], right[1:2])):
        if first and second and _joined(text, first[0], second[0]):
            return first[0], second[0]
    return None


def _joined(text: str, first: ActorMention, second: ActorMention) -> bool:
    """Two different actors written as a pair: "X y el Y", "X and Y", "X, Y"."""
    between = fold(text[first.end : second.start])
    return first.actor.id != second.actor.id and bool(_JOINED.match(between))
