"""Find actors in a text: registry names, weak aliases, generic terms and unknown names.

In: the text and its tokens. Out: ``ActorMention``s, each resolved to a registry ``Actor``
or to a new actor discovered in the text (id ``new:<slug>``), merged by alias.

- Registry names match on folded tokens; short acronyms must be written in capitals.
- Weak aliases ("SL", "José") count only when the actor is also named strongly, or right
  after an alias marker ("alias", "Camarada", "known as").
- Generic terms ("the military", "police", "autoridades") stand for the national body of
  the country named next to them ("Colombian authorities") or of the text's home country.
- Unknown persons (``persons.py``) and organisations (``organisations.py``) are
  discovered and merged in ``discovered.py``; a person's surname alone, after the full
  name has been given, is that person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.discovered import discover_actors
from pukara.extract.matcher import Token, TokenTrie, tokenize
from pukara.extract.mentions import ActorMention, drop_overlaps
from pukara.extract.text import fold
from pukara.model import Actor, ActorKind
from pukara.refdata.actors import ActorRegistry, load_actor_registry, load_demonyms

__all__ = ["ActorMention", "country_actions", "drop_overlaps", "extract_actors"]


@dataclass(frozen=True, slots=True)
class _Payload:
    actor_id: str
    how: str  # "name" | "weak" | "generic"
    caps: bool  # the registry writes it in capitals (an acronym): the text must too
    form: str = ""  # the name as the registry writes it, for its capitals


# Nouns that name a country's state only when the country is named next to them
# ("Colombian authorities", "las autoridades brasileñas").
_STATE_NOUNS = {"authorities", "autoridades", "officials", "government", "gobierno"}
_ALIAS_MARKERS = {"alias", "camarada", "comrade", "comandante", "commander", "as", "como"}
# Capitalised words that open a sentence or a heading, not a name.


@lru_cache(maxsize=1)
def _trie() -> TokenTrie[_Payload]:
    registry = load_actor_registry()
    trie: TokenTrie[_Payload] = TokenTrie()
    for entry in registry.entries.values():
        aid = entry.actor.id
        for name in entry.strong:
            trie.add(name, _Payload(aid, "name", _is_acronym(name), name))
        for name in entry.weak:
            trie.add(name, _Payload(aid, "weak", _is_acronym(name), name))
        for term in entry.generic:
            trie.add(term, _Payload(aid, "generic", False))
    return trie


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[^A-Za-zÁÉÍÓÚÑáéíóúñ]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 8


@lru_cache(maxsize=1)
def _demonym_index() -> dict[str, str]:
    return {fold(w): code for code, words in load_demonyms().items() for w in words}


def extract_actors(
    text: str,
    tokens: Sequence[Token],
    home_country: str = "PE",
    places: Sequence[tuple[int, int]] = (),
    folded: str | None = None,
) -> list[ActorMention]:
    """Actor mentions in ``text``, registry and newly discovered, sorted by position.

    ``places`` are spans already known to be place names: no new actor is read there;
    ``folded`` is ``fold(text)`` when the caller has it.
    """
    registry = load_actor_registry()
    raw = _registry_hits(text, tokens, registry, home_country)
    raw += _state_nouns(text, tokens, registry)
    strong_ids = {m.actor.id for m in raw if m.how == "name"}
    mentions = [m for m in raw if m.how != "weak" or _weak_ok(m, text, strong_ids)]
    found = discover_actors(text, mentions, registry, places, folded)
    # a name inside a place name ("Ene and Mantaro River Valley") is the place; a name that
    # contains a place ("Frente Policial de Cajamarca") is still an organisation
    mentions += [f for f in found if not any(s <= f.start and f.end <= e for s, e in places)]
    mentions += _surname_references(text, tokens, mentions)
    mentions.sort(key=lambda m: m.start)
    return drop_overlaps(mentions)


def registry_mentions(
    text: str, tokens: Sequence[Token], home_country: str = "PE"
) -> list[tuple[int, int]]:
    """Spans of registry names (not generic terms): places are not read inside them."""
    registry = load_actor_registry()
    return [(m.start, m.end) for m in _registry_hits(text, tokens, registry, home_country)
            if m.how == "name"]  # fmt: skip


# Verbs after a country's name that make the country an actor ("the U.S. is providing",
# "Brazil signed", "Perú financia"): the text then speaks of its state.
_STATE_VERBS = re.compile(
    # not "share" nor "work": "Peru shares a border", "Bolivia works as a transit country"
    r"^\s*(?:(?:is|are|has|have|had|will|would|also|and|y|ha|han)\s+){0,3}(?:provid|give|gave|"
    r"grant|fund|financ|pledg|donat|sign|agree|spent|spend|invest|announc|deploy|send|sent|"
    r"cooperat|train|support|extradit|designat|sanction|proporcion|don|otorg|firm|acord|"
    r"gast|invirt|anunci|despleg|envi|coopera|apoy|capacit)\w*"
    r"|^\s*(?:(?:also|and|y)\s+)?(?:shar\w*|compart\w*)\s+(?:information|intelligence|data|"
    r"información|inteligencia|datos)",
)
# A state's help named by its country: "with U.S. assistance", "the US government",
# "con apoyo de Estados Unidos".
_STATE_AFTER = re.compile(
    r"^\.?(?:-funded|-backed|\s+(?:government|administration|assistance|aid|funding|support|"
    r"backing|cooperation)\b)",
    re.I,
)
_STATE_BEFORE = re.compile(
    r"\b(?:ayuda|apoyo|asistencia|cooperaci[oó]n|financiamiento|fondos|aid|assistance|support|"
    r"funding|help)\s+(?:de|del|from|of)\s+(?:los\s+|el\s+|the\s+)?$",
    re.I,
)


_GOVERNMENT_OF = re.compile(
    r"\b(?:government|gobierno)\s+(?:of|de|del)\s+(?:the\s+|los\s+|el\s+)?$"
)


def country_actions(
    text: str, countries: Sequence[tuple[int, int, str]], registry: ActorRegistry | None = None
) -> list[ActorMention]:
    """Country names used as the subject of a state action, as mentions of its government.

    ``countries`` holds (start, end, ISO code) of country names found by the geoparser.
    """
    registry = registry or load_actor_registry()
    governments: dict[str, Actor] = {}
    for e in registry.entries.values():
        country = e.actor.country
        if (
            e.actor.kind is ActorKind.GOVERNMENT
            and country
            and (country not in governments or e.actor.id.endswith("-government"))
        ):
            governments[country] = e.actor
    out = []
    for start, end, code in countries:
        if code not in governments:
            continue
        head = _GOVERNMENT_OF.search(fold(text[max(0, start - 40) : start]))
        if head:  # "the Government of Peru", "el Gobierno de Estados Unidos"
            first = start - (len(fold(text[max(0, start - 40) : start])) - head.start())
            span = text[first:end]
            out.append(ActorMention(first, end, span, governments[code], "generic"))
        elif (
            _STATE_VERBS.match(text[end : end + 60])
            or _STATE_AFTER.match(text[end : end + 20])
            or _STATE_BEFORE.search(text[max(0, start - 30) : start])
        ):
            out.append(ActorMention(start, end, text[start:end], governments[code], "generic"))
    return out


def _state_nouns(text: str, tokens: Sequence[Token], registry: ActorRegistry) -> list[ActorMention]:
    demonyms = _demonym_index()
    governments = {
        e.actor.country: e.actor for e in registry.entries.values()
        if e.actor.kind is ActorKind.GOVERNMENT and e.actor.country and "government" in e.generic
    }  # fmt: skip
    out = []
    for i, tok in enumerate(tokens):
        if tok.norm not in _STATE_NOUNS:
            continue
        country = _country_next_to(tokens, i, i, demonyms)
        if country and country in governments:
            first = i - 1 if i > 0 and tokens[i - 1].norm in demonyms else i
            last = i + 1 if first == i else i
            start, end = tokens[first].start, tokens[last].end
            out.append(ActorMention(start, end, text[start:end], governments[country], "generic"))
    return out


def _registry_hits(
    text: str, tokens: Sequence[Token], registry: ActorRegistry, home: str
) -> list[ActorMention]:
    out = []
    demonyms = _demonym_index()
    for hit in _trie().find(list(tokens)):
        surface = text[hit.start : hit.end]
        payloads = [p for p in hit.payloads if _case_ok(p, surface)]
        if not payloads:
            continue
        named = [p for p in payloads if p.how == "name"]
        if not named and not any(p.how == "generic" for p in payloads):
            named = [p for p in payloads if p.how == "weak"]
        if named:
            p = named[0]
            actor = registry.get(p.actor_id)
            if actor is not None:
                start = _after_article(text, hit.start, hit.end, actor.kind)
                out.append(ActorMention(start, hit.end, text[start : hit.end], actor, p.how))
            continue
        if _noun_adjunct(text, hit.start, hit.end) or _DOCUMENT_TITLE.search(
            text[max(0, hit.start - 60) : hit.start]
        ):
            continue
        named_country = _country_next_to(tokens, hit.first, hit.last, demonyms)
        country = named_country or home
        generic = [a for a in (registry.get(p.actor_id) for p in payloads) if a is not None]
        fits = [a for a in generic if a.country == country]
        if fits:
            start = _after_article(text, hit.start, hit.end, fits[0].kind)
            out.append(ActorMention(start, hit.end, text[start : hit.end], fits[0], "generic"))
        elif named_country and generic and hit.first > 0:
            # "Belgian customs", "Spanish police": a national body the registry lacks
            start = min(tokens[hit.first - 1].start, hit.start)
            name = text[start : hit.end]
            actor = Actor(
                id=f"new:{named_country.lower()}-" + re.sub(r"[^a-z0-9]+", "-", fold(surface)),
                name=name,
                kind=generic[0].kind,
                country=named_country,
            )
            out.append(ActorMention(start, hit.end, name, actor, "new"))
    return out


# A generic term that only qualifies a thing names no one acting: "the police airport",
# "military statistics", "fuentes policiales", "estadísticas militares".
_THINGS = (
    # not "reports", "estimates", "sources": verbs or speakers as often ("police report")
    r"airport|airports|station|stations|base|bases|statistics|data|figures|records|"
    r"intelligence|helicopters?|vehicles?|trucks?|cars?|uniforms?|checkpoints?|"
    r"barracks|academy|hospital|budget|spending|equipment|zones?|installations?|facilities|"
    r"facility|aircraft|plane|planes|boats?|ships?|hangar|archives?"
)
_THINGS_ES = (
    r"estadísticas|estadisticas|cifras|datos|bases?|zonas?|instalaciones|vehículos|"
    r"vehiculos|helicópteros|helicopteros|presupuesto|gasto|informes?|reportes?|inteligencia|"
    r"aeropuerto|aeródromo|aerodromo|comisaría|comisaria|cuartel|hospital|archivos?"
)
_ADJUNCT_AFTER = re.compile(rf"^\s+(?:{_THINGS})\b")
_ADJUNCT_BEFORE = re.compile(rf"\b(?:{_THINGS_ES})\s+$", re.I)


# "la Política General de Gobierno", "the National Police Strategy": a generic term in the
# title of a policy, plan or law names that document, not a body acting
_DOCUMENT_TITLE = re.compile(
    r"\b(?:Pol[ií]tica|Plan|Ley|Programa|Estrategia|Decreto|Reglamento|Policy|Strategy|Law|"
    r"Act|Program|Programme)\b(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w-]*|de|del|la|el|para|contra|of|the|for|"
    r"on|against))*?\s+(?:de|del|of|on|for)\s+(?:la\s+|el\s+|the\s+)?$"
)


def _noun_adjunct(text: str, start: int, end: int) -> bool:
    surface = text[start:end]
    if " " in surface.strip():
        return False
    return bool(
        _ADJUNCT_AFTER.match(text[end : end + 20])
        or (surface[:1].islower() and _ADJUNCT_BEFORE.search(text[max(0, start - 20) : start]))
    )


_ARTICLE = re.compile(r"(?:el|la|los|las|the|El|La|Los|Las|The)\s+(?=\S)")


def _after_article(text: str, start: int, end: int, kind: ActorKind) -> int:
    """Where a mention starts once its article is dropped ("la Fiscalía" -> "Fiscalía");
    a gang keeps a capitalised one, which is part of its name ("Los Choneros")."""
    m = _ARTICLE.match(text, start, end)
    if m is None or (kind is ActorKind.CRIMINAL_GROUP and text[start].isupper()):
        return start
    return m.end()


def _case_ok(p: _Payload, surface: str) -> bool:
    letters = re.sub(r"[^\w]", "", surface)
    if p.how == "generic":
        return True
    if p.caps:
        # acronyms: capitals required when short ("SL", "PNP"); "Devida" passes at 5+
        return letters.isupper() or (len(letters) >= 5 and surface[:1].isupper())
    return _capitals_kept(p.form, surface)


# A name's first word may be written in lower case when it is an article or a group noun
# ("el cártel de Sinaloa", "la Fiscalía"); any other word the registry capitalises must be
# capitalised in the text too, so "el comercio en la zona" is not the daily El Comercio.
_LOWER_OPENERS = {"el", "la", "los", "las", "the", "cartel", "clan", "frente", "banda", "front"}


def _capitals_kept(form: str, surface: str) -> bool:
    names, written = form.split(), surface.split()
    if len(names) != len(written):
        return surface[:1].isupper() or surface[:1].isdigit()
    for i, (name, word) in enumerate(zip(names, written, strict=True)):
        lowered = name[:1].isupper() and not word[:1].isupper()
        if lowered and (i > 0 or fold(name) not in _LOWER_OPENERS):
            return False
    return True


def _country_next_to(
    tokens: Sequence[Token], first: int, last: int, demonyms: dict[str, str]
) -> str | None:
    """ISO code of a demonym or country possessive just before or after the span."""
    if first > 0 and tokens[first - 1].norm in demonyms:
        return demonyms[tokens[first - 1].norm]
    if first > 1 and tokens[first - 1].norm == "s":  # "Peru's military"
        from pukara.refdata.gazetteer import load_gazetteer

        name = tokens[first - 2].norm
        for entry in load_gazetteer().entries.values():
            if entry.place.kind.value == "country" and fold(entry.place.name) == name:
                return entry.place.country
    if last + 1 < len(tokens) and tokens[last + 1].norm in demonyms:
        return demonyms[tokens[last + 1].norm]
    return None


def _weak_ok(m: ActorMention, text: str, strong_ids: set[str]) -> bool:
    if m.actor.id in strong_ids:
        return True
    before = fold(text[max(0, m.start - 25) : m.start]).rstrip(" \"'“”‘’«(").split()
    return bool(before) and before[-1] in _ALIAS_MARKERS


def _surname_references(
    text: str, tokens: Sequence[Token], mentions: list[ActorMention]
) -> list[ActorMention]:
    """'Masías said': a person's surname(s) alone, after the full name has been given."""
    trie: TokenTrie[str] = TokenTrie()
    persons: dict[str, Actor] = {}
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.actor.kind is not ActorKind.PERSON or m.how == "generic":
            continue
        persons[m.actor.id] = m.actor
        first_seen[m.actor.id] = min(first_seen.get(m.actor.id, m.start), m.start)
        words = [w for w in m.actor.name.split() if fold(w) not in {"de", "del", "la", "y"}]
        if len(words) >= 3:
            trie.add(" ".join(words[-2:]), m.actor.id)
            trie.add(words[-2], m.actor.id)
        elif len(words) == 2:
            trie.add(words[-1], m.actor.id)
    out = []
    taken = [(m.start, m.end) for m in mentions]
    for hit in trie.find(list(tokens)):
        if len(hit.payloads) != 1 or not text[hit.start : hit.start + 1].isupper():
            continue
        aid = hit.payloads[0]
        if hit.start < first_seen[aid] or any(s <= hit.start < e for s, e in taken):
            continue
        out.append(
            ActorMention(hit.start, hit.end, text[hit.start : hit.end], persons[aid], "name")
        )
    return out


def mentions_for_text(text: str) -> list[ActorMention]:
    """Convenience for notebooks: actors in a plain string."""
    return extract_actors(text, tokenize(text))
