"""Load the actor registry (``data/actors.yaml``), the country demonyms, the person cues
(``data/person_cues.yaml``) and the given names (``data/given_names.txt``).

Each ``ActorEntry`` holds the ``Actor`` record and the names it may be called by, split into
strong names (enough on their own), weak names (short or ambiguous: "SL", "José"; they
count only beside a strong name or an alias marker) and generic terms ("police", "the
military") that stand for a national body when the text is about its country.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from pukara.model import Actor, ActorKind

__all__ = [
    "ActorEntry",
    "ActorRegistry",
    "PersonCues",
    "load_actor_registry",
    "load_demonyms",
    "load_given_names",
    "load_person_cues",
]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    actor: Actor
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    generic: tuple[str, ...]
    affiliation: str | None = None
    role: str | None = None
    status: str | None = None
    active_until: int | None = None  # last year of activity, for groups that ended


@dataclass
class ActorRegistry:
    entries: dict[str, ActorEntry] = field(default_factory=dict)

    def get(self, actor_id: str) -> Actor | None:
        entry = self.entries.get(actor_id)
        return entry.actor if entry else None

    def __len__(self) -> int:
        return len(self.entries)


def _read(name: str) -> Any:
    text = resources.files("pukara.refdata").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text)


def _entry(raw: dict[str, Any]) -> ActorEntry:
    names = [str(raw["name"]), *map(str, raw.get("aliases") or [])]
    names += [str(n) for n in raw.get("nom_de_guerre") or []]
    weak = {str(w) for w in raw.get("weak_aliases") or []}
    strong = tuple(dict.fromkeys(n for n in names if n not in weak))
    actor = Actor(
        id=str(raw["id"]),
        name=str(raw["name"]),
        kind=ActorKind(raw["kind"]),
        country=raw.get("country"),
        aliases=tuple(dict.fromkeys(n for n in names[1:])),
        parent_id=raw.get("parent") or raw.get("affiliation"),
        notes=raw.get("notes"),
        role=raw.get("role"),
        status=raw.get("status"),
    )
    return ActorEntry(
        actor=actor,
        strong=strong,
        weak=tuple(sorted(weak)),
        generic=tuple(str(g) for g in raw.get("generic_terms") or []),
        affiliation=raw.get("affiliation"),
        role=raw.get("role"),
        status=raw.get("status"),
        active_until=_end_year(raw.get("active")),
    )


def _end_year(active: object) -> int | None:
    """'1964-2017 (historical)' -> 2017; '2016-' or unknown -> None."""
    m = re.match(r"^\s*[^-]*-\s*(?:c\.\s*)?((?:19|20)\d\d)\b", str(active or ""))
    return int(m.group(1)) if m else None


@lru_cache(maxsize=1)
def load_actor_registry() -> ActorRegistry:
    """The bundled actor registry (read once per process)."""
    registry = ActorRegistry()
    for raw in _read("actors.yaml")["actors"]:
        entry = _entry(raw)
        registry.entries[entry.actor.id] = entry
    return registry


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, tuple[str, ...]]:
    """ISO country code -> adjectives in English and Spanish ("Colombian", "colombiana")."""
    raw = _read("demonyms.yaml")["demonyms"]
    return {str(code): tuple(str(w) for w in words) for code, words in raw.items()}


@dataclass(frozen=True, slots=True)
class PersonCues:
    """Words around a name that say a person is meant, both languages merged (see
    ``person_cues.yaml``); every word is lower case as written in the file."""

    titles: tuple[str, ...]
    roles: tuple[str, ...]
    title_words: frozenset[str]
    speech_verbs: tuple[str, ...]
    speech_aux: tuple[str, ...]
    speech_participles: tuple[str, ...]
    kin: tuple[str, ...]
    determiners: tuple[str, ...]
    not_given: frozenset[str]


def _both(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or {}
    words = value if isinstance(value, list) else [*value.get("en", []), *value.get("es", [])]
    return tuple(dict.fromkeys(str(w) for w in words))


@lru_cache(maxsize=1)
def load_person_cues() -> PersonCues:
    """The bundled person cues (read once per process)."""
    raw = _read("person_cues.yaml")
    return PersonCues(
        titles=_both(raw, "titles"),
        roles=_both(raw, "roles"),
        title_words=frozenset(_both(raw, "title_words")),
        speech_verbs=_both(raw, "speech_verbs"),
        speech_aux=_both(raw, "speech_aux"),
        speech_participles=_both(raw, "speech_participles"),
        kin=_both(raw, "kin"),
        determiners=_both(raw, "determiners"),
        not_given=frozenset(_both(raw, "not_given")),
    )


@lru_cache(maxsize=1)
def load_given_names() -> frozenset[str]:
    """Given names as written (capitalised, with accents), less the ``not_given`` words."""
    text = resources.files("pukara.refdata").joinpath("data/given_names.txt").read_text("utf-8")
    names = (line.strip() for line in text.splitlines())
    common = load_person_cues().not_given
    return frozenset(n for n in names if n and not n.startswith("#") and _plain(n) not in common)


def _plain(word: str) -> str:
    """Lower case without accents ("Rocío" -> "rocio")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
