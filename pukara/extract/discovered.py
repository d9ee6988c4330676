"""Actors a text names that the registry does not know, merged with it and with each other.

In: the text, the registry mentions already found and the spans of places. Out:
``ActorMention``s (how "new") for the persons of ``persons.py`` and the organisations of
``organisations.py``, once their conflicts are settled: a person read only from a given
name inside an organisation's name is part of it; an organisation read over a titled
person's name ends before it; names after a place noun ("los distritos de A y B") and
title fragments ("Police Director Gen.") are not actors. A name is resolved to a registry
actor by a strong name, by a name it abbreviates or by an alias only one registry person
has; else it becomes a new actor (id ``new:<slug>``) shared by every mention of that name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pukara.extract.mentions import ActorMention
from pukara.extract.organisations import Found, find_organisations, org_kind
from pukara.extract.persons import find_persons, is_title_phrase
from pukara.extract.text import fold, fold_key
from pukara.model import Actor, ActorKind
from pukara.refdata.actors import ActorRegistry, load_actor_registry

__all__ = ["discover_actors"]

# Capitalised words that open a sentence or a heading, not a name.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "for", "but", "and", "as", "by", "el", "la", "los",
    "las", "en", "un", "una", "por", "para", "con", "según", "however", "while", "although",
    "this", "that", "these", "those", "his", "her", "their", "its", "our", "it", "he", "she",
    "they", "we", "i", "si", "cuando", "tras", "desde", "also", "after", "before", "since",
    "de", "del", "y", "o", "que", "sus", "su", "este", "esta", "estos", "estas", "across",
    "throughout", "along", "near", "inside", "outside", "within", "around", "during", "from",
    "despite", "meanwhile", "today", "yesterday", "last", "both", "all", "many", "some",
    "several", "every", "each", "only", "even", "yet", "still", "so", "then", "there", "here",
    "now", "hacia", "hasta", "durante", "ante", "bajo", "sobre", "entre", "mientras",
    "aunque", "donde", "como", "hoy", "ayer", "sin", "pero", "al", "with", "to",
}  # fmt: skip


def discover_actors(
    text: str,
    known: list[ActorMention],
    registry: ActorRegistry,
    places: Sequence[tuple[int, int]],
    folded: str | None = None,
) -> list[ActorMention]:
    """New persons and organisations, merged by alias with the registry and each other."""
    persons = [p for p in find_persons(text, places, folded)
               if not _place_list(text, (p.start, p.end, p.name), places)]  # fmt: skip
    orgs = find_organisations(text)
    # a person read only from a given name or an apposition inside an organisation's name
    # ("Dirección General de Fauna y Flora Silvestre") is part of that name
    persons = [p for p in persons if p.titled or not any(
        o[3] is not ActorKind.PERSON and o[0] <= p.start < o[1] for o in orgs)]  # fmt: skip
    found: list[Found] = [(p.start, p.end, p.name, ActorKind.PERSON, p.aliases) for p in persons]
    singles = {(p.start, p.end) for p in persons if " " not in p.name}
    titled = [(p.start, p.end) for p in persons if p.titled]
    for org in orgs:
        cut = _cut_at_person(text, org, titled)
        if cut is not None and not is_title_phrase(cut[2]) and not _place_list(text, cut, places):
            found.append(cut)
    return _resolve_found(text, found, known, registry, singles)


def _cut_at_person(text: str, org: Found, persons: list[tuple[int, int]]) -> Found | None:
    """An organisation read over a person's name ("Policía Vicente Tiburcio") ends before
    the name; what is left must still be an organisation name of two words or more."""
    start, end, name, kind, aliases = org
    if kind is ActorKind.PERSON:
        return org
    # "gerente de Corporación X": a title in front of an organisation's name is not of it
    lead = re.match(r"(?:(\S+)\s+(?:de|del|de la|of|of the)\s+)", name)
    if lead and is_title_phrase(lead.group(1)) and org_kind(name[lead.end() :]) is kind:
        start, name = start + lead.end(), name[lead.end() :]
        org = (start, end, name, kind, aliases)
    inside = [s for s, e in persons if start <= s < end or start < e <= end]
    if not inside:
        return org
    cut = min(inside)
    head = text[start:cut].rstrip(" ,")
    head = re.sub(r"\s+(?:de|del|de la|of|the|y|and)$", "", head)
    if cut <= start or len(head.split()) < 2 or org_kind(head) is ActorKind.OTHER:
        return None
    return (start, start + len(head), head, org_kind(head), aliases)


# "en los distritos de Simón Bolívar y Chaupimarca": names after a plural place noun are
# places, whatever else they look like
_PLACE_NOUNS = re.compile(
    r"\b(?i:distritos?|provincias?|regiones|región|departamentos?|localidades|localidad|"
    r"comunidades|ciudades|pueblos|caseríos|centros poblados|districts?|provinces?|regions?|"
    r"towns?|cities|villages|communities|departments?)\s+(?:of|de|del)\s+(?:la\s+|los\s+)?"
    # earlier items of the same list: "los distritos de Putumayo, Rosa Panduro y ..."
    r"(?:[A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+(?:del?\s+)?[A-ZÁÉÍÓÚÑ][\w'-]*)*(?:,\s*|\s+(?:y|and)\s+))*"
    r"(?:[A-ZÁÉÍÓÚÑ][\w'-]*\s+)*$"  # and the title a place name starts with ("Teniente")
)


def _place_list(
    text: str, org: tuple[int, int, str] | Found, places: Sequence[tuple[int, int]]
) -> bool:
    """A list of places read as one name: after a place noun, or every capitalised word of
    it a place the geoparser found."""
    start = org[0]
    if _PLACE_NOUNS.search(text[max(0, start - 120) : start]):
        return True
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\w[\w'-]*", org[2])
             if m.group()[:1].isupper()]  # fmt: skip
    covered = [w for w in words if any(s <= w[0] and w[1] <= e for s, e in places)]
    return bool(words) and len(covered) == len(words)


def _resolve_found(
    text: str,
    found: list[Found],
    known: list[ActorMention],
    registry: ActorRegistry,
    singles: set[tuple[int, int]],
) -> list[ActorMention]:
    by_key: dict[str, Actor] = {}
    for m in known:
        for name in (m.actor.name, *m.actor.aliases):
            by_key.setdefault(fold_key(name), m.actor)
    out: list[ActorMention] = []
    merged: dict[tuple[int, int], Found] = {}
    for f in found:  # one name read by two patterns: keep one, with every alias seen
        prev = merged.get((f[0], f[1]))
        merged[(f[0], f[1])] = f if prev is None else (*prev[:4], (*prev[4], *f[4]))
    found = _merge_short_forms(list(merged.values()))
    for start, end, name, kind, aliases in sorted(found, key=lambda f: (f[0], -f[1])):
        group = kind is ActorKind.CRIMINAL_GROUP
        single = (start, end) in singles
        surface, start = _trim_name(text[start:end], start, keep_article=group)
        name, _ = _trim_name(name, 0, keep_article=group)
        quoted = _is_quoted(text, start, end)
        if not surface or not name or (_bad_name(name, kind) and not quoted and not single):
            continue
        end = start + len(surface)
        key = fold_key(name)
        actor = by_key.get(key) or next(
            (by_key[fold_key(a)] for a in aliases if fold_key(a) in by_key), None
        )
        if actor is None:
            actor = _registry_lookup(key, aliases, kind, registry)
        if actor is None:
            actor = Actor(
                id="new:" + re.sub(r"[^a-z0-9]+", "-", key).strip("-"),
                name=name,
                kind=kind,
                aliases=tuple(aliases),
            )
        for n in (name, *aliases):
            by_key.setdefault(fold_key(n), actor)
        out.append(ActorMention(start, end, surface, actor, "new"))
        for alias in aliases:  # the alias itself is a mention where it is written
            pos = text.find(alias, end)
            if pos >= 0:
                out.append(ActorMention(pos, pos + len(alias), alias, actor, "new"))
    return out


def _merge_short_forms(found: list[Found]) -> list[Found]:
    """'Mendoza Mora' read on its own is the 'Carlos Mendoza Mora' of the same text."""
    persons = {fold_key(f[2]): f[2] for f in found if f[3] is ActorKind.PERSON}
    out: list[Found] = []
    for start, end, name, kind, aliases in found:
        key = fold_key(name)
        longer = [full for k, full in persons.items() if k != key and k.endswith(" " + key)]
        if kind is ActorKind.PERSON and len(longer) == 1:
            out.append((start, end, longer[0], kind, (*aliases, name)))
        else:
            out.append((start, end, name, kind, aliases))
    return out


def _is_quoted(text: str, start: int, end: int) -> bool:
    """A name written in quotes ("Cuñado") is a name even when it is one word."""
    return text[start - 1 : start] in "\"“‘'«" and text[end : end + 2].strip(",.")[:1] in "\"”’'»"


def _trim_name(name: str, start: int, keep_article: bool = False) -> tuple[str, int]:
    """Drop leading words that open a sentence rather than a name ("The", "En"), and an
    acronym before a person's name ("PNP Julio ..."); a gang keeps its article ("Los ...")."""
    words = name.split()
    if len(words) > 2 and words[0].isupper() and len(words[0]) <= 5 and not keep_article:
        start += len(words[0]) + 1
        words = words[1:]
    while words and fold(words[0]).strip(".") in _NOT_NAMES:
        if keep_article and fold(words[0]) in {"los", "las", "la", "el"}:
            break
        start += len(words[0]) + 1
        words = words[1:]
    while words and fold(words[-1]).strip(".") in _NOT_NAMES:
        words = words[:-1]
    return " ".join(words), start


def _bad_name(name: str, kind: ActorKind) -> bool:
    words = name.split()
    if kind is ActorKind.PERSON:
        if len(words) < 2 or len(name) > 60:
            return True
        return any(fold(w) in _NOT_NAMES for w in words[:1])
    return len(words) < 2 and len(name) < 4


@lru_cache(maxsize=1)
def _registry_keys() -> tuple[dict[str, str], list[tuple[str, str]], dict[str, list[str]]]:
    """Strong name key -> actor id; person full-name keys; person alias key -> actor ids."""
    strong: dict[str, str] = {}
    persons: list[tuple[str, str]] = []
    aliases: dict[str, list[str]] = {}
    for entry in load_actor_registry().entries.values():
        aid = entry.actor.id
        for name in entry.strong:
            strong.setdefault(fold_key(name), aid)
        if entry.actor.kind is ActorKind.PERSON:
            for name in entry.strong:
                persons.append((fold_key(name), aid))
            for name in (*entry.strong, *entry.weak):
                aliases.setdefault(fold_key(name), []).append(aid)
    return strong, persons, aliases


def _registry_lookup(
    key: str, aliases: tuple[str, ...], kind: ActorKind, registry: ActorRegistry
) -> Actor | None:
    """A registry actor by a strong name, by a name it abbreviates ("Florindo Eleuterio
    Flores" of "... Flores Hala"), or by an alias that only one registry person has."""
    strong, persons, alias_index = _registry_keys()
    if key in strong:
        return registry.get(strong[key])
    if kind is not ActorKind.PERSON:
        return None
    if len(key.split()) >= 3:
        for full, aid in persons:
            if full.startswith(key + " "):
                return registry.get(aid)
    owners = {aid for a in aliases for aid in alias_index.get(fold_key(a), [])}
    return registry.get(owners.pop()) if len(owners) == 1 else None
