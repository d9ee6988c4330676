"""Find numbers with units in English or Spanish text.

In: a string (a sentence or a whole text) and its language ("en", "es" or None).
Out: ``find_quantities`` -> ``Quantity`` records in text order, each with its exact span,
its value in the canonical unit (pounds become kg, km² become ha), the upper end of a
range, the unit (ha, t, kg, km, usd, pen, eur, percent, count, people, per_100k, other)
and, for counts, the counted noun.

How a figure is read:
- digits ("24,000", "24.000", "95 008", "1.4", "1,4"; see ``_parse_digits`` for the
  separator rules) or a number word before a unit ("two tons", "dos toneladas");
- an optional scale ("million", "mil millones", "$5m"; Spanish "3 mil 500");
- a unit from units.yaml ("hectares", "%", "per 100,000"), a currency written before the
  number ("US$", "S/", "€"), or a counted noun at most three words on ("300 clandestine
  laboratories", "65 police agents");
- two numbers joined by "-", "to", "or" or "between ... and" make a range; a number with
  no unit beside one with a unit borrows it ("from 5,900 to 7,400 hectares").
Years, dates, times, ordinals, ages and durations ("a two-year operation"), numbers in
names ("Frente 48", "Decreto Supremo 012-2023"), list markers and numbers with neither
unit nor counted noun ("Browse all 593") are not quantities.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from pukara.model.dates import MONTHS, find_dates
from pukara.refdata.taxonomy import load_quantity_terms, load_units

__all__ = ["Quantity", "find_quantities"]

_T = TypeVar("_T")

_SP = "[ \\u00a0\\u2009\\u202f]"  # a space within a line: plain, no-break, thin, narrow
_DIGITS = (
    r"[0-9]{1,3}(?:(?:,[0-9]{3})+|(?:\.[0-9]{3})+|(?:[ \u00a0\u2009\u202f][0-9]{3})+)"
    r"(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
)
_MONEY = frozenset({"usd", "pen", "eur"})
_MONEY_SUBUNITS = frozenset({"cop", "brl", "bob", "mxn"})
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_SPACES = re.compile(r"[ \u00a0\u2009\u202f]")
_HAS_DIGIT = re.compile(r"[0-9]")
_LAST_WORD = re.compile(r"([^\W\d_][\w°º]*)\.?[ \u00a0]*$")
_BETWEEN = re.compile(rf"(?i:\b(?:between|entre)){_SP}+$")
_FROM = re.compile(rf"(?i:\b(?:from|de|desde)){_SP}+$")
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_YEAR_TOKEN = re.compile(r"\b(?:19|20)[0-9]{2}\b")
# What may stand between two numbers, and what it makes of them.
_CONNECTOR = re.compile(
    rf"(?:{_SP}*(?P<dash>[-–—]){_SP}*|{_SP}+(?i:(?P<to>to|a|al|hasta)|(?P<and>and|y|e)"
    rf"|(?P<or>or|o|u)){_SP}+|(?P<comma>,){_SP}+)$"
)
# The end of the text before a unit-less number that takes the unit of the figure before it
# ("7,400 hectares, from 5,900 in 2023"; "300 hectares in 2013 and 500 in 2014").
_BACK_CONNECTOR = re.compile(
    rf"(?i:\b(?P<c>from|desde|than|que|versus|vs\.?|compared (?:with|to)|frente a|against"
    rf"|and|y|(?<!up )to|or|o))(?:{_SP}+(?i:about|around|some|nearly|almost|roughly|over|unos|unas"
    rf"|cerca de|casi|más de|mas de|more than))?{_SP}*$"
)
_NEXT_WORD = re.compile(r"[ \u00a0]*([^\W\d_]+)")
_COMPARATIVE = frozenset({"from", "desde", "than", "que", "versus", "vs", "vs.", "against"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text: ``text[start:end] == original``; ``value`` is in ``unit``."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    original: str
    noun: str | None = None  # the counted noun, for count and people units
    subunit: str | None = None  # for unit "other": m3, l, cop, ...


@dataclass(frozen=True, slots=True)
class _Unit:
    unit: str
    factor: float = 1.0
    subunit: str | None = None

    @property
    def money(self) -> bool:
        return self.unit in _MONEY or self.subunit in _MONEY_SUBUNITS


@dataclass(slots=True)
class _Num:
    """A number being read (mutable while ranges and borrowed units are resolved)."""

    start: int  # first char, currency prefix included
    num_end: int  # end of the number and its scale
    end: int  # end of its unit or noun (num_end when it has none)
    raw: float  # as written
    scale: float
    cur: _Unit | None
    unit: _Unit | None
    noun: str | None
    year_like: bool

    @property
    def value(self) -> float:
        return self.raw * self.scale


@dataclass(frozen=True, slots=True)
class _Lexicon:
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
    units_exact: dict[str, _Unit]
    units_ci: dict[str, _Unit]
    prefixes: dict[str, _Unit]
    scales_exact: dict[str, tuple[float, bool]]
    scales_ci: dict[str, tuple[float, bool]]
    words: dict[str, float]
    nouns: dict[str, str]
    id_words: frozenset[str]
    stop: frozenset[str]  # function words (and time words) that are not part of a noun phrase
    head_last: bool  # English puts the head noun last ("police agents"), Spanish first
    english: bool | None  # None: language unknown


def find_quantities(text: str, language: str | None) -> list[Quantity]:
    """Every figure in ``text`` that has a unit or a counted noun, in text order."""
    lang = language if language in ("en", "es") else None
    lex = _lexicon(lang)
    masked: list[tuple[int, int]] | None = None
    nums: list[_Num] = []
    claimed = 0
    for m in lex.number.finditer(text):
        if m.start() < claimed:
            continue
        if masked is None:  # dates are looked for only once a number shows up
            masked = _dates(text, lex)
        num = _read(text, m, lex, masked)
        if num is not None:
            nums.append(num)
            claimed = num.end
    return _resolve(text, nums, lex.stop)


# ---------------------------------------------------------------- reading one number


def _read(text: str, m: re.Match[str], lex: _Lexicon, masked: list[tuple[int, int]]) -> _Num | None:
    start = m.start()
    if any(s <= start < e for s, e in masked) or _id_before(text, start, lex):
        return None
    digits = m.group("num") or m.group("bare")
    cur = lex.prefixes.get(_key(m.group("cur"))) if m.group("cur") else None
    if digits is not None:
        if len(digits) > 1 and digits[0] == "0" and digits[1] not in ".,":
            return None  # "012", "007": an identifier
        raw = _parse_digits(digits, lex.english)
        if raw is None or _list_marker(text, start, m.end(), digits):
            return None
        year_like = cur is None and _YEAR.fullmatch(digits) is not None
    else:
        raw = _word_value(m.group("word"), lex)
        year_like = False
    p = m.end()
    if p < len(text) and (text[p] in "º°ª" or (text[p] == ":" and text[p + 1 : p + 2].isdigit())):
        return None  # "1º", "25°", "10:30"
    num = _Num(
        start, p, end=p, raw=raw, scale=1.0, cur=cur, unit=None, noun=None, year_like=year_like
    )
    if not _read_tail(text, num, lex):
        return None
    if year_like and num.unit is not None and num.scale == 1.0:
        before = text[max(0, start - 30) : start]
        unit_is_noun = num.noun is not None
        if unit_is_noun and not lex.approx_before.search(before):
            return None  # "the 2016 operations", "in 2013 security forces"
        if not unit_is_noun and lex.period_before.search(before):
            return None
    return num


def _read_tail(text: str, num: _Num, lex: _Lexicon) -> bool:
    """Read scale, unit or counted noun after the number; False when the number must go."""
    p = num.num_end
    sm = lex.scale.match(text, p)
    if sm is not None:
        factor, ambiguous = _lookup(sm.group("s"), lex.scales_exact, lex.scales_ci)
        saved = (num.scale, num.num_end)
        num.scale, num.num_end = factor, sm.end()
        if _key(sm.group("s")).lower() == "mil" and num.raw.is_integer():
            rest = lex.mil_rest.match(text, num.num_end)  # Spanish "3 mil 500"
            if rest is not None:
                num.raw += int(rest.group(1)) / 1000
                num.num_end = rest.end()
        if _read_unit(text, num, lex) or num.cur is not None or not ambiguous:
            return _finish_currency(num)  # unit-less "1.2 million" is kept for ranges
        num.scale, num.num_end = saved  # "5m" with no currency: metres, not millions
    p = num.num_end
    if p < len(text) and text[p] in "-–" and text[p + 1 : p + 2].isalpha():
        hm = lex.hyphen_unit.match(text, p)  # "a 1,500-km border", "a two-year operation"
        if hm is None:
            return False
        num.unit = _lookup(hm.group("u"), lex.units_exact, lex.units_ci)
        num.end = hm.end()
        return True
    if _read_unit(text, num, lex):
        return _finish_currency(num)
    if p < len(text) and text[p].isalpha():
        return False  # "2nd", "3rd", "5G": letters glued to the number
    return _finish_currency(num)


def _read_unit(text: str, num: _Num, lex: _Lexicon) -> bool:
    p = num.num_end
    if num.scale != 1.0:
        dm = lex.de.match(text, p)  # "millones de dólares", "millones de personas"
        if dm is not None and (lex.unit.match(text, dm.end()) or lex.noun.match(text, dm.end())):
            p = dm.end()
    um = lex.unit.match(text, p)
    if um is not None:
        unit = _lookup(um.group("u"), lex.units_exact, lex.units_ci)
        end = um.end()
        if um.group("u").endswith(".") and (end == len(text) or text[end].isspace()):
            end -= 1  # "24,000 ha." at the end of a sentence: the full stop is not the unit's
        if num.cur is None or unit.money:
            num.unit, num.end = unit, end
        return True
    if num.cur is not None:
        return False
    nm = lex.noun.match(text, p)
    if nm is None:
        return False
    first, second = nm.group("noun"), nm.group("noun2")
    head = second if (second and lex.head_last) else first
    num.unit = _Unit(lex.nouns.get(_key(head).lower(), "count"))
    num.noun = text[nm.start("noun") : nm.end()].lower()
    num.end = nm.end()
    rate = lex.per_100k.match(text, num.end)  # "12 homicides per 100,000 inhabitants"
    if rate is not None:
        num.unit, num.end = _Unit("per_100k"), rate.end()
    return True


def _finish_currency(num: _Num) -> bool:
    if num.unit is None and num.cur is not None:
        num.unit = num.cur
    num.end = max(num.end, num.num_end)
    return True


def _id_before(text: str, start: int, lex: _Lexicon) -> bool:
    """A name or reference word right before the number ("Frente 48", "N° 5", "page 12")."""
    m = _LAST_WORD.search(text, max(0, start - 25), start)
    return m is not None and m.group(1).lower() in lex.id_words


def _list_marker(text: str, start: int, end: int, digits: str) -> bool:
    """ "1. Asia", "2) ..." at the start of a line."""
    if not digits.isdigit() or text[end : end + 1] not in (".", ")"):
        return False
    if end + 1 < len(text) and not text[end + 1].isspace():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].strip(" \t•*·-–") == ""


def _dates(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    spans = [(s, e) for s, e, _ in find_dates(text)]
    spans += [m.span() for m in lex.day_month.finditer(text)]
    return spans


def _word_value(word: str, lex: _Lexicon) -> float:
    key = _key(word).lower()
    if key in lex.words:
        return lex.words[key]
    parts = re.split(r"[- ]+(?:y[ ]+)?", key)  # "twenty-five", "treinta y cinco"
    return sum(lex.words.get(part, 1.0) for part in parts)


def _is_word(text: str, num: _Num) -> bool:
    return not text[num.start : num.num_end][:1].isdigit() and num.cur is None


def _parse_digits(raw: str, english: bool | None) -> float | None:
    """The value of a digit string.

    - Both "," and "." present: the last one is the decimal mark ("1.234,5", "1,234.5").
    - One separator repeated, or space grouping: thousands ("1,234,567", "95 008").
    - One separator followed by exactly three digits after one to three digits: thousands
      ("24,000", "24.000"), except a "." in English text ("1.626" = 1.626) unless the three
      digits are "000" (no one writes 12.000 for twelve). A "," with three digits is
      thousands in Spanish too: Peruvian texts write "24,000 hectáreas".
    - Otherwise the separator is the decimal mark ("1.4", "1,4").
    """
    s = _SPACES.sub("", raw)
    spaced = len(s) != len(raw)
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif commas or dots:
        sep = "," if commas else "."
        parts = s.split(sep)
        if len(parts) > 2:
            tail_is_group = len(parts[-1]) == 3
            s = "".join(parts) if tail_is_group else "".join(parts[:-1]) + "." + parts[-1]
        elif spaced:
            s = parts[0] + "." + parts[1]
        elif _thousands(parts[0], parts[1], sep, english):
            s = parts[0] + parts[1]
        else:
            s = parts[0] + "." + parts[1]
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _thousands(head: str, tail: str, sep: str, english: bool | None) -> bool:
    if len(tail) != 3 or not 1 <= len(head) <= 3 or head.startswith("0"):
        return False
    return not (sep == "." and english and tail != "000")


# ---------------------------------------------------------------- ranges and borrowed units


def _resolve(text: str, nums: list[_Num], stop: frozenset[str]) -> list[Quantity]:
    # Right to left, so that "12, 15 and 20 tonnes" passes the unit down the list.
    for i in range(len(nums) - 2, -1, -1):
        left, right = nums[i], nums[i + 1]
        joined = _connector(text, left, right) if left.unit is None else None
        if joined in ("list", "change") and right.unit is not None and not left.year_like:
            _borrow(left, right)
    out: list[Quantity] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        b = nums[i + 1] if i + 1 < len(nums) else None
        if b is not None and _connector(text, a, b) == "range":
            q = _range(text, a, b)
            if q is not None:
                out.append(q)
                i += 2
                continue
        if a.unit is None and out and not a.year_like and not _is_word(text, a):
            _borrow_back(text, a, out[-1], stop)
        if a.unit is not None:
            out.append(_quantity(text, a.start, a.end, a.value, None, a.unit, a.noun))
        i += 1
    return out


def _connector(text: str, a: _Num, b: _Num) -> str | None:
    """How the text between two numbers joins them: "range", "change", "list" or None."""
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    m = _CONNECTOR.match(text, a.end, b.start)
    if m is None:
        return None
    before = text[max(0, a.start - 12) : a.start]
    if m.group("dash") or m.group("or"):
        return "range"
    if m.group("and"):
        return "range" if _BETWEEN.search(before) else "list"
    if m.group("to"):
        return "change" if _FROM.search(before) else "range"
    return "list"


def _range(text: str, a: _Num, b: _Num) -> Quantity | None:
    unit = b.unit or a.unit or b.cur or a.cur
    if unit is None or a.year_like or b.year_like:
        return None
    if a.cur is not None and b.cur is not None and a.cur != b.cur:
        return None
    low = a.raw * (b.scale if a.scale == 1.0 and a.raw <= b.raw else a.scale)
    if not low < b.value:
        return None
    start = a.start
    between = _BETWEEN.search(text, max(0, start - 12), start)
    if between is not None:
        start = between.start()
    return _quantity(text, start, b.end, low, b.value, unit, b.noun)


def _borrow(a: _Num, b: _Num) -> None:
    if b.unit is not None and b.unit.unit == "percent" and a.value > 100:
        return  # "Of the 300, 20 percent ...": 300 is not a share
    a.unit, a.noun = b.unit, b.noun
    if a.scale == 1.0 and b.scale != 1.0 and a.raw <= b.raw:
        a.scale = b.scale  # "between 1.2 and 1.5 million hectares"


def _borrow_back(text: str, a: _Num, prev: Quantity, stop: frozenset[str]) -> None:
    gap = text[prev.end : a.start]
    if len(gap) > 60 or _SENTENCE_END.search(gap) or _HAS_DIGIT.search(_YEAR_TOKEN.sub("", gap)):
        return
    after = _NEXT_WORD.match(text, a.end)
    if after is not None and after.group(1).lower() not in stop:
        return  # "up to two days' walk": the number counts something else
    m = _BACK_CONNECTOR.search(gap)
    if m is None:
        return
    if prev.unit == "percent" and (m.group("c").lower() not in _COMPARATIVE or a.value > 100):
        return
    a.unit = _Unit(prev.unit, 1.0, prev.subunit)
    a.noun = prev.noun


def _quantity(
    text: str,
    start: int,
    end: int,
    value: float,
    value_max: float | None,
    unit: _Unit,
    noun: str | None,
) -> Quantity:
    high = value_max * unit.factor if value_max is not None else None
    return Quantity(
        start=start,
        end=end,
        value=value * unit.factor,
        value_max=high,
        unit=unit.unit,
        original=text[start:end],
        noun=noun,
        subunit=unit.subunit,
    )


# ---------------------------------------------------------------- the lexicon


def _key(form: str) -> str:
    return " ".join(form.split())


def _lookup(form: str, exact: dict[str, _T], ci: dict[str, _T]) -> _T:
    key = _key(form)
    found = exact.get(key)
    return found if found is not None else ci[key.lower()]


def _alternation(forms: Iterable[tuple[str, bool]]) -> str:
    """Regex alternation of literal forms, longest first; (form, case_sensitive) pairs."""
    parts = []
    for form, case_sensitive in sorted(set(forms), key=lambda f: (-len(f[0]), f[0])):
        body = f"{_SP}+".join(re.escape(word) for word in form.split())
        parts.append(body if case_sensitive else f"(?i:{body})")
    return "|".join(parts) or "(?!)"


def _case_sensitive(form: str) -> bool:
    """Single letters ("t", "g") and codes ("USD", "TM") only as written."""
    return (len(form) == 1 and form.isalpha()) or (len(form) > 1 and form.isupper())


@dataclass(frozen=True, slots=True)
class _UnitForms:
    exact: dict[str, _Unit]  # case-sensitive forms ("t", "USD")
    ci: dict[str, _Unit]  # the rest, keyed in lower case
    prefixes: dict[str, _Unit]  # currency forms that may stand before the number
    alternation: str
    rates: str  # the per_100k forms


@dataclass(frozen=True, slots=True)
class _Scales:
    exact: dict[str, tuple[float, bool]]  # form -> (factor, ambiguous)
    ci: dict[str, tuple[float, bool]]
    alternation: str
    words: str  # the scale words proper ("million", "mil"), for "a million"


@lru_cache(maxsize=4)
def _lexicon(language: str | None) -> _Lexicon:
    terms = load_quantity_terms()
    stop = {w.lower() for w in terms.noun_gap_stopwords}
    units = _unit_forms(language, stop)
    scales = _scales()
    words = {_key(w).lower(): v for w, v in terms.words_for(language)}
    ones = {_key(w).lower(): v for w, v in terms.scale_only_words.items()}
    range_ones = {w.lower(): 1.0 for w in terms.range_only_words}
    word_alt = _word_alternation(words, ones, range_ones, scales.words)
    for extra in (ones, range_ones):
        for w, v in extra.items():
            words.setdefault(w, v)
    nouns = _nouns(language)
    time_alt = _alternation((w, False) for w in terms.time_words)
    approx_alt = _alternation((w, False) for w in terms.approximators)
    period_alt = _alternation(
        (w, False) for w in (*terms.period_prepositions, "the", "el", "la", "of", "year", "año")
    )
    number_re = (
        r"(?<![\w.,:/+#$€])(?<![^\W\d_][-–—])"
        rf"(?:(?P<cur>{_alternation((p, True) for p in units.prefixes)}){_SP}?(?P<num>{_DIGITS})"
        rf"|(?P<bare>{_DIGITS})|(?P<word>{word_alt})(?!\w))(?![0-9])"
    )
    return _Lexicon(
        number=re.compile(number_re),
        scale=re.compile(rf"(?P<s>{scales.alternation})(?!\w)"),
        unit=re.compile(rf"{_SP}*(?P<u>{units.alternation})(?!\w)"),
        hyphen_unit=re.compile(rf"[-–](?!(?:{time_alt})(?!\w))(?P<u>{units.alternation})(?!\w)"),
        per_100k=re.compile(rf"{_SP}+(?P<u>{units.rates})(?!\w)"),
        noun=re.compile(_noun_pattern(nouns, (*stop, *terms.time_words))),
        mil_rest=re.compile(rf"{_SP}+([0-9]{{1,3}})(?![0-9.,])"),
        de=re.compile(rf"{_SP}+(?i:de){_SP}*(?={_SP})"),
        approx_before=re.compile(rf"(?<!\w)(?:{approx_alt}){_SP}*$"),
        period_before=re.compile(rf"(?<!\w)(?:{period_alt}){_SP}*$"),
        day_month=_day_month_pattern(),
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
    exact: dict[str, _Unit] = {}
    ci: dict[str, _Unit] = {}
    prefixes: dict[str, _Unit] = {}
    forms: list[tuple[str, bool]] = []
    for f in table.forms_for(language):
        if language is None and f.language is not None and f.form.lower() in stop:
            continue  # Spanish "has" (hectáreas) is English "has" when the language is unknown
        # an "other" figure keeps the number as written (180 galones, not 681.4 litres): the
        # contract has no field for the sub-unit, so a converted value could not be read back
        unit = _Unit(f.unit, 1.0 if f.unit == "other" else f.factor, f.subunit)
        cs = _case_sensitive(f.form)
        if cs:
            exact.setdefault(_key(f.form), unit)
        else:
            ci.setdefault(_key(f.form).lower(), unit)
        forms.append((f.form, cs))
        symbolic = any(not (c.isalnum() or c.isspace()) for c in f.form) or (cs and len(f.form) > 1)
        if unit.money and symbolic:
            prefixes.setdefault(_key(f.form), unit)  # "$", "US$", "S/", "€", "USD"
    rates = _alternation((f.form, False) for f in table.forms_for(language) if f.unit == "per_100k")
    return _UnitForms(exact, ci, prefixes, _alternation(forms), rates)


def _scales() -> _Scales:
    exact: dict[str, tuple[float, bool]] = {}
    ci: dict[str, tuple[float, bool]] = {}
    spaced: list[tuple[str, bool]] = []
    glued: list[tuple[str, bool]] = []
    for s in load_units().scales:  # all languages: a quoted "US$ 43 millones" in English text
        if s.form.lower() == "miles de":
            continue  # "miles de" is "thousands of": a vague amount, not a scale
        if s.case_sensitive:
            exact[_key(s.form)] = (s.factor, s.ambiguous)
        else:
            ci[_key(s.form).lower()] = (s.factor, s.ambiguous)
        short = len(s.form) == 1  # "5k", "$5m": glued to the number only
        (glued if short else spaced).append((s.form, s.case_sensitive))
    alternation = f"{_SP}*(?:{_alternation(spaced)})|(?:{_alternation(glued)})"
    return _Scales(exact, ci, alternation, _alternation(f for f in spaced if len(f[0]) > 2))


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
    noun_alt = _alternation((n, False) for n in nouns)
    stop_alt = _alternation((w, False) for w in stops)
    gap_word = rf"{_SP}+(?!(?:{stop_alt})(?!\w))[^\W\d_][\w'’]*(?:-\w+)*"
    return (
        rf"(?:{gap_word}){{0,3}}?{_SP}+(?:[^\W\d_]+-)?(?P<noun>{noun_alt})"
        rf"(?:{_SP}+(?P<noun2>{noun_alt}))?(?!\w)"
    )


def _word_alternation(
    words: dict[str, float], ones: dict[str, float], range_ones: dict[str, float], scales: str
) -> str:
    """Number words: compounds ("twenty-five", "treinta y cinco"), words that count only
    before a scale ("a million") or as the low end of a range ("one to three"), the rest."""
    tens = [w for w, v in words.items() if v in {20, 30, 40, 50, 60, 70, 80, 90}]
    digits = [w for w, v in words.items() if 1 <= v <= 9] + list(range_ones)
    tens_alt = _alternation((w, False) for w in tens)
    digit_alt = _alternation((w, False) for w in digits)
    ones_alt = _alternation((w, False) for w in ones)
    range_alt = _alternation((w, False) for w in range_ones)
    joiner = rf"{_SP}+(?i:to|and|or|a|y|o){_SP}+"
    return (
        rf"(?:{tens_alt})(?:-|{_SP}+(?i:y){_SP}+|{_SP})(?:{digit_alt})(?!\w)"
        rf"|(?:{ones_alt})(?={_SP}+(?:{scales})(?!\w))"
        rf"|(?:{range_alt})(?={joiner}(?:[0-9]|(?:{digit_alt}|{tens_alt})(?!\w)))"
        rf"|{_alternation((w, False) for w in words)}"
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


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _day_month_pattern() -> re.Pattern[str]:
    """Day and month without a year ("4 de enero", "4 January", "Jan. 4"): not figures."""
    spanish = _alternation((m, False) for m in MONTHS if len(m) > 3)
    capital = "|".join(
        re.escape(m.capitalize()) for m in sorted(MONTHS, key=len, reverse=True) if len(m) > 2
    )
    day = r"[0-3]?[0-9](?:st|nd|rd|th|º|°)?"
    return re.compile(
        rf"\b{day}{_SP}+(?i:de){_SP}+(?:{spanish})\b"
        rf"|\b{day}{_SP}+(?:{capital})\b"
        rf"|\b(?:{capital})\.?{_SP}+{day}\b(?![.,]?[0-9])"
    )
