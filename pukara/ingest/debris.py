"""Find the blocks of other stories that news pages wrap around an article.

In: an article's stripped lines ("" for a blank line). Out: the same lines with the debris
blocks blanked, so that paragraphs stay apart. Two kinds of block, both general page
conventions (see ``boilerplate.yaml``), never lists of particular headlines:

- a heading such as "Read next", "Trending Articles", "Noticias relacionadas", "Today in
  ..." and the headlines under it, up to the first paragraph or metadata line (above the
  article, the line that heads the first paragraph is its title and is kept); "Previous
  article" / "Siguiente artículo" take exactly one headline;
- with no heading, a run of three or more headline-like lines after the last paragraph,
  or of four or more before the first (all but the last, which is the title).

Lines that are part of the article (subheadings between paragraphs, bulleted facts with
figures) are never headline runs: runs are only looked for outside the paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pukara.ingest.boilerplate import load_boilerplate

__all__ = ["drop_heading_blocks", "drop_headline_runs", "is_breadcrumb", "is_paragraph"]

_LOOKAHEAD = 12  # a title is followed by its paragraph within a byline, a date and blanks
_MAX_ITEMS = 40  # a sidebar list is never longer; a longer run is more likely an article
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’»)\]]*)$")
_BULLET_WITH_FIGURE = re.compile(r"^\s*(?:[•·▪►●◦*\-–]|\d+[.)])\s+.*\d")
_CRUMB_SEP = re.compile(r"\s+(?:>|»|›|/|\|)\s+")
_LOWER_WORDS = frozenset({
    "a", "an", "and", "at", "by", "de", "del", "el", "en", "for", "from", "in", "la", "las",
    "los", "of", "on", "or", "the", "to", "y"
})  # fmt: skip


def is_paragraph(line: str) -> bool:
    """A line of running text: a sentence of eight words or more, or any 25 words."""
    words = len(line.split())
    return words >= 25 or (words >= 8 and bool(_SENTENCE_END.search(line)))


def _is_item(line: str) -> bool:
    """A line that can stand in a list of links: short, not a sentence, not a lead-in."""
    return len(line) <= 200 and not is_paragraph(line) and not line.endswith(":")


def _is_headline(line: str) -> bool:
    """A line that reads as another story's headline (for runs without a heading)."""
    words = line.split()
    if not 3 <= len(words) <= 25 or len(line) > 200 or line.endswith((".", ";", ",", ":")):
        return False
    if _BULLET_WITH_FIGURE.match(line):
        return False  # "- 12 dredges destroyed" is a fact of this article
    first = next((ch for ch in line if ch.isalnum()), "")
    return first.isupper() or first.isdigit()


def is_breadcrumb(line: str) -> bool:
    """ "News > Latin America", "Inicio » Noticias » Perú", "Home / World"."""
    if len(line) > 120 or _SENTENCE_END.search(line):
        return False
    parts = _CRUMB_SEP.split(line)
    if len(parts) < 2 or (len(parts) == 2 and " | " in line):
        return False  # "Headline | Site" is a page title, read elsewhere
    return all(
        0 < len(p.split()) <= 4 and (p[:1].isupper() or p.split()[0].lower() in _LOWER_WORDS)
        for p in parts
    )


def _heading_kind(line: str) -> int:
    """How many items a heading takes: 0 (not a heading), 1 or _MAX_ITEMS."""
    if not line or len(line) > 80:
        return 0
    rules = load_boilerplate()
    if rules.single_heading.fullmatch(line):
        return 1
    return _MAX_ITEMS if rules.block_heading.fullmatch(line) else 0


def drop_heading_blocks(lines: list[str], is_meta: Callable[[str], bool]) -> list[str]:
    """``lines`` with each headed block of other stories blanked (heading and items)."""
    out = list(lines)
    first_para = next((i for i, ln in enumerate(lines) if ln and is_paragraph(ln)), len(lines))
    i = 0
    while i < len(lines):
        take = _heading_kind(lines[i])
        if not take:
            i += 1
            continue
        # a block above everything else may end at the article's title: keep that line
        on_top = i < first_para and not any(ln and not is_meta(ln) for ln in lines[:i])
        end = _block_end(lines, i + 1, take, is_meta, protect_title=on_top)
        for j in range(i, end):
            out[j] = ""
        i = max(end, i + 1)
    return out


def _block_end(
    lines: list[str], start: int, take: int, is_meta: Callable[[str], bool], protect_title: bool
) -> int:
    j, taken = start, 0
    while j < len(lines) and taken < take:
        line = lines[j]
        if not line:
            j += 1
            continue
        if _heading_kind(line) or is_meta(line) or not _is_item(line):
            break
        if take > 1 and protect_title and _heads_paragraph(lines, j, is_meta):
            break  # the article's title (or its first subheading): not a link
        taken += 1
        j += 1
    return j


def _heads_paragraph(lines: list[str], j: int, is_meta: Callable[[str], bool]) -> bool:
    for line in lines[j + 1 : j + 1 + _LOOKAHEAD]:
        if line and not is_meta(line):
            return is_paragraph(line)
    return False


def drop_headline_runs(body: list[str]) -> list[str]:
    """``body`` without runs of other stories' headlines outside the article's paragraphs."""
    paragraphs = [i for i, ln in enumerate(body) if ln and is_paragraph(ln)]
    if not paragraphs:
        return body  # nothing anchors what the article is: leave it whole
    out = list(body)
    top: list[int] = []
    for i in range(paragraphs[0] - 1, -1, -1):
        if body[i]:
            if not _is_headline(body[i]):
                break
            top.append(i)
    if len(top) >= 4:
        for i in top[1:]:  # top[0] is the line right above the first paragraph: the title
            out[i] = ""
    bottom = [i for i in range(paragraphs[-1] + 1, len(body)) if body[i]]
    if len(bottom) >= 3 and all(_is_headline(body[i]) for i in bottom):
        for i in bottom:
            out[i] = ""
    return out
