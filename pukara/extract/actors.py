"""Find actors in a text: registry names, weak aliases, generic terms and unknown names.

In: the text and its tokens. Out: ``ActorMention``s, each resolved to a registry ``Actor``
or to a new actor discovered in the text (id ``new:<slug>``), merged by alias.

- Registry names match on folded tokens; short acronyms must be written in capitals.
- Weak aliases ("SL", "José") count only when the actor is also named strongly, or right
  after an alias marker ("alias", "Camarada", "known as").
- Generic terms ("the military", "police", "autoridades") stand for the national body of
  the country named next to them ("Colombian authorities") or of the text's home country.
- Unknown persons are read from titles ("General X Y"), roles ("X Y, director of"), speech
  verbs ("X Y said"), alias constructions and later surname-only references; unknown
  organisations from acronym definitions, organisation words ("... Consulting", "Frente
  ...", "... S.A.C.") and quoted names with a group noun ("the “Proseguir” faction").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.matcher import Token, TokenTrie, tokenize
from pukara.extract.text import fold, fold_key
from pukara.model import Actor, ActorKind
from pukara.refdata.actors import ActorRegistry, load_actor_registry, load_demonyms

__all__ = ["ActorMention", "country_actions", "drop_overlaps", "extract_actors"]


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    surface: str
    actor: Actor
    how: str  # "name", "weak", "generic", "new"


# A name read by a discovery pattern: (start, end, name, kind, aliases).
_Found = tuple[int, int, str, ActorKind, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Payload:
    actor_id: str
    how: str  # "name" | "weak" | "generic"
    caps: bool  # the registry writes it in capitals (an acronym): the text must too


_NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’\-]*[\w]|[A-Z]\.)"  # a capitalised word, or an initial
_PARTICLE = r"(?:de|del|de la|de los|y|da|do|dos|van|von)"
_PERSON_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD}){{1,4}}"
_TITLES = (
    "President|Vice President|General|Gen\\.|Gral\\.|Colonel|Col\\.|Commander|Captain|Major|"
    "Lieutenant|Sergeant|Minister|Mayor|Governor|Prosecutor|Judge|Congressman|Congresswoman|"
    "Senator|Ambassador|Admiral|Father|Bishop|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|presidente|presidenta|"
    "expresidente|ministro|ministra|general|coronel|comandante|capitán|teniente|mayor PNP|"
    "alcalde|alcaldesa|gobernador|gobernadora|fiscal|juez|jueza|congresista|embajador|"
    "almirante|suboficial|sargento|monseñor|padre|el dirigente|la dirigente|el líder|la líder"
)
_ROLES = (
    "analyst|expert|researcher|director|head|chief|spokesman|spokeswoman|spokesperson|leader|"
    "prosecutor|official|mayor|founder|coordinator|commander|president|minister|lawyer|"
    "analista|experto|experta|investigador|investigadora|director|directora|jefe|jefa|"
    "vocero|vocera|portavoz|dirigente|líder|fiscal|funcionario|funcionaria|coordinador|"
    "coordinadora|abogado|abogada|alcalde|presidente|presidenta|cabecilla"
)
_SPEECH = (
    "said|says|told|explained|added|stated|noted|warned|argued|declared|announced|estimated|"
    "dijo|afirmó|señaló|explicó|indicó|sostuvo|declaró|manifestó|advirtió|agregó|añadió|"
    "anunció|precisó|informó|detalló|aseguró|comentó|estimó|reconoció"
)
_KIN = (
    "wife|husband|brother|sister|son|daughter|partner|esposa|esposo|hermano|hermana|hijo|"
    "hija|pareja|conviviente|sobrino|sobrina|primo|prima"
)
_PERSON_PATTERNS = [
    # "la fiscal antidrogas de Puno, Elizabeth Coaquira Ticona": role first, name after a comma
    re.compile(
        rf"\b(?:{_ROLES}|{_KIN})\b(?:[ \t]+[\w-]+){{0,4}},[ \t]+(?P<name>{_PERSON_NAME})"
        rf"(?=[,.;]|\s+(?:{_SPEECH}))"
    ),
    # "Josué Mozombite, a fisherman from Islandia": an appositive in lower case
    re.compile(
        rf"(?P<name>{_PERSON_NAME}),[ \t]+(?:a|an|un|una)[ \t]+(?:[a-záéíóúñ-]+[ \t]+){{0,2}}"
        r"(?:from|of|de|del|in|en|who|que)\b"
    ),
    re.compile(rf"\b(?:{_TITLES})\s+(?P<name>{_PERSON_NAME})"),
    re.compile(rf"\b(?:{_ROLES})\s+(?P<name>{_PERSON_NAME})"),
    re.compile(
        rf"(?P<name>{_PERSON_NAME}),\s+(?:the\s+|el\s+|la\s+|a\s+|an\s+)?(?:\w+\s+)?(?:{_ROLES})\b"
    ),
    re.compile(rf"(?P<name>{_PERSON_NAME})\s+(?:{_SPEECH})\b"),
    re.compile(rf"\b(?:{_SPEECH})\s+(?P<name>{_PERSON_NAME})"),
]
_QUOTE = "[\"“”'‘’«»]"
_ALIAS_PATTERNS = [
    # Name, alias "X" / Name (a) X / Name, who is also known as "X" / Name, conocido como "X"
    re.compile(
        rf"(?P<name>{_PERSON_NAME}),?\s+(?:(?:who\s+is\s+)?(?:also\s+)?known\s+as|alias|"
        rf"\(a\)|conocido\s+como|conocida\s+como|apodado|apodada)\s+{_QUOTE}?"
        rf"(?P<alias>(?:(?:Camarada|Comrade|Comandante|Commander)\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
    ),
]
_ORG_WORDS = {
    ActorKind.COMPANY: r"Consulting|Group|Company|Corporation|Corp\.?|Inc\.?|Ltd\.?|S\.A\.C\.|"
    r"S\.A\.|E\.I\.R\.L\.|S\.R\.L\.|Minera|Maderera|Mining|Logging|Holdings|Exports|Trading",
    ActorKind.STATE_AGENCY: r"Ministry|Ministerio|Commission|Comisión|Agency|Agencia|Office|"
    r"Oficina|Directorate|Dirección|Superintendencia|Superintendency|Prosecutor's Office|"
    r"Fiscalía|Court|Corte|Juzgado|Municipalidad|Gobierno Regional|Authority|Autoridad|"
    r"Aduana|Aduanas|Customs|Service|Servicio|Unidad|Unit|Procuraduría|Defensoría|Embassy|"
    r"Embajada|Department|Departamento",
    ActorKind.SECURITY_FORCE: r"Police|Policía|Policial|Army|Ejército|Navy|Marina|Battalion|"
    r"Batallón|Brigade|Brigada|Command|Comando Especial|Guard|Guardia",
    ActorKind.ARMED_GROUP: r"Front|Frente|Guerrilla|Comandos|Column|Columna|Militia|Milicia",
    ActorKind.CRIMINAL_GROUP: r"Cartel|Cártel|Clan|Gang|Banda|Mafia|Syndicate",
    ActorKind.OTHER: r"Association|Asociación|Federation|Federación|Foundation|Fundación|"
    r"Institute|Instituto|Center|Centre|Centro|Council|Consejo|Network|Red|Union|Rondas|"
    r"Ronda|Comité|Committee|Coordinadora|Organización|Organization",
}
_JOIN = (
    r"(?:of|for|de|del|para|la|el|los|las|on|(?:and|y)(?!\s+(?:el|la|los|las|the|de|del)\b)"
    # "Fiscalía Especializada en Materia Ambiental", "... contra la Criminalidad Organizada"
    r"|(?:en|contra|against)(?=\s+(?:la\s+)?(?:Materia|Delitos?|Criminalidad|Lavado|Tr[aá]fico|"
    r"Asuntos|Drogas|Crimen|Organized|Drug)))"
)
_ORG_TAIL = re.compile(
    rf"\b(?P<name>(?:{_NAME_WORD}\s+(?:{_JOIN}\s+)*){{1,6}}"
    rf"(?:{'|'.join(f'(?:{v})' for v in _ORG_WORDS.values())}))(?=[\s,.;:)]|$)"
)
_ORG_HEAD = re.compile(
    rf"\b(?P<name>(?:{'|'.join(f'(?:{v})' for v in _ORG_WORDS.values())})"
    rf"(?:\s+(?:{_JOIN}\s+)*{_NAME_WORD}){{1,6}})"
)
_ACRONYM_DEF = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?:of|for|and|the|de|del|para|y|la|el|los|las|on|against|"
    rf"contra|sin|without)\s+)*{_NAME_WORD}){{1,10}})\s+\((?P<acro>[A-ZÁÉÍÓÚ][A-Za-zÁÉÍÓÚ\-]{{1,9}})\)"
)
_QUOTED_GROUP = re.compile(
    rf"{_QUOTE}(?P<name>[A-ZÁÉÍÓÚÑ][\w'’\- ]{{2,40}}?){_QUOTE}\s+(?P<noun>faction|gang|clan|cartel|"
    r"front|group|network|organi[sz]ation)|(?P<noun2>facción|banda|clan|cártel|organización"
    rf"(?: criminal)?|red|frente|grupo)\s+{_QUOTE}?(?P<name2>(?:Los|Las|La|El)\s+{_NAME_WORD}"
    rf"(?:\s+(?:de|del|de la)?\s*{_NAME_WORD}){{0,3}}){_QUOTE}?(?=[\s,.;:)])"
)
# A quoted Spanish plural name ("Los Lancheros de Chucuito") is how gangs are named.
_QUOTED_LOS = re.compile(
    rf"{_QUOTE}(?P<name>(?:Los|Las)\s+{_NAME_WORD}(?:\s+(?:de|del|de la)?\s*{_NAME_WORD}){{0,3}})"
    rf"{_QUOTE}"
)
_KNOWN_AS = re.compile(
    rf"\b(?P<noun>trader|man|woman|dealer|boss|commander|leader|smuggler|trafficker|"
    r"gang|group|clan|faction|cartel|network|organi[sz]ation|sujeto|hombre|mujer|comerciante|"
    r"cabecilla|traficante|banda|grupo|facción|cártel|red|organización)"
    r"(?:\s+\w+){0,2}?\s+(?:(?:known|referred\s+to)\s+(?:only\s+)?as|called|dubbed|nicknamed|"
    r"conocid[oa]s?\s+(?:solo\s+)?como|apodad[oa]|denominad[oa]|llamad[oa])\s+"
    rf"{_QUOTE}(?P<name>[A-ZÁÉÍÓÚÑ][\w'’\- ]{{1,40}}?)[,.]?{_QUOTE}"
)
_APPOSITIVE_ORG = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:(?:de|del|la|of|for|and|y)[ \t]+)?{_NAME_WORD}){{0,5}}),\s+"
    r"(?:a|an|the|una|un|la|el)\s+(?:[\w-]+\s+){0,3}?(?P<noun>group|organi[sz]ation|NGO|"
    r"non-profit|nonprofit|company|firm|consultancy|think\s+tank|foundation|association|"
    r"federation|network|ONG|organización|empresa|asociación|federación|fundación|consultora|"
    r"colectivo|gremio)\b"
)
_PERSON_NOUNS = {
    "trader", "man", "woman", "dealer", "boss", "commander", "leader", "smuggler", "trafficker",
    "sujeto", "hombre", "mujer", "comerciante", "cabecilla", "traficante",
}  # fmt: skip
_NOUN_KIND = {
    **dict.fromkeys(["faction", "front", "frente", "facción"], ActorKind.ARMED_GROUP),
    **dict.fromkeys(["gang", "banda", "clan", "cartel", "cártel"], ActorKind.CRIMINAL_GROUP),
}
# Nouns that name a country's state only when the country is named next to them
# ("Colombian authorities", "las autoridades brasileñas").
_STATE_NOUNS = {"authorities", "autoridades", "officials", "government", "gobierno"}
_ALIAS_MARKERS = {"alias", "camarada", "comrade", "comandante", "commander", "as", "como"}
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


@lru_cache(maxsize=1)
def _trie() -> TokenTrie[_Payload]:
    registry = load_actor_registry()
    trie: TokenTrie[_Payload] = TokenTrie()
    for entry in registry.entries.values():
        aid = entry.actor.id
        for name in entry.strong:
            trie.add(name, _Payload(aid, "name", _is_acronym(name)))
        for name in entry.weak:
            trie.add(name, _Payload(aid, "weak", _is_acronym(name)))
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
) -> list[ActorMention]:
    """Actor mentions in ``text``, registry and newly discovered, sorted by position.

    ``places`` are spans already known to be place names: no new actor is read there.
    """
    registry = load_actor_registry()
    raw = _registry_hits(text, tokens, registry, home_country)
    raw += _state_nouns(text, tokens, registry)
    strong_ids = {m.actor.id for m in raw if m.how == "name"}
    mentions = [m for m in raw if m.how != "weak" or _weak_ok(m, text, strong_ids)]
    found = _discover(text, mentions, registry)
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
    r"^\s*(?:(?:is|are|has|have|had|will|would|also|and|y|ha|han)\s+){0,3}(?:provid|give|gave|"
    r"grant|fund|financ|pledg|donat|sign|agree|share|spent|spend|invest|announc|deploy|send|sent|"
    r"work|cooperat|train|support|extradit|designat|sanction|proporcion|don|otorg|firm|acord|"
    r"compart|gast|invirt|anunci|despleg|envi|trabaj|coopera|apoy|capacit)\w*",
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
        elif _STATE_VERBS.match(text[end : end + 60]):
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
                out.append(ActorMention(hit.start, hit.end, surface, actor, p.how))
            continue
        named_country = _country_next_to(tokens, hit.first, hit.last, demonyms)
        country = named_country or home
        generic = [a for a in (registry.get(p.actor_id) for p in payloads) if a is not None]
        fits = [a for a in generic if a.country == country]
        if fits:
            out.append(ActorMention(hit.start, hit.end, surface, fits[0], "generic"))
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


def _case_ok(p: _Payload, surface: str) -> bool:
    letters = re.sub(r"[^\w]", "", surface)
    if p.how == "generic":
        return True
    if p.caps:
        # acronyms: capitals required when short ("SL", "PNP"); "Devida" passes at 5+
        return letters.isupper() or (len(letters) >= 5 and surface[:1].isupper())
    return surface[:1].isupper() or surface[:1].isdigit() or not any(c.isupper() for c in surface)


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


def _discover(text: str, known: list[ActorMention], registry: ActorRegistry) -> list[ActorMention]:
    """New persons and organisations, merged by alias with the registry and each other."""
    found: list[_Found] = []
    for pattern in _PERSON_PATTERNS:
        for m in pattern.finditer(text):
            found.append((m.start("name"), m.end("name"), m.group("name"), ActorKind.PERSON, ()))
    for m in _ALIAS_PATTERNS[0].finditer(text):
        alias = m.group("alias")
        found.append((m.start("name"), m.end("name"), m.group("name"), ActorKind.PERSON, (alias,)))
    for m in _ACRONYM_DEF.finditer(text):
        kind = _org_kind(m.group("name"))
        found.append((m.start("name"), m.end("name"), m.group("name"), kind, (m.group("acro"),)))
    for pattern in (_ORG_TAIL, _ORG_HEAD):
        for m in pattern.finditer(text):
            found.append(
                (m.start("name"), m.end("name"), m.group("name"), _org_kind(m.group("name")), ())
            )
    for m in _QUOTED_LOS.finditer(text):
        found.append(
            (m.start("name"), m.end("name"), m.group("name"), ActorKind.CRIMINAL_GROUP, ())
        )
    for m in _KNOWN_AS.finditer(text):
        noun = m.group("noun").lower()
        kind = ActorKind.PERSON if noun in _PERSON_NOUNS else _NOUN_KIND.get(
            noun, ActorKind.CRIMINAL_GROUP)  # fmt: skip
        found.append((m.start("name"), m.end("name"), m.group("name").strip(), kind, ()))
    for m in _APPOSITIVE_ORG.finditer(text):
        noun = m.group("noun").lower()
        firm = noun in {"company", "firm", "consultancy", "empresa", "consultora"}
        kind = ActorKind.COMPANY if firm else _org_kind(m.group("name"))
        found.append((m.start("name"), m.end("name"), m.group("name"), kind, ()))
    for m in _QUOTED_GROUP.finditer(text):
        name = m.group("name") or m.group("name2")
        noun = (m.group("noun") or m.group("noun2") or "").lower()
        start = m.start("name") if m.group("name") else m.start("name2")
        kind = _NOUN_KIND.get(noun.split()[0], ActorKind.CRIMINAL_GROUP)
        found.append((start, start + len(name), name.strip(), kind, ()))
    return _resolve_found(text, found, known, registry)


def _org_kind(name: str) -> ActorKind:
    for kind, words in _ORG_WORDS.items():
        if re.search(rf"\b(?:{words})(?=\W|$)", name):
            return kind
    return ActorKind.OTHER


def _resolve_found(
    text: str,
    found: list[_Found],
    known: list[ActorMention],
    registry: ActorRegistry,
) -> list[ActorMention]:
    by_key: dict[str, Actor] = {}
    for m in known:
        for name in (m.actor.name, *m.actor.aliases):
            by_key.setdefault(fold_key(name), m.actor)
    out: list[ActorMention] = []
    merged: dict[tuple[int, int], _Found] = {}
    for f in found:  # one name read by two patterns: keep one, with every alias seen
        prev = merged.get((f[0], f[1]))
        merged[(f[0], f[1])] = f if prev is None else (*prev[:4], (*prev[4], *f[4]))
    found = _merge_short_forms(list(merged.values()))
    for start, end, name, kind, aliases in sorted(found, key=lambda f: (f[0], -f[1])):
        group = kind is ActorKind.CRIMINAL_GROUP
        surface, start = _trim_name(text[start:end], start, keep_article=group)
        name, _ = _trim_name(name, 0, keep_article=group)
        if kind is ActorKind.PERSON and _org_kind(name) is not ActorKind.OTHER:
            kind = _org_kind(name)  # "the Environment Ministry said": not a person
        quoted = _is_quoted(text, start, end)
        if not surface or not name or (_bad_name(name, kind) and not quoted):
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


def _merge_short_forms(found: list[_Found]) -> list[_Found]:
    """'Mendoza Mora' read on its own is the 'Carlos Mendoza Mora' of the same text."""
    persons = {fold_key(f[2]): f[2] for f in found if f[3] is ActorKind.PERSON}
    out: list[_Found] = []
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


def drop_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    """Keep the longest of overlapping mentions; registry names beat discovered ones."""
    rank = {"name": 0, "weak": 1, "generic": 2, "new": 3}
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), rank[m.how], m.start))
    kept: list[ActorMention] = []
    for m in ordered:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def mentions_for_text(text: str) -> list[ActorMention]:
    """Convenience for notebooks: actors in a plain string."""
    return extract_actors(text, tokenize(text))
