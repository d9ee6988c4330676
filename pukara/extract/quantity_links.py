"""How figures read one by one join up: ranges, borrowed units, list items, conversions.

In: the text and the ``Num``s read from it (``pukara.extract.numbers``). Out: ``Quantity``
records: "200-300" and "between 200 and 300" are ranges; a number with no unit borrows
its neighbour's ("from 5,900 to 7,400 hectares"); "dos argentinos, un mexicano" counts the
item with an article; "40 pounds (18 kilograms)" is one figure; "un kilo ... S/ 3.000" is
a price's basis, not an amount.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from pukara.extract.quantity import (
    MEASURES,
    MONEY,
    MONEY_SUBUNITS,
    ONE_BEFORE_UNIT,
    SP,
    Num,
    Quantity,
    Unit,
)
from pukara.extract.quantity_lexicon import Lexicon, demonym_set

__all__ = ["drop_price_bases", "list_items", "merge_conversions", "resolve"]

_HAS_DIGIT = re.compile(r"[0-9]")
_BETWEEN = re.compile(rf"(?i:\b(?:between|entre)){SP}+$")
_FROM = re.compile(rf"(?i:\b(?:from|de|desde)){SP}+$")
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_YEAR_TOKEN = re.compile(r"\b(?:19|20)[0-9]{2}\b")
_CONNECTOR = re.compile(
    rf"(?:{SP}*(?P<dash>[-–—]){SP}*|{SP}+(?i:(?P<to>to|a|al|hasta)|(?P<and>and|y|e)"
    rf"|(?P<or>or|o|u)){SP}+|(?P<comma>,){SP}+)$"
)
# The end of the text before a unit-less number that takes the unit of the figure before it
# ("7,400 hectares, from 5,900 in 2023"; "300 hectares in 2013 and 500 in 2014").
_BACK_CONNECTOR = re.compile(
    rf"(?i:\b(?P<c>from|desde|than|que|versus|vs\.?|compared (?:with|to)|frente a|against"
    rf"|and|y|(?<!up )to|or|o))(?:{SP}+(?i:about|around|some|nearly|almost|roughly|over|unos|unas"
    rf"|cerca de|casi|más de|mas de|more than))?{SP}*$"
)
_NEXT_WORD = re.compile(r"[ \u00a0]*([^\W\d_]+)")
_COMPARATIVE = frozenset({"from", "desde", "than", "que", "versus", "vs", "vs.", "against"})


def resolve(text: str, nums: list[Num], stop: frozenset[str]) -> list[Quantity]:
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
        if (
            a.unit is None
            and out
            and not a.year_like
            and not _partitive(text, a, out[-1])
            and not _is_word(text, a)
        ):
            _borrow_back(text, a, out[-1], stop)
        if a.unit is not None:
            out.append(_quantity(text, a.start, a.end, a.value, None, a.unit, a.noun))
        i += 1
    return out


def _connector(text: str, a: Num, b: Num) -> str | None:
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


def _range(text: str, a: Num, b: Num) -> Quantity | None:
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


def _borrow(a: Num, b: Num) -> None:
    if b.unit is not None and b.unit.unit == "percent" and a.value > 100:
        return  # "Of the 300, 20 percent ...": 300 is not a share
    a.unit, a.noun = b.unit, b.noun
    if a.scale == 1.0 and b.scale != 1.0 and a.raw <= b.raw:
        a.scale = b.scale  # "between 1.2 and 1.5 million hectares"


_PARTITIVE = re.compile(
    rf"{SP}+(?i:of them|of these|of those|of whom|of which|de ellos|de ellas|de estos|de estas"
    rf"|de esos|de esas|de los cuales|de las cuales|de las mismas|de los mismos)(?!\w)"
)


def _partitive(text: str, a: Num, prev: Quantity) -> bool:
    """ "54 airstrips, but 19 of them ...", "300 miembros, 60 de ellos armados": a part of
    the figure before, in its unit."""
    m = _PARTITIVE.match(text, a.end)
    if m is None or prev.unit in MONEY or prev.unit == "percent" or a.value > prev.value:
        return False
    a.unit, a.noun, a.end = Unit(prev.unit, 1.0, prev.subunit), prev.noun, m.end()
    return True


def _borrow_back(text: str, a: Num, prev: Quantity, stop: frozenset[str]) -> None:
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
    a.unit = Unit(prev.unit, 1.0, prev.subunit)
    a.noun = prev.noun


def _quantity(
    text: str,
    start: int,
    end: int,
    value: float,
    value_max: float | None,
    unit: Unit,
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
        written_factor=unit.written_factor,
    )


# ---------------------------------------------------------------- lists and conversions


def list_items(text: str, found: list[Quantity], lex: Lexicon) -> list[Quantity]:
    """An item with an article in a list of counted figures is one of them: "cuatro
    colombianos, dos argentinos, un mexicano y siete peruanos", "two trucks and a trailer"."""
    out: list[Quantity] = []
    for i, q in enumerate(found):
        out.append(q)
        last = q
        limit = found[i + 1].start if i + 1 < len(found) else len(text)
        while last.unit in ("count", "people") and last.noun is not None:
            m = lex.list_item.match(text, last.end)
            if m is None or m.end("art") >= limit:
                break
            noun_end = m.end("item")
            noun = text[m.end("art") : noun_end].strip()
            unit = "people" if noun.lower() in demonym_set() else _noun_unit(noun, lex)
            last = Quantity(
                m.start("art"),
                noun_end,
                1.0,
                None,
                unit,
                text[m.start("art") : noun_end],
                noun.lower(),
            )
            out.append(last)
    return out


def _noun_unit(noun: str, lex: Lexicon) -> str:
    words = noun.lower().split()
    head = words[-1] if lex.head_last else words[0]
    for candidate in (noun.lower(), head):
        if candidate in lex.nouns:
            return lex.nouns[candidate]
    return "people" if any(w in lex.nouns and lex.nouns[w] == "people" for w in words) else "count"


_CONVERSION_OPEN = re.compile(
    r"[ \u00a0]*\([ \u00a0]*(?i:about|around|some|roughly|nearly|almost|approx\.?|c\.|unos|unas"
    r"|aprox\.?|aproximadamente|casi|cerca de|~)?[ \u00a0]*$"
)
_CONVERSION_CLOSE = re.compile(r"[ \u00a0]*\)")
_CONVERTIBLE = frozenset({"ha", "t", "kg", "km", "other"})


def merge_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "3 metric tons (3.3 tons)", "40 pounds (18 kilograms)": one figure written in two
    units. The metric one is kept (its factor to the canonical unit is a power of ten),
    spanning both, so the other stays in ``original``. Money in brackets is an exchange
    ("S/ 70,000 (US$ 20,000)"), not a conversion: both are kept."""
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and _same_measure(a, b) and _CONVERSION_OPEN.match(text[a.end : b.start]):
            close = _CONVERSION_CLOSE.match(text, b.end)
            if close is not None:
                keep = b if _metric(b) and not _metric(a) else a
                out.append(
                    replace(
                        keep, start=a.start, end=close.end(), original=text[a.start : close.end()]
                    )
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def drop_price_bases(found: list[Quantity]) -> list[Quantity]:
    """ "Un kilo de látex se paga S/ 3.000": one unit followed by a price is the basis of
    that price, not an amount."""
    out = []
    for i, q in enumerate(found):
        one = q.value == 1 and q.original.split()[0].lower() in ONE_BEFORE_UNIT
        if one and q.unit in MEASURES and any(o.unit in MONEY for o in found[i + 1 :]):
            continue
        out.append(q)
    return out


def _same_measure(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit or a.unit not in _CONVERTIBLE or a.value_max or b.value_max:
        return False
    if a.unit == "other" and (a.subunit != b.subunit or a.subunit in MONEY_SUBUNITS):
        return False
    x, y = (
        (a.value * a.written_factor, b.value * b.written_factor)
        if a.unit == "other"
        else (a.value, b.value)
    )
    return x > 0 and y > 0 and abs(x - y) <= 0.15 * max(x, y)


def _metric(q: Quantity) -> bool:
    exponent = math.log10(q.written_factor) if q.written_factor > 0 else 0.5
    return abs(exponent - round(exponent)) < 1e-9


def _is_word(text: str, num: Num) -> bool:
    return not text[num.start : num.num_end][:1].isdigit() and num.cur is None
