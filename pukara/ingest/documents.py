"""Readers for reports: plain text, HTML, PDF and RSS/Atom feeds -> ``Document``.

Each ``read_*`` takes the file's bytes and its path (for messages and provenance) and
returns documents, or raises ``InputError`` naming what is wrong. HTML main text comes
from trafilatura, which drops menus, "related posts", share bars and donation boxes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from pukara.errors import InputError
from pukara.ingest.decode import decode_text
from pukara.ingest.language import detect_language
from pukara.ingest.textclean import CleanText, clean_plain_text, normalise_text
from pukara.model import DatePrecision, Document, FuzzyDate, Source
from pukara.model.dates import parse_date_text

__all__ = ["read_feed", "read_html", "read_pdf", "read_text"]

_MIN_CHARS = 20  # shorter than a sentence is no report


def _document(path: str, clean: CleanText, media_type: str, url: str | None = None) -> Document:
    if len(clean.text) < _MIN_CHARS:
        raise InputError(path, "text", f"only {len(clean.text)} characters of text after cleaning")
    source = Source(name=clean.source) if clean.source else None
    return Document(
        text=clean.text,
        path=path,
        title=clean.title,
        published=clean.published,
        language=clean.language or detect_language(clean.text),
        source=source,
        url=url,
        media_type=media_type,
    )


def read_text(data: bytes, path: str) -> Document:
    """A plain-text (or Markdown) report."""
    return _document(path, clean_plain_text(decode_text(data, path)), "text/plain")


def _html_text(html: str, path: str) -> tuple[CleanText, str | None]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:
        raise InputError(path, "html", f"unparseable HTML ({type(exc).__name__})") from exc
    text = normalise_text(getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        return _html_fallback(html, path), None
    title = getattr(doc, "title", None)
    date = parse_date_text(getattr(doc, "date", None) or "")
    site = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    lines = [ln.strip() for ln in text.split("\n")]
    if title:
        # headline first, once: pages repeat it in <h1>, og:title and breadcrumbs
        lines = [title.strip()] + [ln for ln in lines if ln != title.strip()]
    clean = CleanText(
        text="\n".join(ln for ln in lines if ln),
        title=title,
        published=date,
        source=site,
        author=getattr(doc, "author", None),
    )
    return clean, getattr(doc, "url", None)


def _html_fallback(html: str, path: str) -> CleanText:
    """Visible text of the page without scripts and page chrome, for pages trafilatura skips."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, "html", f"no parseable HTML ({exc})") from exc
    for bad in root.xpath("//script|//style|//nav|//footer|//aside|//header|//form|//noscript"):
        bad.drop_tree()
    return clean_plain_text(root.text_content())


def read_html(data: bytes, path: str) -> Document:
    """An HTML page: main text, title, date and site name."""
    html = decode_text(data, path)
    if not re.search(r"<\s*(html|body|p|div|article)\b", html[:200_000], re.I):
        raise InputError(path, "html", "no HTML elements found; is this really HTML?")
    clean, url = _html_text(html, path)
    return _document(path, clean, "text/html", url)


def read_pdf(data: bytes, path: str) -> Document:
    """A PDF with a text layer (scanned PDFs need OCR first)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "pdf", "encrypted PDF; decrypt it first")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise InputError(path, "pdf", f"broken PDF ({exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "pdf", "no text layer (scanned?); run OCR first")
    clean = clean_plain_text(text)
    title = (info.title if info else None) or clean.title
    published = clean.published
    if published is None and info is not None and info.creation_date is not None:
        published = FuzzyDate(info.creation_date.date(), DatePrecision.DAY)
    clean = CleanText(clean.text, title, published, clean.author, clean.source, clean.language)
    return _document(path, clean, "application/pdf")


def read_feed(data: bytes, path: str) -> Iterator[Document | InputError]:
    """Each item of an RSS or Atom feed as a document; a bad item is an InputError."""
    import feedparser

    parsed: Any = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "no items"))[:200]
        raise InputError(path, "feed", f"not an RSS/Atom feed with items: {reason}")
    site = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, start=1):
        item_path = f"{path}#item{n}"
        try:
            yield _feed_document(entry, item_path, site)
        except InputError as exc:
            yield exc


def _feed_document(entry: Any, path: str, site: str | None) -> Document:
    body = ""
    if entry.get("content"):
        body = entry["content"][0].get("value", "")
    body = body or entry.get("summary", "") or entry.get("description", "")
    if "<" in body:
        clean = _html_fallback(f"<html><body>{body}</body></html>", path)
    else:
        clean = clean_plain_text(body)
    title = entry.get("title")
    text = clean.text if not title or clean.text.startswith(title) else f"{title}\n\n{clean.text}"
    published = clean.published
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        published = FuzzyDate(dt.date(stamp[0], stamp[1], stamp[2]), DatePrecision.DAY)
    clean = CleanText(text, title, published, clean.author, site, clean.language)
    return _document(path, clean, "application/rss+xml", entry.get("link"))
