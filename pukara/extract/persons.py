"""Find the persons a text names that the registry does not know.

In: the text and the spans already known to be places. Out: ``PersonName``s (span, name
without its title, aliases), before any merging with the registry.

A person is a run of capitalised words (with name particles: "de la", "van") that, once
its title is taken off the front ("Peru's Interior Minister Daniel Urresti", "General de
Policía Vicente Tiburcio", "coronel PNP Luis Tapia"), still has two words or more, holds
no organisation word, and has evidence of a person around it:

- a title in the run itself or right before it ("el exministro Javier Ríos");
- a role in an apposition ("la ministra de Justicia, Rosa Quiroga"; "Ana Vera, director
  of ...", "Josué Mozombite, a fisherman from ...");
- a speech verb before or after it ("dijo el coronel X Y", "X Y said", "ha precisado X");
- a demonym or kinship noun before it ("el argentino Luis Tato", "su esposa, Ana Vera");
- or a given name as its first word (``given_names.txt``).

A title alone ("Police Director Gen.") names no one and gives nothing. A single surname
right after a speech verb ("ha precisado Salazar.") is a person too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.text import fold
from pukara.refdata.actors import (
    PersonCues,
    load_demonyms,
    load_given_names,
    load_person_cues,
)

__all__ = ["ALIAS_PATTERN", "PersonName", "find_persons", "is_title_phrase"]


@dataclass(frozen=True, slots=True)
class PersonName:
    start: int
    end: int
    name: str
    aliases: tuple[str, ...] = ()
    titled: bool = False  # a title names the person: strong enough to cut an organisation


_W = r"(?:[A-ZÁÉÍÓÚÑÜ][\w'’\-]*\w|[A-ZÁÉÍÓÚÑ]\.)"  # a capitalised word, or an initial
_PARTICLES = {"de", "del", "la", "las", "los", "da", "do", "dos", "das", "van", "von", "di"}
_RUN = re.compile(
    rf"{_W}(?:[ \t]+(?:(?:de|del|da|do|dos|das|van|von|di)[ \t]+(?:(?:la|las|los)[ \t]+)?)?{_W})*"
)
_QUOTE = "[\"“”'‘’«»]"
_PERSON_NAME = rf"{_W}(?:[ \t]+(?:(?:de|del|de la|de los|da|do|dos|van|von)[ \t]+)?{_W}){{1,4}}"
ALIAS_PATTERN = re.compile(
    rf"(?P<name>{_PERSON_NAME}),?\s+(?:(?:who\s+is\s+)?(?:also\s+)?known\s+as|alias|"
    rf"\(a\)|conocido\s+como|conocida\s+como|apodado|apodada)\s+{_QUOTE}?"
    rf"(?P<alias>(?:(?:Camarada|Comrade|Comandante|Commander)\s+)?{_W}(?:\s+{_W})?)"
)
# Words that open a sentence or a clause and are capitalised for that reason only.
_OPENERS = {
    "the", "a", "an", "in", "on", "at", "for", "but", "and", "as", "by", "el", "la", "los",
    "las", "en", "un", "una", "por", "para", "con", "segun", "however", "while", "although",
    "this", "that", "these", "those", "his", "her", "their", "its", "our", "it", "he", "she",
    "they", "we", "i", "si", "cuando", "tras", "desde", "also", "after", "before", "since",
    "de", "del", "y", "o", "que", "sus", "su", "este", "esta", "estos", "estas", "another",
    "otro", "otra", "both", "all", "many", "some", "several", "each", "only", "even", "yet",
    "so", "then", "there", "here", "now", "hoy", "ayer", "sin", "pero", "al", "with", "to",
    "according", "despues", "antes", "durante", "entre", "sobre", "hacia", "hasta",
}  # fmt: skip
# Spanish months are written in lower case: a capitalised "Julio" is a name
_MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "lunes",
    "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Cues:
    title_words: frozenset[str]
    org_words: frozenset[str]
    demonyms: frozenset[str]
    given: frozenset[str]
    left: re.Pattern[str]  # evidence before a name (matched at the end of the left text)
    right: re.Pattern[str]  # evidence after a name (matched at its start)
    speech_left: re.Pattern[str]  # a speech verb right before a single surname
    not_surnames: frozenset[str]  # words that are never a surname on their own


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """A word folded, without the dots and commas that may stick to it."""
    return fold(word).strip(".,")


def _alt(words: Sequence[str]) -> str:
    folded = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in folded)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    c: PersonCues = load_person_cues()
    demonyms = frozenset(fold(w) for words in load_demonyms().values() for w in words)
    titles, roles, speech = _alt(c.titles), _alt(c.roles), _alt(c.speech_verbs)
    dets, kin, dem = _alt(c.determiners), _alt(c.kin), _alt(sorted(demonyms))
    aux, part = _alt(c.speech_aux), _alt(c.speech_participles)
    said = rf"(?:{speech}|(?:{aux})\s+(?:{part}))"
    left = re.compile(
        rf"(?:(?<!\w)(?:{titles})\s+$"  # "el coronel Luis", "Minister Ana"
        rf"|(?<!\w)(?:{roles}|{titles})\b[^.;:!?()\"“”]{{0,70}},\s*$"  # "la ministra de X, Ana"
        rf"|(?<!\w){said}\s*,?\s*(?:(?:{dets})\s+)?(?:(?:{titles}|{roles})\s+)?$"
        rf"|(?<!\w)(?:{dets})\s+(?:mencionad[oa]\s+|citad[oa]\s+|referid[oa]\s+)?(?:{dem})\s+$"
        rf"|(?<!\w)(?:{kin})\b[^.;:!?]{{0,30}},?\s*$)"
    )
    right = re.compile(
        rf"^(?:\s*,?\s*(?:{said})(?!\w)"  # "Ana Vera said", "Ana Vera, dijo"
        rf"|,\s+(?:(?:{dets})\s+)?(?:[\w-]+\s+){{0,2}}(?:{roles})(?!\w)"  # ", the director"
        rf"|,\s+(?:a|an|un|una)\s+(?:[a-z-]+\s+){{0,2}}(?:from|of|de|del|in|en|who|que)\b)"
    )
    speech_left = re.compile(rf"(?<!\w){said}\s+$")
    from pukara.extract.organisations import org_words

    title_words = frozenset(fold(w).strip(".") for w in c.title_words)
    orgs = frozenset(fold(w) for w in org_words())
    return _Cues(
        title_words=title_words,
        org_words=orgs,
        demonyms=demonyms,
        given=frozenset(load_given_names()),
        left=left,
        right=right,
        speech_left=speech_left,
        not_surnames=frozenset(_OPENERS | _MONTHS_DAYS | title_words | orgs | demonyms),
    )


def find_persons(
    text: str, places: Sequence[tuple[int, int]] = (), folded: str | None = None
) -> list[PersonName]:
    """Persons named in ``text``, each once per place it is written, titles taken off;
    ``folded`` is ``fold(text)`` when the caller has it."""
    cues = _cues()
    folded = fold(text) if folded is None else folded
    out: list[PersonName] = []
    for run in _RUN.finditer(text):
        words = [(m.start() + run.start(), m.end() + run.start(), m.group())
                 for m in re.finditer(r"\S+", run.group())]  # fmt: skip
        found = _person_in(text, folded, words, cues)
        if found is None:
            found = _single_surname(text, folded, words, cues)
        if found is not None and not _in_place(found, places):
            out.append(found)
    for m in ALIAS_PATTERN.finditer(text):
        name = _strip_title(
            [(m.start("name") + w.start(), m.start("name") + w.end(), w.group())
             for w in re.finditer(r"\S+", m.group("name"))],
            cues,
        )[1]  # fmt: skip
        if len(name) >= 2:
            start, end = name[0][0], name[-1][1]
            out.append(PersonName(start, end, text[start:end], (m.group("alias"),)))
    return out


def _person_in(
    text: str, folded: str, words: list[tuple[int, int, str]], cues: _Cues
) -> PersonName | None:
    titled, name = _strip_title(words, cues)
    name = _after_organisation(name, cues)
    while name and (_key(name[-1][2]) in _PARTICLES or _key(name[-1][2]) in _OPENERS):
        name = name[:-1]
    if len(name) < 2 or len(name) > 6 or any(_is_acronym(w) for _, _, w in name):
        return None
    if any(_key(w) in cues.org_words or _key(w) in cues.title_words for _, _, w in name):
        return None
    start, end = name[0][0], name[-1][1]
    right = folded[end : end + 80]
    evidence = (
        titled
        or name[0][2] in cues.given
        # what precedes the run ("dijo el general PNP ...") or the name itself
        or cues.left.search(_left_context(folded, words[0][0])) is not None
        or cues.left.search(_left_context(folded, start)) is not None
        or cues.right.match(right) is not None
    )
    if not evidence or re.fullmatch(r"[A-ZÁÉÍÓÚÑ]\.", name[-1][2]):  # not "... Verde S."
        return None
    return PersonName(start, end, text[start:end], titled=titled)


def _strip_title(
    words: list[tuple[int, int, str]], cues: _Cues
) -> tuple[bool, list[tuple[int, int, str]]]:
    """Take titles, acronyms, demonyms and sentence openers off the front of a run; say
    whether a title was among them."""
    titled = False
    i = 0
    while i < len(words):
        word = words[i][2]
        key = _key(word)
        possessive = re.sub(r"['’]s$", "", key) != key
        if word in cues.given and i + 1 < len(words):
            break
        if key in cues.title_words:
            titled = True
        elif not (
            key in _PARTICLES
            or key in _OPENERS
            or key in _MONTHS_DAYS
            or key in cues.demonyms
            or possessive
            or _is_acronym(word)
        ):
            break
        i += 1
    return titled, words[i:]


def _after_organisation(
    name: list[tuple[int, int, str]], cues: _Cues
) -> list[tuple[int, int, str]]:
    """'Combat Illegal Logging César Fourment': the person starts at the given name that
    follows an organisation or title word; a run that opens with an organisation word
    ("Frente Oliver Sinisterra") is that organisation, named after someone."""
    marks = [i for i, (_, _, w) in enumerate(name)
             if _key(w) in cues.org_words or _key(w) in cues.title_words]  # fmt: skip
    if not marks or (marks[0] == 0 and _key(name[0][2]) in cues.org_words):
        return name
    after = [i for i in range(marks[-1] + 1, len(name)) if name[i][2] in cues.given]
    return name[after[0] :] if after else name


def _single_surname(
    text: str, folded: str, words: list[tuple[int, int, str]], cues: _Cues
) -> PersonName | None:
    """'ha precisado Salazar.': one capitalised word right after a speech verb, closing the
    clause."""
    if len(words) != 1:
        return None
    start, end, word = words[0]
    if (
        len(word) < 3
        or not _CLAUSE_END.match(text, end)
        or _is_acronym(word)
        or _key(word) in cues.not_surnames
        or cues.speech_left.search(_left_context(folded, start)) is None
    ):
        return None
    return PersonName(start, end, word)


_CLAUSE_END = re.compile(r"\s*(?:[,.;:]|$)")


def _left_context(folded: str, start: int) -> str:
    """The text of the same sentence before ``start`` (at most 90 characters)."""
    left = folded[max(0, start - 90) : start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
    return left[cut + 1 :] if cut >= 0 else left


def _is_acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-zÁÉÍÓÚÑ]", "", word)
    return len(letters) >= 2 and letters.isupper()


def _in_place(found: PersonName, places: Sequence[tuple[int, int]]) -> bool:
    return any(s <= found.start < e or found.start <= s < found.end for s, e in places)


def is_title_phrase(name: str) -> bool:
    """'Police Director Gen.', 'General de Policía': only title words, naming no one."""
    cues = _cues()
    words = [_key(w) for w in name.split()]  # "Gen." -> "gen"
    capitals = [k for w, k in zip(name.split(), words, strict=True) if w[:1].isupper()]
    return bool(capitals) and all(k in cues.title_words for k in capitals)
