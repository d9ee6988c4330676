"""News media are the sources of a report, not actors in it, unless they act.

In: the actor mentions of a text and the text. Out: the same mentions less those of media
that the text only cites: bylines and datelines ("(Reuters)", "(Agencia/EP)"), "dijo a
Reuters", "informó el diario X", "according to El Comercio". A medium stays an actor when
something happens to it or its people ("periodistas de X fueron amenazados", "X was
sued"). A medium is a registry actor whose role is ``media``, or a name written right after
a media noun ("el diario X", "the newspaper X").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pukara.extract.mentions import ActorMention
from pukara.refdata.actors import load_actor_registry

__all__ = ["drop_cited_media"]

_MEDIA_NOUN = re.compile(
    r"\b(?:diario|peri[oó]dico|semanario|revista|agencia\s+de\s+(?:noticias|prensa)|radio|"
    r"emisora|canal\s+de\s+televisi[oó]n|newspaper|daily|weekly|magazine|news\s+agency|"
    r"broadcaster|news\s+outlet|news\s+site)(?:\s+\w+){0,2}?\s+$",
    re.I,
)
# Something happens to the medium or to its people: then it is an actor of the story.
_ACTS = re.compile(
    r"\b(?:periodistas?|reporteros?|reporteras?|corresponsal(?:es)?|equipo|journalists?|"
    r"reporters?|correspondents?|crew|staff)\s+(?:de|del|of|from)\s+(?:la\s+|el\s+|the\s+)?$",
    re.I,
)
_ACTED_ON = re.compile(
    r"^\W{0,3}\s*(?:(?:fue|fueron|ha\s+sido|han\s+sido|was|were|has\s+been|had\s+been)\s+)?"
    r"(?:atacad|amenazad|demandad|denunciad|allanad|censurad|hackead|agredid|asesinad|"
    r"attacked|threatened|sued|raided|censored|hacked|assaulted|killed|banned)\w*",
    re.I,
)


def drop_cited_media(hits: Sequence[ActorMention], text: str) -> list[ActorMention]:
    """``hits`` less the mentions of media that never act in ``text``."""
    media = {h.actor.id for h in hits if _is_medium(h, text)}
    acting = {h.actor.id for h in hits if h.actor.id in media and _acts(h, text)}
    return [h for h in hits if h.actor.id not in media or h.actor.id in acting]


def _is_medium(hit: ActorMention, text: str) -> bool:
    entry = load_actor_registry().entries.get(hit.actor.id)
    if entry is not None:
        return entry.role == "media"
    return hit.actor.role == "media" or bool(
        _MEDIA_NOUN.search(text[max(0, hit.start - 40) : hit.start])
    )


def _acts(hit: ActorMention, text: str) -> bool:
    return bool(
        _ACTS.search(text[max(0, hit.start - 40) : hit.start])
        or _ACTED_ON.match(text[hit.end : hit.end + 40])
    )
