"""Find the organisations a text names that the registry does not know.

In: the text. Out: ``Found`` tuples (start, end, name, kind, aliases), before any merging
with the registry or with each other.

Organisations are read from acronym definitions ("Instituto Nacional de Estadística e
Informática (INEI)"), organisation words at the head or the tail of a capitalised name
("Fiscalía Especializada ...", "... Consulting", "... S.A.C."), quoted names with a group
noun ("the “Proseguir” faction", "la banda “Los Pulpos”"), "known as" constructions,
appositions ("Amazon Watch, an NGO") and a company noun in lower case before a name ("la
minera Poderosa", "the shipping line Maersk").
"""

from __future__ import annotations

import re
from functools import lru_cache

from pukara.model import ActorKind

__all__ = ["Found", "find_organisations", "org_kind", "org_words"]

# A name read by a discovery pattern: (start, end, name, kind, aliases).
Found = tuple[int, int, str, ActorKind, tuple[str, ...]]

_NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’\-]*[\w]|[A-Z]\.)"  # a capitalised word, or an initial
_QUOTE = "[\"“”'‘’«»]"
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
_ANY_ORG_WORD = "|".join(f"(?:{v})" for v in _ORG_WORDS.values())
# Words that join the words of one name; "y"/"and" only when no article follows (two bodies
# written "la Sunat y la Dirandro" are two), "e" is Spanish "y" before an i- sound.
_JOIN = (
    r"(?:of|for|de|del|para|la|el|los|las|on|(?:and|y|e)(?!\s+(?:el|la|los|las|the|de|del)\b)"
    # nor when another body's word follows: "la Fiscalía Provincial y Procuraduría Pública"
    rf"(?!\s+(?:{_ANY_ORG_WORD})\b)"
    # "Fiscalía Especializada en Materia Ambiental", "... contra la Criminalidad Organizada"
    r"|(?:en|contra|against)(?=\s+(?:la\s+)?(?:Materia|Delitos?|Criminalidad|Lavado|Tr[aá]fico|"
    r"Asuntos|Drogas|Crimen|Organized|Drug)))"
)
_ORG_TAIL = re.compile(
    rf"\b(?P<name>(?:{_NAME_WORD}\s+(?:{_JOIN}\s+)*){{1,6}}(?:{_ANY_ORG_WORD}))(?=[\s,.;:)]|$)"
)
# English company words close a name ("Amazon Risk Consulting"), they never open one
_HEAD_WORDS = "|".join(
    [f"(?:{v})" for k, v in _ORG_WORDS.items() if k is not ActorKind.COMPANY]
    + ["Minera|Maderera|Grupo|Corporación|Compañía|Empresa"]
)
_ORG_HEAD = re.compile(rf"\b(?P<name>(?:{_HEAD_WORDS})(?:\s+(?:{_JOIN}\s+)*{_NAME_WORD}){{1,6}})")
_ACRONYM_DEF = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?:of|for|and|the|de|del|para|y|e|la|el|los|las|on|"
    rf"against|contra|sin|without)\s+)*{_NAME_WORD}){{1,10}})\s+\((?P<acro>[A-ZÁÉÍÓÚ]"
    r"[A-Za-zÁÉÍÓÚ\-]{1,9})\)"
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
# "la minera Poderosa", "la empresa Agroindustrias Sur", "the shipping line Maersk": a
# company noun in lower case right before a capitalised name.
_COMPANY_NOUN = re.compile(
    r"\b(?:(?:la|el|una|un|the|a|de\s+la|del)\s+)?(?P<noun>empresa|compañía|minera|naviera|"
    r"línea\s+naviera|maderera|consultora|firma|constructora|aerolínea|transportista|"
    r"company|firm|shipping\s+line|shipping\s+company|mining\s+company|logging\s+company|"
    r"airline|carrier|exporter|exportadora|importadora)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:de|del|y|e|&)?\s*{_NAME_WORD}){{0,4}})"
)
# "Combat Illegal Logging", "la Minería Ilegal": an activity, not a firm's name
_ACTIVITY = re.compile(
    r"\b(?:Illegal|Ilegal|Informal|Artisanal|Artesanal)\s+(?:Mining|Logging|Miner[ií]a|Tala)\b"
    r"|\b(?:Miner[ií]a|Tala|Mining|Logging)\s+(?:Ilegal|Illegal|Informal)\b"
)
# "el sector conocido como 'Las Dos Lomas'": a quoted name after a place noun is a place
_PLACE_BEFORE = re.compile(
    r"\b(?:sector|zona|lugar|paraje|caser[ií]o|anexo|centro\s+poblado|comunidad|quebrada|"
    r"cerro|[áa]rea|localidad|barrio|asentamiento|playa|mina|area|zone|place|site|spot|"
    r"village|settlement|neighbou?rhood|hamlet|town|beach|mine)\b(?:\s+[\w-]+){0,3}\s*$",
    re.I,
)
_PERSON_NOUNS = {
    "trader", "man", "woman", "dealer", "boss", "commander", "leader", "smuggler", "trafficker",
    "sujeto", "hombre", "mujer", "comerciante", "cabecilla", "traficante",
}  # fmt: skip
_NOUN_KIND = {
    **dict.fromkeys(["faction", "front", "frente", "facción"], ActorKind.ARMED_GROUP),
    **dict.fromkeys(["gang", "banda", "clan", "cartel", "cártel"], ActorKind.CRIMINAL_GROUP),
}
_FIRM_NOUNS = {"company", "firm", "consultancy", "empresa", "consultora"}


def find_organisations(text: str) -> list[Found]:
    """Organisation names in ``text`` with their kind and the acronym defined for them."""
    found: list[Found] = []
    for m in _ACRONYM_DEF.finditer(text):
        kind = org_kind(m.group("name"))
        found.append((m.start("name"), m.end("name"), m.group("name"), kind, (m.group("acro"),)))
    for pattern in (_ORG_TAIL, _ORG_HEAD):
        for m in pattern.finditer(text):
            name = m.group("name")
            if _ACTIVITY.search(name):
                continue
            found.append((m.start("name"), m.end("name"), name, org_kind(name), ()))
    for m in _QUOTED_LOS.finditer(text):
        if _PLACE_BEFORE.search(text[max(0, m.start() - 50) : m.start()]):
            continue
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
        kind = ActorKind.COMPANY if noun in _FIRM_NOUNS else org_kind(m.group("name"))
        found.append((m.start("name"), m.end("name"), m.group("name"), kind, ()))
    for m in _QUOTED_GROUP.finditer(text):
        name = m.group("name") or m.group("name2")
        noun = (m.group("noun") or m.group("noun2") or "").lower()
        start = m.start("name") if m.group("name") else m.start("name2")
        kind = _NOUN_KIND.get(noun.split()[0], ActorKind.CRIMINAL_GROUP)
        found.append((start, start + len(name), name.strip(), kind, ()))
    for m in _COMPANY_NOUN.finditer(text):
        found.append((m.start("name"), m.end("name"), m.group("name"), ActorKind.COMPANY, ()))
    return found


def org_kind(name: str) -> ActorKind:
    """The kind an organisation word in ``name`` says (OTHER when none does)."""
    for kind, words in _ORG_WORDS.items():
        if re.search(rf"\b(?:{words})(?=\W|$)", name):
            return kind
    return ActorKind.OTHER


@lru_cache(maxsize=1)
def org_words() -> tuple[str, ...]:
    """Every single organisation word ("Ministry", "Fiscalía", "S.A.C."), as written."""
    words = (w.replace("\\", "").rstrip("?") for v in _ORG_WORDS.values() for w in v.split("|"))
    return tuple(dict.fromkeys(w for w in words if " " not in w and "'" not in w))
