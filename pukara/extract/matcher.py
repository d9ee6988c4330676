"""A token trie that finds names (places, actor aliases) in text, longest match first.

Names and text are both reduced to folded word tokens (``fold``: lower case, no accents),
so "Apurímac, Ene and Mantaro" matches "apurimac ene and mantaro" and every hit maps back to
a char span of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pukara.extract.text import fold

__all__ = ["Hit", "Token", "TokenTrie", "tokenize"]

P = TypeVar("P", bound=Hashable)

_WORD = re.compile(r"[a-z0-9]+")
_END = ""  # key under which a trie node stores its payloads


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    norm: str  # folded form


def tokenize(text: str, folded: str | None = None) -> list[Token]:
    """Word tokens of ``text`` with spans; ``folded`` may be passed if already computed."""
    folded = fold(text) if folded is None else folded
    return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


@dataclass(frozen=True, slots=True)
class Hit(Generic[P]):
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # char span in the text
    end: int
    payloads: tuple[P, ...]


class TokenTrie(Generic[P]):
    """Map token sequences to payloads; find the longest non-overlapping matches."""

    def __init__(self, max_tokens: int = 10) -> None:
        self._root: dict[str, object] = {}
        self.max_tokens = max_tokens

    def add(self, name: str, payload: P) -> None:
        tokens = name_tokens(name)
        if not tokens or len(tokens) > self.max_tokens:
            return
        node = self._root
        for tok in tokens:
            node = node.setdefault(tok, {})  # type: ignore[assignment]
        bucket: list[P] = node.setdefault(_END, [])  # type: ignore[assignment]
        if payload not in bucket:
            bucket.append(payload)

    def add_all(self, pairs: Iterable[tuple[str, P]]) -> None:
        for name, payload in pairs:
            self.add(name, payload)

    def find_longest(self, tokens: list[Token]) -> list[Hit[P]]:
        """Non-overlapping matches, the longest first wherever they start: in "en el valle
        de los ríos Apurímac, Ene y Mantaro" the zone's seven-word name wins over the town
        "El Valle" that its first words also spell."""
        starts = [m for i in range(len(tokens)) if (m := self._longest_at(tokens, i))]
        taken = [False] * len(tokens)
        chosen: list[Hit[P]] = []
        for hit in sorted(starts, key=lambda h: (h.first - h.last, h.first)):
            if not any(taken[hit.first : hit.last + 1]):
                taken[hit.first : hit.last + 1] = [True] * (hit.last - hit.first + 1)
                chosen.append(hit)
        return sorted(chosen, key=lambda h: h.first)

    def _longest_at(self, tokens: list[Token], i: int) -> Hit[P] | None:
        node: dict[str, object] | None = self._root
        best: tuple[int, list[P]] | None = None
        j = i
        while j < len(tokens) and node is not None:
            node = node.get(tokens[j].norm)  # type: ignore[assignment]
            if node is None:
                break
            if _END in node:
                best = (j, node[_END])  # type: ignore[assignment]
            j += 1
        if best is None:
            return None
        last, payloads = best
        return Hit(i, last, tokens[i].start, tokens[last].end, tuple(payloads))

    def find(self, tokens: list[Token]) -> list[Hit[P]]:
        """Longest match at each position, left to right, without overlaps."""
        hits: list[Hit[P]] = []
        i = 0
        n = len(tokens)
        while i < n:
            node: dict[str, object] | None = self._root
            best: tuple[int, list[P]] | None = None
            j = i
            while j < n and node is not None:
                node = node.get(tokens[j].norm)  # type: ignore[assignment]
                if node is None:
                    break
                if _END in node:
                    best = (j, node[_END])  # type: ignore[assignment]
                j += 1
            if best is None:
                i += 1
                continue
            last, payloads = best
            hits.append(Hit(i, last, tokens[i].start, tokens[last].end, tuple(payloads)))
            i = last + 1
        return hits
