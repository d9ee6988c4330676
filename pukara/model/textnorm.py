"""The one text normalisation of Pukara: accent and case folding by a translation table.

``fold_chars`` maps every character to exactly one character (lower case, accents removed,
typographic quotes and dashes to ASCII), so an offset into the folded text is an offset into
the original: matchers search the folded text and report spans of the original.
``fold`` is the key people's spellings are compared by ("Junín " and "junin" alike):
``fold_chars`` with whitespace collapsed. Both apply one ``str.translate`` table, built once,
to the whole text, instead of decomposing character by character.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = ["closest", "fold", "fold_chars", "fold_key"]

_PUNCT = {"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"',
          "–": "-", "—": "-", "‐": "-", "‑": "-"}  # fmt: skip


def _build_table() -> dict[int, str]:
    """One character for one character over Latin-1, Latin Extended-A/B and the punctuation
    above; characters outside it keep their lower case when that is one character."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1].lower()
        if len(base) == 1 and base.isascii() and base.isalpha():
            table[code] = base
        elif len(ch.lower()) == 1:
            table[code] = ch.lower()
    for ch, ascii_ in _PUNCT.items():
        table[ord(ch)] = ascii_
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


_TABLE = _build_table()


def fold_chars(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with exactly the same length."""
    out = text.translate(_TABLE)
    if len(out) != len(text):  # pragma: no cover - the table maps one to one
        raise AssertionError("fold_chars changed the length of the text")
    return out


def fold(text: str) -> str:
    """Lower case without accents or repeated spaces: "  Junín  Norte" -> "junin norte"."""
    return " ".join(text.translate(_TABLE).lower().split())


def fold_key(text: str) -> str:
    """Matching key for a name: folded, hyphens, dots and commas to spaces, apostrophes
    dropped, whitespace collapsed ("Sendero-Luminoso" and "sendero luminoso" alike)."""
    folded = text.translate(_TABLE).lower()
    folded = folded.replace("-", " ").replace(".", " ").replace(",", " ").replace("'", "")
    return " ".join(folded.split())


def closest(text: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``choices`` closest to ``text`` (compared folded), best first: what
    an error message offers when a name or id is unknown."""
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(fold(choice), choice)
    key = fold(text)
    found = difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.6)
    if len(found) < n:  # a prefix or a part of the name is a good hint too
        found += [k for k in by_key if key and key in k and k not in found][: n - len(found)]
    return [by_key[k] for k in found]
