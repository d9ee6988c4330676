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
  no unit beside one with a unit borrows it ("from 5,900 to 7,400 hectares"); a converted
  figure in brackets is the same figure ("40 pounds (18 kilograms)" is 18 kg); see
  ``pukara.extract.quantity_links``;
- a minus sign glued to the number makes it negative ("Ayacucho con -6%"); a dot before
  three digits reads by the document's own convention (``number_convention``).
Years, dates, times, ordinals, ages and durations ("a two-year operation"), numbers in
names ("Frente 48", "Decreto Supremo 012-2023"), list markers and numbers with neither
unit nor counted noun ("Browse all 593") are not quantities.
"""

from __future__ import annotations

import math
import re

from pukara.extract.quantity import Num, Quantity, Unit
from pukara.extract.quantity_lexicon import Lexicon, fold_word, form_key, lexicon, lookup_form
from pukara.extract.quantity_links import drop_price_bases, list_items, merge_conversions, resolve
from pukara.model.dates import find_dates

__all__ = ["Quantity", "find_quantities", "number_convention"]

_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_SPACES = re.compile(r"[ \u00a0\u2009\u202f]")
_LAST_WORD = re.compile(r"([^\W\d_][\w°º]*)\.?[ \u00a0]*$")
# A minus sign glued to a number, after a space, bracket or colon but not after another
# number ("10 -15%" is a range).
_MINUS = re.compile(r"(?:^|(?<![0-9])[ \u00a0(:])[-\u2212]$")


def find_quantities(
    text: str, language: str | None, convention: str | None = None
) -> list[Quantity]:
    """Every figure in ``text`` that has a unit or a counted noun, in text order.

    ``convention`` is how the whole document groups thousands (``number_convention``):
    "comma" (265,000 and 12.45), "dot" (265.000 and 12,45) or None (unknown)."""
    lang = language if language in ("en", "es") else None
    lex = lexicon(lang)
    masked: list[tuple[int, int]] | None = None
    nums: list[Num] = []
    claimed = 0
    for m in lex.number.finditer(text):
        if m.start() < claimed:
            continue
        if masked is None:  # dates are looked for only once a number shows up
            masked = _dates(text, lex)
        num = _read(text, m, lex, masked, convention)
        if num is not None:
            nums.append(num)
            claimed = num.end
    found = list_items(text, resolve(text, nums, lex.stop), lex)
    return drop_price_bases(merge_conversions(text, found))


_SHAPE = re.compile(r"(?<![\w.,])[0-9]{1,3}(?:[.,][0-9]+)+(?![\w]|[.,][0-9])")


def number_convention(text: str) -> str | None:
    """How ``text`` groups thousands, from its unambiguous numbers: "comma" when it writes
    "1,234,567", "265,000", "1,234.5" or "7.3"; "dot" when it writes "1.234.567",
    "1.234,5" or "2,5"; None when it writes neither or both. "12.450" alone decides nothing."""
    comma = dot = 0
    for m in _SHAPE.finditer(text):
        tok = m.group()
        groups = re.split(r"[.,]", tok)
        marks = [c for c in tok if c in ".,"]
        if len(set(marks)) == 2:
            comma, dot = (comma + 1, dot) if marks[-1] == "." else (comma, dot + 1)
        elif len(groups) > 2:
            if all(len(g) == 3 for g in groups[1:]):
                comma, dot = (comma + 1, dot) if marks[0] == "," else (comma, dot + 1)
        elif len(groups[1]) != 3:
            comma, dot = (comma + 1, dot) if marks[0] == "." else (comma, dot + 1)
        elif marks[0] == ",":
            comma += 1  # "265,000": a comma before three digits groups them
    if comma and not dot:
        return "comma"
    if dot and not comma:
        return "dot"
    return None


# ---------------------------------------------------------------- reading one number


def _read(
    text: str,
    m: re.Match[str],
    lex: Lexicon,
    masked: list[tuple[int, int]],
    convention: str | None = None,
) -> Num | None:
    start = m.start()
    if any(s <= start < e for s, e in masked) or _id_before(text, start, lex):
        return None
    digits = m.group("num") or m.group("bare")
    cur = lex.prefixes.get(form_key(m.group("cur"))) if m.group("cur") else None
    if digits is not None:
        if len(digits) > 1 and digits[0] == "0" and digits[1] not in ".,":
            return None  # "012", "007": an identifier
        raw = _parse_digits(digits, lex.english, convention)
        if raw is None or _list_marker(text, start, m.end(), digits):
            return None
        year_like = cur is None and _YEAR.fullmatch(digits) is not None
        if cur is None and _MINUS.search(text, max(0, start - 30), start):
            raw, start = -raw, start - 1  # "Ayacucho con -6%": a fall
    else:
        raw = _word_value(m.group("word"), lex)
        year_like = False
    p = m.end()
    if p < len(text) and (text[p] in "º°ª" or (text[p] == ":" and text[p + 1 : p + 2].isdigit())):
        return None  # "1º", "25°", "10:30"
    num = Num(
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


def _read_tail(text: str, num: Num, lex: Lexicon) -> bool:
    """Read scale, unit or counted noun after the number; False when the number must go."""
    p = num.num_end
    sm = lex.scale.match(text, p)
    if sm is not None:
        factor, ambiguous = lookup_form(sm.group("s"), lex.scales_exact, lex.scales_ci)
        saved = (num.scale, num.num_end)
        num.scale, num.num_end = factor, sm.end()
        if form_key(sm.group("s")).lower() == "mil" and num.raw.is_integer():
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
        num.unit = lookup_form(hm.group("u"), lex.units_exact, lex.units_ci)
        num.end = hm.end()
        return True
    if _read_unit(text, num, lex):
        return _finish_currency(num)
    if p < len(text) and text[p].isalpha():
        return False  # "2nd", "3rd", "5G": letters glued to the number
    return _finish_currency(num)


def _read_unit(text: str, num: Num, lex: Lexicon) -> bool:
    p = num.num_end
    if num.scale != 1.0:
        dm = lex.de.match(text, p)  # "millones de dólares", "millones de personas"
        if dm is not None and (lex.unit.match(text, dm.end()) or lex.noun.match(text, dm.end())):
            p = dm.end()
    um = lex.unit.match(text, p)
    if um is not None:
        unit = lookup_form(um.group("u"), lex.units_exact, lex.units_ci)
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
        dm = lex.demonym.match(text, p)  # "siete peruanos", "four Colombians"
        if dm is not None:
            num.unit, num.noun, num.end = Unit("people"), dm.group("noun").lower(), dm.end()
            return True
        om = lex.open_noun.match(text, p)  # "21 maquinarias": some plural thing counted
        if om is not None and fold_word(om.group("noun")) not in lex.uncounted:
            num.unit, num.noun, num.end = Unit("count"), om.group("noun").lower(), om.end()
            return True
        return _read_term(text, num)
    first, second = nm.group("noun"), nm.group("noun2")
    head = second if (second and lex.head_last) else first
    num.unit = Unit(lex.nouns.get(form_key(head).lower(), "count"))
    num.noun = text[nm.start("noun") : nm.end()].lower()
    num.end = nm.end()
    rate = lex.per_100k.match(text, num.end)  # "12 homicides per 100,000 inhabitants"
    if rate is not None:
        num.unit, num.end = Unit("per_100k"), rate.end()
    return True


_TERM_BEFORE = re.compile(
    r"(?i:\b(?:por|for|durante|during|plazo de|per[ií]odo de|period of|term of|within|"
    r"en un plazo de|extended by|prorrogó por|prorrogado por))"
    r"\s+(?:un\s+(?:plazo|per[ií]odo)\s+de\s+)?$"
)
_TERM_UNIT = re.compile(
    r"[ \u00a0]+(?i:d[ií]as|days|meses|months)"
    r"(?:[ \u00a0]+(?i:calendario|h[aá]biles|naturales))?(?!\w)"
)


def _read_term(text: str, num: Num) -> bool:
    """A stated term in days or months ("por 60 días", "for 90 days") is a figure, kept as
    written; an age, a lapse ("hace 5 días") or a span in years is not."""
    if not text[num.start : num.num_end][:1].isdigit():
        return False
    before = _TERM_BEFORE.search(text, max(0, num.start - 30), num.start)
    um = _TERM_UNIT.match(text, num.num_end)
    if before is None or um is None:
        return False
    num.unit, num.end = Unit("other", 1.0, "days"), um.end()
    return True


def _finish_currency(num: Num) -> bool:
    if num.unit is None and num.cur is not None:
        num.unit = num.cur
    num.end = max(num.end, num.num_end)
    return True


def _id_before(text: str, start: int, lex: Lexicon) -> bool:
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


def _dates(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    spans = [(s, e) for s, e, _ in find_dates(text)]
    spans += [m.span() for m in lex.day_month.finditer(text)]
    return spans


def _word_value(word: str, lex: Lexicon) -> float:
    key = form_key(word).lower()
    if key in lex.words:
        return lex.words[key]
    parts = re.split(r"[- ]+(?:y[ ]+)?", key)  # "twenty-five", "treinta y cinco"
    return sum(lex.words.get(part, 1.0) for part in parts)


def _is_word(text: str, num: Num) -> bool:
    return not text[num.start : num.num_end][:1].isdigit() and num.cur is None


def _parse_digits(raw: str, english: bool | None, convention: str | None = None) -> float | None:
    """The value of a digit string.

    - Both "," and "." present: the last one is the decimal mark ("1.234,5", "1,234.5",
      "1,250.000.00") unless it is repeated before three digits ("1.250,000.000").
    - One separator repeated, or space grouping: thousands ("1,234,567", "95 008").
    - One separator followed by exactly three digits after one to three digits: thousands
      ("24,000", "24.000"), except a "." in English text ("1.626" = 1.626) or in a text that
      groups thousands with commas (``convention`` "comma": "12.450 kg" = 12.45), unless
      the three digits are "000" (no one writes 12.000 for twelve). A "," with three digits
      is thousands in Spanish too: Peruvian texts write "24,000 hectáreas".
    - Otherwise the separator is the decimal mark ("1.4", "1,4").
    - An apostrophe marks millions, as Peruvian texts write them ("S/ 2'500,000").
    """
    millions, apostrophe, rest = raw.replace("’", "'").partition("'")
    if apostrophe:  # "2'500,000": millions, then thousands as usual
        below = _parse_digits(rest, english, convention)
        return None if below is None else int(millions) * 1_000_000 + below
    s = _SPACES.sub("", raw)
    spaced = len(s) != len(raw)
    marks = [c for c in s if c in ".,"]
    if len(set(marks)) == 2:
        last = marks[-1]
        tail = s.rsplit(last, 1)[1]
        dec = last if (len(tail) != 3 or marks.count(last) == 1) else None
        body, _, frac = s.rpartition(dec) if dec else (s, "", "")
        s = body.replace(",", "").replace(".", "") + ("." + frac if dec else "")
    elif marks:
        sep = marks[0]
        parts = s.split(sep)
        if len(parts) > 2:
            tail_is_group = len(parts[-1]) == 3
            s = "".join(parts) if tail_is_group else "".join(parts[:-1]) + "." + parts[-1]
        elif spaced:
            s = parts[0] + "." + parts[1]
        elif _thousands(parts[0], parts[1], sep, english, convention):
            s = parts[0] + parts[1]
        else:
            s = parts[0] + "." + parts[1]
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _thousands(
    head: str, tail: str, sep: str, english: bool | None, convention: str | None
) -> bool:
    if len(tail) != 3 or not 1 <= len(head) <= 3 or head.startswith("0"):
        return False
    if sep == "." and tail != "000":
        return convention == "dot" or (convention is None and not english)
    return True
