"""Ingest: files in, records out.

``read_path`` reads one file of any supported format and yields ``Document``,
``Observation`` or ``Problem`` records; ``iter_files`` walks folders (links are followed
only inside the folders given, see ``pukara.ingest.files``). Readers never print and never
write: the caller stores what they yield (see ``pukara.pipeline``).

Formats are registered in ``READERS`` (name -> reader over the file's bytes),
``SUPPORTED_SUFFIXES`` (suffix -> name) and ``SNIFFERS`` (content tests tried before the
suffix). A new format adds one entry to each it needs, e.g. ``register_format``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pukara.errors import InputError, Problem
from pukara.ingest.decode import DEFAULT_MAX_BYTES, looks_binary, sniff_head
from pukara.ingest.documents import read_feed, read_html, read_pdf, read_text
from pukara.ingest.files import iter_files, read_file_bytes
from pukara.ingest.language import detect_language
from pukara.ingest.observations import read_csv_observations, read_geojson_observations
from pukara.ingest.textclean import clean_plain_text
from pukara.model import Document, Observation

__all__ = [
    "READERS",
    "SNIFFERS",
    "SUPPORTED_SUFFIXES",
    "Reader",
    "clean_plain_text",
    "detect_format",
    "detect_language",
    "iter_files",
    "read_csv_observations",
    "read_feed",
    "read_geojson_observations",
    "read_html",
    "read_path",
    "read_pdf",
    "read_text",
    "register_format",
]

Record = Document | Observation | Problem
# A reader takes a file's bytes and its path (for messages and provenance) and yields
# records; a bad part is an InputError item, a bad whole file an InputError raised.
Reader = Callable[[bytes, str], Iterable[Document | Observation | InputError]]


def _one(read: Callable[[bytes, str], Document]) -> Reader:
    def reader(data: bytes, path: str) -> Iterator[Document]:
        yield read(data, path)

    return reader


READERS: dict[str, Reader] = {
    "text": _one(read_text),
    "html": _one(read_html),
    "pdf": read_pdf,
    "feed": read_feed,
    "csv": read_csv_observations,
    "geojson": read_geojson_observations,
}

SUPPORTED_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".csv": "csv", ".tsv": "csv",
    ".geojson": "geojson", ".json": "geojson",
}  # fmt: skip


def _sniff_pdf(head: bytes, text: str) -> bool:
    return head.startswith(b"%PDF")


def _sniff_feed(head: bytes, text: str) -> bool:
    return text.startswith(("<?xml", "<rss", "<feed")) and ("<rss" in text or "<feed" in text)


def _sniff_html(head: bytes, text: str) -> bool:
    return text.startswith(("<!doctype html", "<html"))


# Content tests, in order, over the raw head and its lowered, left-stripped text.
SNIFFERS: list[tuple[str, Callable[[bytes, str], bool]]] = [
    ("pdf", _sniff_pdf),
    ("feed", _sniff_feed),
    ("html", _sniff_html),
]


def register_format(
    name: str,
    reader: Reader,
    suffixes: Iterable[str] = (),
    sniff: Callable[[bytes, str], bool] | None = None,
) -> None:
    """Add a format: its reader, the suffixes that name it, and an optional content test
    (tried before the built-in ones, so a specific format wins over a generic one)."""
    READERS[name] = reader
    for suffix in suffixes:
        SUPPORTED_SUFFIXES[suffix.lower()] = name
    if sniff is not None:
        SNIFFERS.insert(0, (name, sniff))


def detect_format(path: Path, head: bytes) -> str | None:
    """Format name from the file's first bytes, then its suffix; None when unknown."""
    text = sniff_head(head[:1024]).lstrip().lower()
    for name, sniff in SNIFFERS:
        if sniff(head, text):
            return name
    by_suffix = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    if looks_binary(head):
        return None
    return "text"


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Every record in one file; a file or part that cannot be read yields a Problem.

    This is the reader boundary: whatever a reader raises becomes one Problem for the
    file, so one bad file never stops a batch.
    """
    path = Path(path)
    name = str(path)
    fmt = "file"
    try:
        data = read_file_bytes(path, max_bytes)
        fmt = detect_format(path, data[:4096]) or ""
        if not fmt:
            raise InputError(
                name, "file", f"binary file of unknown type ({path.suffix or 'no suffix'})"
            )
        for item in READERS[fmt](data, name):
            yield item.problem() if isinstance(item, InputError) else item
    except InputError as exc:
        yield exc.problem()
    except RecursionError:
        yield Problem(name, fmt, "nested too deeply to read")
    except MemoryError:
        yield Problem(name, fmt, "too large to read in memory")
    except Exception as exc:  # noqa: BLE001 - the batch boundary: a reader bug is one Problem
        yield Problem(name, fmt, f"unexpected {type(exc).__name__} in the reader: {exc}")
