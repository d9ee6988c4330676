"""Figures laid out as a table or list under a heading, as monitoring reports print them:

    Cuadro 1. Superficie de coca por zona estratégica, 2023 (ha)
    - VRAEM: 38.205
    - La Convención-Lares: 11.320

A row ("label: number") takes its unit (in brackets) and its year from the nearest heading
above it, its place from the label, and its indicator from the heading's words. Rows whose
figure the sentence reader already found are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pukara.extract.facts import extract_facts
from pukara.extract.text import split_sentences
from pukara.model import Fact, Span

__all__ = ["extract_table_facts"]

_ROW = re.compile(
    r"^[ \t]*(?:[-•*·]|\d{1,2}[.)])?[ \t]*(?P<label>[^\n:|]{2,60}?)[ \t]*[:|][ \t]*"
    r"(?P<num>\d[\d., \u00a0\u202f]*\d|\d)[ \t]*$",
    re.M,
)
_HEADING_UNIT = re.compile(r"\(([^()\n]{1,24})\)[ \t.:]*$")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_LOOKBACK = 15  # lines between a heading and the last row it governs


def extract_table_facts(
    text: str,
    language: str | None,
    place_spans: Sequence[tuple[int, int, str]],
    default_place: str | None,
    known: Sequence[Fact] = (),
) -> list[Fact]:
    """Facts from table rows; ``known`` facts (from sentences) are not repeated."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    out: list[Fact] = []
    for i, line in enumerate(lines):
        m = _ROW.match(line)
        if not m:
            continue
        heading = _heading(lines, i)
        if heading is None:
            continue
        start, end = offsets[i], offsets[i] + len(line)
        if any(f.evidence.start <= start < f.evidence.end for f in known):
            continue
        fact = _row_fact(m, heading, language)
        if fact is None:
            continue
        place = next((pid for s, e, pid in place_spans if start <= s < end), default_place)
        out.append(replace(fact, evidence=Span(start, end), evidence_text=line.strip(),
                           place_id=place))  # fmt: skip
    return out


def _heading(lines: list[str], row: int) -> str | None:
    """The nearest line above that is not a row and carries a unit in brackets."""
    for j in range(row - 1, max(-1, row - 1 - _LOOKBACK), -1):
        line = lines[j].strip()
        if not line or _ROW.match(lines[j]):
            continue
        return line if _HEADING_UNIT.search(line) else None
    return None


def _row_fact(m: re.Match[str], heading: str, language: str | None) -> Fact | None:
    unit = _HEADING_UNIT.search(heading)
    assert unit is not None  # noqa: S101 - _heading only returns headings with a unit
    words = heading[: unit.start()].strip(" ,.:")
    year = _YEAR.findall(words)
    sentence = f"{words}: {m.group('label')} {m.group('num')} {unit.group(1)}."
    facts = extract_facts(sentence, split_sentences(sentence), language, [], None)
    if not facts:
        return None
    fact = facts[0]
    if fact.period is None and len(year) == 1:
        fact = replace(fact, period=year[0])
    return replace(fact, original=m.group("num"))
