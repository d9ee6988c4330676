"""Load the relation cues (``data/relation_cues.yaml``): words that tie two actors.

In: the YAML file, maintained by hand (see ``data/ORIGIN.md``). Out: ``RelationCues``, a
frozen table of ``RelationCue`` (kind, cue text, language, which side the source is on)
plus the negation words that deny a relation. Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["RelationCue", "RelationCues", "load_relation_cues"]

_LANGUAGES = ("en", "es")


@dataclass(frozen=True, slots=True)
class RelationCue:
    """One way of writing a relation.

    ``reverse`` is True when the source actor is written after the cue ("Y, led by X": X
    leads); ``symmetric`` when the order of the two actors means nothing (alliance).
    """

    kind: str
    text: str
    language: str
    reverse: bool = False
    symmetric: bool = False
    source_kinds: tuple[str, ...] = ()  # actor kinds the source may have; () = any


@dataclass(frozen=True, slots=True)
class RelationCues:
    cues: tuple[RelationCue, ...]
    negations: tuple[str, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.kind for c in self.cues))


@lru_cache(maxsize=1)
def load_relation_cues() -> RelationCues:
    """The bundled relation cues, longest first (so "in alliance with" beats "alliance")."""
    text = resources.files("pukara.refdata").joinpath("data/relation_cues.yaml")
    raw = yaml.safe_load(text.read_text("utf-8"))
    cues = [cue for kind, spec in raw["kinds"].items() for cue in _cues(str(kind), spec)]
    cues.sort(key=lambda c: (-len(c.text), c.kind, c.text))
    negations = tuple(str(w) for lang in _LANGUAGES for w in raw.get("negations", {}).get(lang, []))
    return RelationCues(tuple(cues), negations)


def _cues(kind: str, spec: dict[str, Any]) -> list[RelationCue]:
    symmetric = bool(spec.get("symmetric", False))
    source_kinds = tuple(str(k) for k in spec.get("source_kinds") or ())
    out = []
    for side, reverse in (("forward", False), ("reverse", True)):
        for lang in _LANGUAGES:
            for cue in (spec.get(side) or {}).get(lang) or ():
                out.append(RelationCue(kind, str(cue), lang, reverse, symmetric, source_kinds))
    return out
