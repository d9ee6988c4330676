"""Readers for reports: plain text, HTML, PDF and RSS/Atom feeds -> ``Document``.

Each ``read_*`` takes the file's bytes and its path (for messages and provenance) and
returns documents, or raises ``InputError`` naming what is wrong; ``read_pdf`` and
``read_feed`` yield their documents and the Problems met on the way (a damaged PDF's
warnings, a bad feed item). HTML main text comes from trafilatura, which drops menus,
share bars and donation boxes; the text of every format then goes through
``clean_plain_text`` for blocks of other stories, bylines, datelines and dates.
Each third-party parser is called behind a boundary that turns whatever it raises into an
``InputError``, and what it logs into messages, never into stderr.
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
from pukara.ingest.markup import flatten_deep_markup
from pukara.ingest.parserlog import parser_messages
from pukara.ingest.textclean import CleanText, clean_plain_text, split_title_site
from pukara.model import DatePrecision, Document, FuzzyDate, Source
from pukara.model.dates import parse_date_text

__all__ = ["read_feed", "read_html", "read_pdf", "read_text"]

_MIN_CHARS = 20  # shorter than a sentence is no report
_MAX_PDF_PAGES = 5_000
_MAX_PDF_CONTENT = 100 * 2**20  # decompressed page content read in all; more is a bomb
_HTML_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "lxml")
_BLOCKS = [
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article",
    "ul", "ol", "table", "blockquote", "pre"
]  # fmt: skip


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
        author=clean.author,
    )


def read_text(data: bytes, path: str) -> Document:
    """A plain-text (or Markdown) report."""
    return _document(path, clean_plain_text(decode_text(data, path)), "text/plain")


def _prefer(page: str | None, text: str | None) -> str | None:
    return (page or "").strip() or text


def _html_text(html: str, path: str) -> tuple[CleanText, str | None]:
    import trafilatura

    try:
        with parser_messages(*_HTML_LOGGERS):
            doc = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=True
            )
    except Exception as exc:
        raise InputError(path, "html", f"unparseable HTML ({type(exc).__name__})") from exc
    raw_text = getattr(doc, "text", None) or "" if doc is not None else ""
    if not raw_text.strip():
        return _html_fallback(html, path), None
    page_title = getattr(doc, "title", None)
    lines = [ln.strip() for ln in raw_text.split("\n")]
    if page_title:
        # headline first, once: pages repeat it in <h1>, og:title and breadcrumbs
        lines = [page_title.strip()] + [ln for ln in lines if ln != page_title.strip()]
    clean = clean_plain_text("\n".join(lines))
    title, title_site = split_title_site(page_title) if page_title else (clean.title, None)
    site = getattr(doc, "sitename", None) or title_site or getattr(doc, "hostname", None)
    source, kind = clean.source, clean.source_kind
    if kind != "label" and site:
        source, kind = site, "site"  # the page's own name beats what its text suggests
    page_date = parse_date_text(getattr(doc, "date", None) or "")
    merged = CleanText(
        text=clean.text,
        title=title,
        # a date written in the article's header beats htmldate's guess from the page
        published=clean.published or page_date,
        author=_prefer(getattr(doc, "author", None), clean.author or clean.agency),
        source=source,
        language=clean.language,
        source_kind=kind,
    )
    return merged, getattr(doc, "url", None)


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
    for block in root.iter(*_BLOCKS):  # one line per block, so headings and items stay apart
        block.tail = "\n" + (block.tail or "")
    return clean_plain_text(root.text_content())


def read_html(data: bytes, path: str) -> Document:
    """An HTML page: main text, title, date, author and site name."""
    html = decode_text(data, path)
    if not re.search(r"<\s*(html|body|p|div|article)\b", html[:200_000], re.I):
        raise InputError(path, "html", "no HTML elements found; is this really HTML?")
    clean, url = _html_text(flatten_deep_markup(html), path)
    return _document(path, clean, "text/html", url)


def read_pdf(data: bytes, path: str) -> Iterator[Document | InputError]:
    """A PDF with a text layer (scanned PDFs need OCR first), then one Problem summing up
    what pypdf warned about while reading it, if anything."""
    with parser_messages("pypdf") as said:
        pages, info = _pdf_pages(data, path)
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "pdf", "no text layer (scanned?); run OCR first")
    clean = clean_plain_text(text)
    title = _info(info, "title") or clean.title
    published = clean.published
    if published is None and info is not None:
        created = _pdf_created(info)
        if created is not None:
            published = FuzzyDate(created, DatePrecision.DAY)
    author = clean.author or _info(info, "author")
    yield _document(
        path,
        CleanText(clean.text, title, published, author, clean.source, clean.language),
        "application/pdf",
    )
    if said:
        more = f" (and {len(said) - 1} more warnings)" if len(said) > 1 else ""
        yield InputError(path, "pdf", f"damaged PDF, text read anyway: {said[0][:200]}{more}")


def _pdf_pages(data: bytes, path: str) -> tuple[list[str], Any]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "pdf", "encrypted PDF; decrypt it first")
        if len(reader.pages) > _MAX_PDF_PAGES:
            raise InputError(path, "pdf", f"over {_MAX_PDF_PAGES:,} pages; split it first")
        pages, content = [], 0
        for page in reader.pages:
            stream = page.get_contents()
            content += len(stream.get_data()) if stream is not None else 0
            if content > _MAX_PDF_CONTENT:
                raise InputError(path, "pdf", _bomb(f"over {_MAX_PDF_CONTENT // 2**20} MB"))
            pages.append(page.extract_text() or "")
        return pages, reader.metadata
    except InputError:
        raise
    except LimitReachedError as exc:
        raise InputError(path, "pdf", _bomb("a stream over pypdf's limit")) from exc
    except (FileNotDecryptedError, NotImplementedError) as exc:
        raise InputError(path, "pdf", f"cannot decrypt ({exc}); decrypt it first") from exc
    except RecursionError as exc:
        raise InputError(path, "pdf", "objects nested too deeply; broken PDF") from exc
    except Exception as exc:
        raise InputError(
            path, "pdf", f"broken PDF ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc


def _bomb(amount: str) -> str:
    return f"content decompresses to {amount} (a compression bomb?); not read"


def _info(info: Any, name: str) -> str | None:
    try:
        value = getattr(info, name, None) if info is not None else None
    except Exception:  # noqa: BLE001 - a broken info dictionary loses only its metadata
        return None
    return str(value).strip() or None if value else None


def _pdf_created(info: Any) -> dt.date | None:
    try:
        stamp = info.creation_date
    except Exception:  # noqa: BLE001 - a malformed date string loses only the date
        return None
    return stamp.date() if isinstance(stamp, dt.datetime) else None


def read_feed(data: bytes, path: str) -> Iterator[Document | InputError]:
    """Each item of an RSS or Atom feed as a document; a bad item is an InputError."""
    import feedparser

    try:
        with parser_messages("feedparser"):
            parsed: Any = feedparser.parse(io.BytesIO(data))
    except Exception as exc:
        raise InputError(path, "feed", f"unparseable feed ({type(exc).__name__})") from exc
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
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
            yield InputError(item_path, "item", f"unreadable item ({type(exc).__name__}: {exc})")


def _feed_document(entry: Any, path: str, site: str | None) -> Document:
    body = ""
    if entry.get("content"):
        body = entry["content"][0].get("value", "")
    body = body or entry.get("summary", "") or entry.get("description", "")
    if "<" in body:
        clean = _html_fallback(f"<html><body>{flatten_deep_markup(body)}</body></html>", path)
    else:
        clean = clean_plain_text(body)
    title = entry.get("title")
    text = clean.text if not title or clean.text.startswith(title) else f"{title}\n\n{clean.text}"
    published = clean.published
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        published = FuzzyDate(dt.date(stamp[0], stamp[1], stamp[2]), DatePrecision.DAY)
    source = clean.source if clean.source_kind == "label" else site or clean.source
    author = _prefer(entry.get("author"), clean.author or clean.agency)
    clean = CleanText(text, title, published, author, source, clean.language)
    return _document(path, clean, "application/rss+xml", entry.get("link"))
