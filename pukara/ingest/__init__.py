"""Ingest: files in, records out.

``read_path`` reads one file of any supported format and yields ``Document``,
``Observation`` or ``Problem`` records; ``iter_files`` walks folders. Readers never print
and never write: the caller stores what they yield (see ``pukara.pipeline``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pukara.errors import InputError, Problem
from pukara.ingest.decode import DEFAULT_MAX_BYTES, looks_binary, read_limited
from pukara.ingest.documents import read_feed, read_html, read_pdf, read_text
from pukara.ingest.language import detect_language
from pukara.ingest.observations import read_csv_observations, read_geojson_observations
from pukara.ingest.textclean import clean_plain_text
from pukara.model import Document, Observation

__all__ = [
    "SUPPORTED_SUFFIXES",
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
]

Record = Document | Observation | Problem

SUPPORTED_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".csv": "csv", ".tsv": "csv",
    ".geojson": "geojson", ".json": "geojson",
}  # fmt: skip

# Files in a corpus folder that describe the corpus rather than being reports.
_SIDECARS = {"sources.yaml", "readme.md", "origin.md"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the given paths, recursively, sorted, skipping hidden files and sidecars."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                hidden = any(p.startswith(".") for p in rel)
                if child.is_file() and not hidden and child.name.lower() not in _SIDECARS:
                    yield child
        else:
            yield path


def detect_format(path: Path, head: bytes) -> str | None:
    """Format name from the file's first bytes, then its suffix; None when unknown."""
    sniff = head[:1024].lstrip().lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if sniff.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in sniff or b"<feed" in sniff):
        return "feed"
    if sniff.startswith((b"<!doctype html", b"<html")):
        return "html"
    by_suffix = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    if looks_binary(head):
        return None
    return "text"


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Every record in one file; a file or part that cannot be read yields a Problem."""
    path = Path(path)
    name = str(path)
    try:
        if not path.exists():
            raise InputError(name, "file", "no such file")
        data = read_limited(path, max_bytes)
        fmt = detect_format(path, data[:4096])
        if fmt is None:
            raise InputError(
                name, "file", f"binary file of unknown type ({path.suffix or 'no suffix'})"
            )
        yield from _read_format(fmt, data, name)
    except InputError as exc:
        yield exc.problem()


def _read_format(fmt: str, data: bytes, name: str) -> Iterator[Record]:
    if fmt == "text":
        yield read_text(data, name)
    elif fmt == "html":
        yield read_html(data, name)
    elif fmt == "pdf":
        yield read_pdf(data, name)
    else:
        items = {
            "feed": read_feed,
            "csv": read_csv_observations,
            "geojson": read_geojson_observations,
        }[fmt](data, name)
        for item in items:
            yield item.problem() if isinstance(item, InputError) else item
