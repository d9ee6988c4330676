"""Clean a plain-text report (or a PDF's, a feed item's or an HTML page's text) and read its
metadata.

In: the raw text of a scraped article, which often still carries a feed reader's header,
breadcrumbs, a byline, share buttons, blocks of other stories' headlines ("Read next",
"Trending Articles"), a tag list and a "Category / Tags / Date Created / Author" footer.
Out: ``CleanText`` with the article text and the title, date, author and source (the
publisher) found in that debris. Debris patterns live in ``boilerplate.yaml``; blocks are
found by ``debris``, header lines read by ``metadata``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pukara.ingest.boilerplate import Boilerplate, load_boilerplate
from pukara.ingest.debris import (
    drop_heading_blocks,
    drop_headline_runs,
    is_breadcrumb,
    is_paragraph,
)
from pukara.ingest.metadata import Found, find_dateline, is_header_line, read_header_line
from pukara.model import FuzzyDate
from pukara.model.dates import parse_date_text

__all__ = ["CleanText", "clean_plain_text", "normalise_text", "split_title_site"]

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^\s*(?:[•·▪►●◦*\-–]|\d+\.)\s+")
_HEADER_LINES = 6  # bylines and bare dates are trusted among the first lines of text only
_DATELINE_PARAGRAPHS = 3
# Where each kind of source comes from, strongest first: a "Source:" label, the site that
# published the page (feed channel, site icon, copyright line), the agency that filed the
# story (dateline, signature), an organisation byline. A syndicated copy's publisher is the
# site (as source grades name it); the agency that wrote it is then kept as the author.
_SOURCE_ORDER = (("source", "label"), ("site", "site"), ("agency", "agency"), ("org", "byline"))


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    title: str | None = None
    published: FuzzyDate | None = None
    author: str | None = None
    source: str | None = None
    language: str | None = None
    source_kind: str | None = None  # "label", "site", "agency" or "byline"
    agency: str | None = None  # the agency whose dateline or signature the text carries


def normalise_text(text: str) -> str:
    """NFC, no zero-width or control characters, Unix newlines, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _channel_site(line: str) -> str | None:
    """'Channel: Section - Site | Tagline' (feed readers) -> 'Site'."""
    m = re.match(r"^\s*channel:\s*(.+)$", line, re.I)
    if not m:
        return None
    first = m.group(1).split(" | ")[0]
    site = first.rsplit(" - ", 1)[-1].strip()
    return site or None


def split_title_site(title: str) -> tuple[str, str | None]:
    """'Headline | Site' -> ('Headline', 'Site'); other titles are returned whole."""
    head, sep, site = title.rpartition(" | ")
    if sep and head.strip() and 0 < len(site.split()) <= 5 and len(head) > len(site):
        return head.strip(), site.strip()
    return title, None


def clean_plain_text(raw: str) -> CleanText:
    """Strip debris from a plain-text article and read title, date, author and source."""
    lines = [line.strip() for line in normalise_text(raw).split("\n")]
    lines = drop_heading_blocks(lines, is_header_line)
    reader = _Reader(lines)
    reader.run()
    body = drop_headline_runs(reader.body)
    _read_datelines(body, reader.meta)
    return _assemble(body, reader.meta)


class _Reader:
    """One pass over the lines: each goes to the body, to the metadata, or away."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.rules: Boilerplate = load_boilerplate()
        self.last_paragraph = max(
            (i for i, ln in enumerate(lines) if ln and is_paragraph(ln)), default=-1
        )
        self.meta: dict[str, str] = {}
        self.body: list[str] = []
        self.written = 0  # non-empty lines in the body so far

    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            i = self._step(i)

    def _step(self, i: int) -> int:
        """Read ``lines[i]`` into the body or the metadata; return the next line's index."""
        line, rules = self.lines[i], self.rules
        if not self.written and re.fullmatch(r"\[[^\]]{3,300}\]", line):
            return i + 1  # a leading bracketed notice ("[DEMO DATA ...]") is not article text
        site = _channel_site(line)
        if site:
            self.meta.setdefault("site", site)
        if self.written >= 3 and i > self.last_paragraph and rules.footer.fullmatch(line):
            _read_footer(self.lines[i:], self.meta)
            return len(self.lines)
        found = read_header_line(line, self.lines, i, in_header=self.written < _HEADER_LINES)
        if found is not None:
            _merge(self.meta, found)
            return i + found.used
        if line and (
            rules.drop.fullmatch(line)
            or rules.footer.fullmatch(line)  # a stray label, the article going on after it
            or _is_tag_bullet(line)
            or (self.written < 3 and is_breadcrumb(line))
            or re.fullmatch(r"(?:©|\(c\)|copyright\b).{0,100}", line, re.I)
        ):
            return i + 1
        self.body.append(line)
        self.written += bool(line)
        return i + 1


def _merge(meta: dict[str, str], found: Found) -> None:
    for key, value in found.fields.items():
        meta.setdefault(key, value)


def _is_tag_bullet(line: str) -> bool:
    """A bulleted line of one to three words without a verb-like ending is a tag or menu."""
    if not _BULLET.match(line) or any(c.isdigit() for c in _BULLET.sub("", line)):
        return False  # "- VRAEM: 38.205" is a table row, not a tag
    words = _BULLET.sub("", line).split()
    return 0 < len(words) <= 3 and not line.rstrip().endswith((".", ":"))


def _read_footer(lines: list[str], meta: dict[str, str]) -> None:
    for j, line in enumerate(lines):
        found = read_header_line(line, lines, j, in_header=False)
        if found is not None:
            _merge(meta, found)


def _year_hint(meta: dict[str, str]) -> int | None:
    for key in ("published", "date", "updated", "year"):
        m = re.match(r"(\d{4})", meta.get(key, ""))
        if m:
            return int(m.group(1))
    return None


def _read_datelines(body: list[str], meta: dict[str, str]) -> None:
    """An agency dateline opening one of the first paragraphs names the agency (and the
    day, when its year is known); the dateline stays in the text for the extractors."""
    paragraphs = [ln for ln in body if ln and is_paragraph(ln)][:_DATELINE_PARAGRAPHS]
    for paragraph in paragraphs:
        found = find_dateline(paragraph, _year_hint(meta))
        if found is not None:
            agency, date = found
            meta.setdefault("agency", agency)
            if date is not None:
                meta.setdefault("dateline", date.iso())
            return


def _title(body: list[str], meta: dict[str, str]) -> str | None:
    if "title" in meta:
        return meta["title"]
    for line in [b for b in body if b][:3]:
        if len(line) <= 200 and not line.endswith((".", ":", ";", ",")):
            title, site = split_title_site(line)
            if site:
                meta.setdefault("site", site)
            return title
    return None


def _assemble(body: list[str], meta: dict[str, str]) -> CleanText:
    title = _title(body, meta)
    paragraphs: list[str] = []
    seen_title = False
    for line in body:
        if title and split_title_site(line)[0] == title:
            if seen_title:
                continue  # feed readers repeat the headline
            seen_title = True
            line = title
        if not line:
            if paragraphs and paragraphs[-1] != "":
                paragraphs.append("")
            continue
        paragraphs.append(line)
    text = "\n".join(paragraphs).strip()
    text = re.sub(r"\n{2,}", "\n\n", text)
    published = None
    for key in ("published", "date", "dateline", "updated"):
        if key in meta:
            published = parse_date_text(meta[key])
            if published is not None:
                break
    source, kind = next(((meta[k], kind) for k, kind in _SOURCE_ORDER if meta.get(k)), (None, None))
    author = meta.get("author") or (meta.get("agency") if kind != "agency" else None)
    return CleanText(
        text=text,
        title=title,
        published=published,
        author=author,
        source=source,
        language=meta.get("language", "").lower()[:2] or None,
        source_kind=kind,
        agency=meta.get("agency"),
    )
