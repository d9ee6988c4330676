"""Load the actor registry (``data/actors.yaml``) and the country demonyms.

Each ``ActorEntry`` holds the ``Actor`` record and the names it may be called by, split into
strong names (enough on their own), weak names (short or ambiguous: "SL", "José"; they
count only beside a strong name or an alias marker) and generic terms ("police", "the
military") that stand for a national body when the text is about its country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from pukara.model import Actor, ActorKind

__all__ = ["ActorEntry", "ActorRegistry", "load_actor_registry", "load_demonyms"]


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
