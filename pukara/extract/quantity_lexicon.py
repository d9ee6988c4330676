"""The quantity reader's lexicon: units, scales, number words and counted nouns as regexes.

In: the language ("en", "es" or None) and the tables of ``pukara.refdata`` (units.yaml,
quantity_terms.yaml, demonyms.yaml). Out: ``lexicon(language)``, a cached ``Lexicon`` of
compiled patterns and lookup tables that ``pukara.extract.numbers`` reads figures with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from pukara.extract.quantity import MEASURES, ONE_BEFORE_UNIT, SP, Unit
from pukara.model.dates import MONTHS
from pukara.refdata.actors import load_demonyms
from pukara.refdata.figures import load_figure_terms
from pukara.refdata.taxonomy import load_quantity_terms, load_units

__all__ = [
    "Lexicon",
    "alternatives",
    "demonym_set",
    "fold_word",
    "form_key",
    "lexicon",
    "lookup_form",
]

_T = TypeVar("_T")

_DIGITS = (
    # Peruvian millions with an apostrophe: "S/ 2'500,000"
    r"[0-9]{1,3}['’][0-9]{3}(?:[,.][0-9]{3})(?:[.,][0-9]{1,2})?|"
    r"[0-9]{1,3}(?:(?:[,.][0-9]{3})+|(?:[ \u00a0\u2009\u202f][0-9]{3})+)"
    r"(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    number: re.Pattern[str]
    scale: re.Pattern[str]
    unit: re.Pattern[str]
    hyphen_unit: re.Pattern[str]
    per_100k: re.Pattern[str]
    noun: re.Pattern[str]
    mil_rest: re.Pattern[str]
    de: re.Pattern[str]
    approx_before: re.Pattern[str]
    period_before: re.Pattern[str]
    day_month: re.Pattern[str]
    open_noun: re.Pattern[str]  # "21 maquinarias": a plural noun no list knows
    uncounted: frozenset[str]  # ... unless it is one of these (folded): "veces", "días"
    demonym: re.Pattern[str]  # a nationality right after a number ("siete peruanos")
    list_item: re.Pattern[str]  # ", un mexicano" / "and a trailer" after a counted figure
    units_exact: dict[str, Unit]
    units_ci: dict[str, Unit]
    prefixes: dict[str, Unit]
    scales_exact: dict[str, tuple[float, bool]]
    scales_ci: dict[str, tuple[float, bool]]
    words: dict[str, float]
    nouns: dict[str, str]
    id_words: frozenset[str]
    stop: frozenset[str]  # function words (and time words) that are not part of a noun phrase
    head_last: bool  # English puts the head noun last ("police agents"), Spanish first
    english: bool | None  # None: language unknown


def _words(words: Iterable[str]) -> str:
    return alternatives((w, False) for w in words)


def _list_item_pattern(nouns: dict[str, str], stops: Iterable[str]) -> re.Pattern[str]:
    """ ", un mexicano", " and a trailer": an article, then a counted noun or a nationality."""
    return re.compile(
        rf"{SP}*(?:,|{SP}(?i:y|e|and)){SP}+(?P<art>{_words((*ONE_BEFORE_UNIT, 'a', 'an'))})"
        rf"(?=(?P<item>{_noun_pattern(nouns, stops)}"
        rf"|{SP}+(?:{_words(_demonyms(plural=False))})(?!\w)))"
    )


@lru_cache(maxsize=1)
def demonym_set() -> frozenset[str]:
    return frozenset(w.lower() for w in _demonyms(plural=False))


@lru_cache(maxsize=2)
def _demonyms(*, plural: bool) -> tuple[str, ...]:
    """Nationalities as people ("siete peruanos"): plural forms after a number, any form
    after an article in a list ("un mexicano")."""
    words = {w for forms in load_demonyms().values() for w in forms if w.replace(".", "").isalpha()}
    words = {w for w in words if len(w) > 3 and not w.isupper()}
    return tuple(sorted(w for w in words if w.endswith("s") or not plural))


def form_key(form: str) -> str:
    return " ".join(form.split())


def lookup_form(form: str, exact: dict[str, _T], ci: dict[str, _T]) -> _T:
    key = form_key(form)
    found = exact.get(key)
    return found if found is not None else ci[key.lower()]


def alternatives(forms: Iterable[tuple[str, bool]]) -> str:
    """Regex alternation of literal forms, longest first; (form, case_sensitive) pairs."""
    parts = []
    for form, case_sensitive in sorted(set(forms), key=lambda f: (-len(f[0]), f[0])):
        body = f"{SP}+".join(re.escape(word) for word in form.split())
        parts.append(body if case_sensitive else f"(?i:{body})")
    return "|".join(parts) or "(?!)"


def _case_sensitive(form: str) -> bool:
    """Single letters ("t", "g") and codes ("USD", "TM") only as written."""
    return (len(form) == 1 and form.isalpha()) or (len(form) > 1 and form.isupper())


@dataclass(frozen=True, slots=True)
class _UnitForms:
    exact: dict[str, Unit]  # case-sensitive forms ("t", "USD")
    ci: dict[str, Unit]  # the rest, keyed in lower case
    prefixes: dict[str, Unit]  # currency forms that may stand before the number
    alternation: str
    rates: str  # the per_100k forms


@dataclass(frozen=True, slots=True)
class _Scales:
    exact: dict[str, tuple[float, bool]]  # form -> (factor, ambiguous)
    ci: dict[str, tuple[float, bool]]
    alternation: str
    words: str  # the scale words proper ("million", "mil"), for "a million"


@lru_cache(maxsize=4)
def lexicon(language: str | None) -> Lexicon:
    terms = load_quantity_terms()
    stop = {w.lower() for w in terms.noun_gap_stopwords}
    units = _unit_forms(language, stop)
    scales = _scales()
    words = {form_key(w).lower(): v for w, v in terms.words_for(language)}
    ones = {form_key(w).lower(): v for w, v in terms.scale_only_words.items()}
    range_ones = {w.lower(): 1.0 for w in terms.range_only_words}
    measures = alternatives(
        (f.form, _case_sensitive(f.form))
        for f in load_units().forms_for(language)
        if f.unit in MEASURES and len(f.form) > 2
    )
    word_alt = _word_alternation(words, ones, range_ones, scales.words, measures)
    for extra in (ones, range_ones):
        for w, v in extra.items():
            words.setdefault(w, v)
    nouns = _nouns(language)
    time_alt = alternatives((w, False) for w in terms.time_words)
    approx_alt = alternatives((w, False) for w in terms.approximators)
    period_alt = alternatives(
        (w, False) for w in (*terms.period_prepositions, "the", "el", "la", "of", "year", "año")
    )
    number_re = (
        r"(?<![\w.,:/+#$€])(?<![^\W\d_][-–—])"
        rf"(?:(?P<cur>{alternatives((p, True) for p in units.prefixes)}){SP}?(?P<num>{_DIGITS})"
        rf"|(?P<bare>{_DIGITS})|(?P<word>{word_alt})(?!\w))(?![0-9])"
    )
    return Lexicon(
        number=re.compile(number_re),
        scale=re.compile(rf"(?P<s>{scales.alternation})(?!\w)"),
        unit=re.compile(rf"{SP}*(?P<u>{units.alternation})(?!\w)"),
        hyphen_unit=re.compile(rf"[-–](?!(?:{time_alt})(?!\w))(?P<u>{units.alternation})(?!\w)"),
        per_100k=re.compile(rf"{SP}+(?P<u>{units.rates})(?!\w)"),
        noun=re.compile(_noun_pattern(nouns, (*stop, *terms.time_words))),
        mil_rest=re.compile(rf"{SP}+([0-9]{{1,3}})(?![0-9.,])"),
        de=re.compile(rf"{SP}+(?i:de){SP}*(?={SP})"),
        approx_before=re.compile(rf"(?<!\w)(?:{approx_alt}){SP}*$"),
        period_before=re.compile(rf"(?<!\w)(?:{period_alt}){SP}*$"),
        day_month=_day_month_pattern(),
        # one hyphenated modifier may come first: "2 gold-buying shops"
        open_noun=re.compile(
            rf"{SP}+(?:[a-zñáéíóúü]+-[a-zñáéíóúü]+{SP}+)?"
            rf"(?P<noun>[a-zñáéíóúü][a-zñáéíóúü]{{2,}}s)(?![\w-])"
        ),
        uncounted=frozenset(
            _strip_accents(w.lower())
            for w in (*stop, *terms.time_words, *load_figure_terms().uncounted_words)
        ),
        demonym=re.compile(rf"{SP}+(?P<noun>{_words(_demonyms(plural=True))})(?!\w)"),
        list_item=_list_item_pattern(nouns, (*stop, *terms.time_words)),
        units_exact=units.exact,
        units_ci=units.ci,
        prefixes=units.prefixes,
        scales_exact=scales.exact,
        scales_ci=scales.ci,
        words=words,
        nouns=nouns,
        id_words=frozenset(w.lower().rstrip(".") for w in terms.id_words),
        stop=frozenset(stop),
        head_last=language != "es",
        english={"en": True, "es": False}.get(language or ""),
    )


def _unit_forms(language: str | None, stop: set[str]) -> _UnitForms:
    table = load_units()
    exact: dict[str, Unit] = {}
    ci: dict[str, Unit] = {}
    prefixes: dict[str, Unit] = {}
    forms: list[tuple[str, bool]] = []
    for f in table.forms_for(language):
        if language is None and f.language is not None and f.form.lower() in stop:
            continue  # Spanish "has" (hectáreas) is English "has" when the language is unknown
        # an "other" figure keeps the number as written (180 galones, not 681.4 litres): the
        # contract has no field for the sub-unit, so a converted value could not be read back
        unit = Unit(f.unit, 1.0 if f.unit == "other" else f.factor, f.subunit, f.factor)
        cs = _case_sensitive(f.form)
        if cs:
            exact.setdefault(form_key(f.form), unit)
        else:
            ci.setdefault(form_key(f.form).lower(), unit)
        forms.append((f.form, cs))
        symbolic = any(not (c.isalnum() or c.isspace()) for c in f.form) or (cs and len(f.form) > 1)
        if unit.money and symbolic:
            prefixes.setdefault(form_key(f.form), unit)  # "$", "US$", "S/", "€", "USD"
    rates = alternatives((f.form, False) for f in table.forms_for(language) if f.unit == "per_100k")
    return _UnitForms(exact, ci, prefixes, alternatives(forms), rates)


def _scales() -> _Scales:
    exact: dict[str, tuple[float, bool]] = {}
    ci: dict[str, tuple[float, bool]] = {}
    spaced: list[tuple[str, bool]] = []
    glued: list[tuple[str, bool]] = []
    for s in load_units().scales:  # all languages: a quoted "US$ 43 millones" in English text
        if s.form.lower() == "miles de":
            continue  # "miles de" is "thousands of": a vague amount, not a scale
        if s.case_sensitive:
            exact[form_key(s.form)] = (s.factor, s.ambiguous)
        else:
            ci[form_key(s.form).lower()] = (s.factor, s.ambiguous)
        short = len(s.form) == 1  # "5k", "$5m": glued to the number only
        (glued if short else spaced).append((s.form, s.case_sensitive))
    alternation = f"{SP}*(?:{alternatives(spaced)})|(?:{alternatives(glued)})"
    return _Scales(exact, ci, alternation, alternatives(f for f in spaced if len(f[0]) > 2))


def _nouns(language: str | None) -> dict[str, str]:
    """Counted nouns with their plural or singular and unaccented forms -> people / count."""
    table = load_units()
    nouns: dict[str, str] = {}
    for lang in (language,) if language else ("en", "es"):
        for source, unit_name in ((table.count_nouns, "count"), (table.people_nouns, "people")):
            for noun in source.get(lang, ()):
                for variant in _noun_variants(noun.lower(), lang):
                    if unit_name == "people" or variant not in nouns:
                        nouns[variant] = unit_name  # a noun in both lists counts people
    return nouns


def _noun_pattern(nouns: dict[str, str], stops: Iterable[str]) -> str:
    """Up to three words that are not function or time words, then a counted noun (maybe
    a second one: "police agents"): "300 clandestine laboratories", "72 illegal air strips"."""
    noun_alt = alternatives((n, False) for n in nouns)
    stop_alt = alternatives((w, False) for w in stops)
    gap_word = rf"{SP}+(?!(?:{stop_alt})(?!\w))[^\W\d_][\w'’]*(?:-\w+)*"
    # a quoted noun ("175 “narcoflights”") and a narco- compound of a noun count too
    return (
        rf"(?:{gap_word}){{0,3}}?{SP}+[“\"«‘']?(?:[^\W\d_]+-|(?i:narco))?(?P<noun>{noun_alt})"
        rf"(?:{SP}+(?P<noun2>{noun_alt}))?(?!\w)"
    )


def _word_alternation(
    words: dict[str, float],
    ones: dict[str, float],
    range_ones: dict[str, float],
    scales: str,
    measures: str,
) -> str:
    """Number words: compounds ("twenty-five", "treinta y cinco"), words that count only
    before a scale ("a million"), before a unit of measure ("una tonelada") or as the low
    end of a range ("one to three"), the rest."""
    tens = [w for w, v in words.items() if v in {20, 30, 40, 50, 60, 70, 80, 90}]
    digits = [w for w, v in words.items() if 1 <= v <= 9] + list(range_ones)
    tens_alt = alternatives((w, False) for w in tens)
    digit_alt = alternatives((w, False) for w in digits)
    ones_alt = alternatives((w, False) for w in ones)
    range_alt = alternatives((w, False) for w in range_ones)
    joiner = rf"{SP}+(?i:to|and|or|a|y|o){SP}+"
    return (
        rf"(?:{tens_alt})(?:-|{SP}+(?i:y){SP}+|{SP})(?:{digit_alt})(?!\w)"
        rf"|(?:{ones_alt})(?={SP}+(?:{scales})(?!\w))"
        rf"|(?:{alternatives((w, False) for w in ONE_BEFORE_UNIT)})(?={SP}+(?:{measures})(?!\w))"
        rf"|(?:{range_alt})(?={joiner}(?:[0-9]|(?:{digit_alt}|{tens_alt})(?!\w)))"
        rf"|{alternatives((w, False) for w in words)}"
    )


def _noun_variants(noun: str, language: str) -> set[str]:
    """The noun, its plural or singular (head word: last in English, first in Spanish),
    each with and without accents."""
    words = noun.split()
    i = len(words) - 1 if language == "en" else 0
    out = {noun}
    for form in _inflections(words[i], language):
        if len(form) >= 3:
            out.add(" ".join([*words[:i], form, *words[i + 1 :]]))
    return out | {_strip_accents(v) for v in out}


def _inflections(word: str, language: str) -> list[str]:
    if language == "en":
        if word.endswith("ies"):
            return [word[:-3] + "y"]
        if word.endswith(("sses", "xes", "ches", "shes")):
            return [word[:-2]]
        if word.endswith("s"):
            return [word[:-1]]
        if word.endswith("y") and word[-2:-1] not in "aeiou":
            return [word[:-1] + "ies"]
        return [word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")]
    if word.endswith("ces"):
        return [word[:-3] + "z"]
    if word.endswith(("ones", "res", "les", "nes", "des")):
        return [_strip_accents(word[:-2]), word[:-2]]
    if word.endswith("s"):
        return [word[:-1]]
    if word.endswith("z"):
        return [word[:-1] + "ces"]
    return [word + ("s" if word[-1] in "aeiouáéíóú" else "es")]


def fold_word(text: str) -> str:
    """Lower case, no accents: how ``Lexicon.uncounted`` keeps its words."""
    return _strip_accents(text.lower())


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _day_month_pattern() -> re.Pattern[str]:
    """Day and month without a year ("4 de enero", "4 January", "Jan. 4"): not figures."""
    spanish = alternatives((m, False) for m in MONTHS if len(m) > 3)
    capital = "|".join(
        re.escape(m.capitalize()) for m in sorted(MONTHS, key=len, reverse=True) if len(m) > 2
    )
    day = r"[0-3]?[0-9](?:st|nd|rd|th|º|°)?"
    return re.compile(
        rf"\b{day}{SP}+(?i:de){SP}+(?:{spanish})\b"
        rf"|\b{day}{SP}+(?:{capital})\b"
        rf"|\b(?:{capital})\.?{SP}+{day}\b(?![.,]?[0-9])"
    )
