"""Clean a plain-text report (or a PDF's text) and read its metadata.

In: the raw text of a scraped article, which often still carries a feed reader's header,
a byline, share buttons, a tag list and a "Category / Tags / Date Created / Author" footer.
Out: ``CleanText`` with the article text and the title, date, author and source found in
that debris. The debris patterns live in ``boilerplate.yaml`` beside this module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from pukara.model import FuzzyDate
from pukara.model.dates import parse_date_text

__all__ = ["CleanText", "clean_plain_text", "normalise_text"]

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^\s*(?:[•·▪►●◦*\-–]|\d+\.)\s+")


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    title: str | None = None
    published: FuzzyDate | None = None
    author: str | None = None
    source: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class _Rules:
    drop: re.Pattern[str]
    footer: re.Pattern[str]
    labels: dict[str, str]  # label (lower) -> field name


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("pukara.ingest").joinpath("boilerplate.yaml").read_text("utf-8")
    )
    labels: dict[str, str] = {}
    for field_name in ("date", "author", "source", "title", "language"):
        for label in raw[f"{field_name}_labels"]:
            labels[label] = field_name
    return _Rules(
        drop=re.compile("|".join(f"(?:{p})" for p in raw["drop_lines"]), re.I),
        footer=re.compile("|".join(f"(?:{p})" for p in raw["footer_starts"]), re.I),
        labels=labels,
    )


def normalise_text(text: str) -> str:
    """NFC, no zero-width or control characters, Unix newlines, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _label_value(line: str, lines: list[str], i: int, rules: _Rules) -> tuple[str, str, int] | None:
    """(field, value, lines consumed) when ``line`` is "Label: value" or a bare label."""
    m = re.match(r"^\s*([A-Za-zÁÉÍÓÚáéíóúñÑ ]{2,20})\s*:\s*(.+)$", line)
    if m and m.group(1).strip().lower() in rules.labels:
        return rules.labels[m.group(1).strip().lower()], m.group(2).strip(), 1
    label = line.strip().lower()
    if label in rules.labels:
        for j in range(i + 1, min(i + 4, len(lines))):
            if lines[j].strip():
                return rules.labels[label], lines[j].strip(), j - i + 1
    return None


def _channel_site(line: str) -> str | None:
    """'Channel: Section - Site | Tagline' (feed readers) -> 'Site'."""
    m = re.match(r"^\s*channel:\s*(.+)$", line, re.I)
    if not m:
        return None
    first = m.group(1).split(" | ")[0]
    site = first.rsplit(" - ", 1)[-1].strip()
    return site or None


def clean_plain_text(raw: str) -> CleanText:
    """Strip debris from a plain-text article and read title, date, author and source."""
    rules = _rules()
    lines = normalise_text(raw).split("\n")
    meta: dict[str, str] = {}
    body: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not body and re.fullmatch(r"\[[^\]]{3,300}\]", stripped):
            i += 1  # a leading bracketed notice ("[DEMO DATA ...]") is not article text
            continue
        site = _channel_site(stripped)
        if site:
            meta.setdefault("source", site)
        in_footer = len(body) >= 3 and rules.footer.fullmatch(stripped)
        if in_footer:
            _read_footer(lines[i:], meta, rules)
            break
        found = _label_value(stripped, lines, i, rules) if len(stripped) < 120 else None
        if found and (found[0] != "author" or len(found[1].split()) <= 6):
            meta.setdefault(found[0], found[1])
            i += found[2]
            continue
        byline = re.match(r"^(?:by|por)\s+(.{2,60})$", stripped, re.I)
        if byline and len(body) < 6:
            meta.setdefault("byline", byline.group(1).strip())
            i += 1
            continue
        if stripped and len(body) < 8 and len(stripped) < 40 and "date" not in meta:
            date = parse_date_text(stripped)
            if date is not None and len(stripped.split()) <= 5:
                meta["date"] = date.iso()
                i += 1
                continue
        if stripped and (rules.drop.fullmatch(stripped) or _is_tag_bullet(stripped)):
            i += 1
            continue
        body.append(stripped)
        i += 1
    return _assemble(body, meta)


def _is_tag_bullet(line: str) -> bool:
    """A bulleted line of one to three words without a verb-like ending is a tag or menu."""
    if not _BULLET.match(line) or any(c.isdigit() for c in _BULLET.sub("", line)):
        return False  # "- VRAEM: 38.205" is a table row, not a tag
    words = _BULLET.sub("", line).split()
    return 0 < len(words) <= 3 and not line.rstrip().endswith((".", ":"))


def _read_footer(lines: list[str], meta: dict[str, str], rules: _Rules) -> None:
    for j, line in enumerate(lines):
        found = _label_value(line.strip(), lines, j, rules)
        if found:
            meta.setdefault(found[0], found[1])


def _assemble(body: list[str], meta: dict[str, str]) -> CleanText:
    title = meta.get("title")
    if title is None:
        for line in [b for b in body if b][:3]:
            if len(line) <= 200 and not line.endswith((".", ":", ";", ",")):
                title = line
                break
    paragraphs: list[str] = []
    seen_title = False
    for line in body:
        if title and line == title:
            if seen_title:
                continue  # feed readers repeat the headline
            seen_title = True
        if not line:
            if paragraphs and paragraphs[-1] != "":
                paragraphs.append("")
            continue
        paragraphs.append(line)
    text = "\n".join(paragraphs).strip()
    text = re.sub(r"\n{2,}", "\n\n", text)
    published = parse_date_text(meta["date"]) if "date" in meta else None
    return CleanText(
        text=text,
        title=title,
        published=published,
        author=meta.get("author") or meta.get("byline"),
        # a byline of a news agency or site ("By Dialogo") is the best guess at the source;
        # a footer "Author" is a person, not a publisher
        source=meta.get("source") or meta.get("byline"),
        language=meta.get("language", "").lower()[:2] or None,
    )
