"""Text primitives for extraction: accent folding that keeps offsets, and sentences.

``fold`` lower-cases and strips accents one character for one character, so an index into
the folded text is an index into the original: matchers search the folded text and report
spans of the original. ``split_sentences`` knows English and Spanish abbreviations.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Sentence", "fold", "fold_key", "split_sentences"]


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFKD", ch)[0].lower()
    if ch in "’‘´`":
        return "'"
    if ch in "“”«»":
        return '"'
    if ch in "–—‐‑":
        return "-"
    return base if len(base) == 1 else ch.lower()[:1] or " "


class _FoldTable(dict[int, str]):
    """Code point -> its folded character, filled on first sight: one ``str.translate``
    folds a whole text in C, and each distinct character is worked out once per process."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with exactly the same length."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)  # noqa: S101 - an invariant every span relies on
    return out


def fold_key(text: str) -> str:
    """Matching key for a name: folded, punctuation to spaces, whitespace collapsed."""
    folded = fold(text).replace("-", " ").replace(".", " ").replace(",", " ").replace("'", "")
    return " ".join(folded.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


# Abbreviations after which a full stop does not end a sentence (en + es).
_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "gral", "col", "cnel", "lt", "cap", "sgt", "sr", "sra",
    "srta", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "ene", "abr", "ago", "dic", "no", "nº", "núm", "art", "inc", "ltd", "co", "corp",
    "st", "av", "jr", "etc", "vs", "approx", "aprox", "u.s", "e.u", "ee.uu", "p", "pp",
    "s.a", "s.a.c", "dept", "dpto", "prov", "dist", "u.n", "lic", "ing", "mons",
}  # fmt: skip

_BOUNDARY = re.compile(r"([.!?…]+[\"”’»)]*)(\s+)(?=[\"“¿¡«(]?[A-ZÁÉÍÓÚÑ0-9])|\n\s*\n|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and headline lines) with their spans in ``text``."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1):
            before = text[start : m.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREV or (len(last) == 1 and last.isalpha()):
                continue
            end = m.start(2)
        else:
            end = m.start()
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
