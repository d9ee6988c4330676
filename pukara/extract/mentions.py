"""An actor mention (a span of text resolved to an ``Actor``) and the rule that keeps one
of overlapping mentions.

In: mentions read by the registry matcher, the generic-term resolver and the discovery of
new actors. Out: the same records, overlaps settled.
"""

from __future__ import annotations

from dataclasses import dataclass

from pukara.model import Actor

__all__ = ["ActorMention", "drop_overlaps"]


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    surface: str
    actor: Actor
    how: str  # "name", "weak", "generic", "new"


def drop_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    """Keep the longest of overlapping mentions; registry names beat discovered ones."""
    rank = {"name": 0, "weak": 1, "generic": 2, "new": 3}
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), rank[m.how], m.start))
    kept: list[ActorMention] = []
    for m in ordered:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
