"""Load the event taxonomy (``data/event_types.yaml``): types with their trigger words in
English and Spanish, the words some types require, and tense and negation markers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["EventTaxonomy", "EventType", "load_event_taxonomy"]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    label_en: str
    label_es: str
    triggers_en: tuple[str, ...]
    triggers_es: tuple[str, ...]
    requires_any: tuple[str, ...]
    activity: str | None


@dataclass(frozen=True, slots=True)
class EventTaxonomy:
    types: tuple[EventType, ...]
    future: re.Pattern[str]
    negation: re.Pattern[str]

    def is_future(self, folded_sentence: str) -> bool:
        return self.future.search(folded_sentence) is not None

    def negated(self, folded_sentence: str, trigger_at: int) -> bool:
        """A negation marker in the few words before the trigger ("did not seize")."""
        window = folded_sentence[max(0, trigger_at - 30) : trigger_at]
        return self.negation.search(window) is not None


def _alternation(words: list[str]) -> str:
    cleaned = sorted({_fold(w).strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in cleaned)


@lru_cache(maxsize=1)
def load_event_taxonomy() -> EventTaxonomy:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("pukara.refdata").joinpath("data/event_types.yaml").read_text("utf-8")
    )
    types = tuple(
        EventType(
            id=str(t["id"]),
            label_en=str(t.get("label_en", t["id"])),
            label_es=str(t.get("label_es", t["id"])),
            triggers_en=tuple(map(str, t.get("triggers_en") or [])),
            triggers_es=tuple(map(str, t.get("triggers_es") or [])),
            requires_any=tuple(map(str, t.get("requires_any") or [])),
            activity=t.get("activity"),
        )
        for t in raw["event_types"]
    )
    tense = raw.get("tense_markers", {})
    future = [*tense.get("en", {}).get("future", []), *tense.get("es", {}).get("future", [])]
    neg = raw.get("negation_markers", {})
    negation = [*neg.get("en", []), *neg.get("es", [])]
    return EventTaxonomy(
        types=types,
        future=re.compile(r"\b(?:" + _alternation(future) + r")\b"),
        negation=re.compile(r"\b(?:" + _alternation(negation) + r")"),
    )
