"""Bytes to text: size limits, binary detection and encoding repair.

``read_limited`` refuses files over the size limit before reading them; ``decode_text``
tries UTF-8, then the encoding charset-normalizer finds, and refuses binary content.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from pukara.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "decode_text", "looks_binary", "read_limited"]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024  # a 25 MB report is already a book; larger is a mistake


def read_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, or raise InputError if it is empty, too large or unreadable."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), "file", f"cannot stat: {exc.strerror or exc}") from exc
    if size == 0:
        raise InputError(str(path), "file", "empty file")
    if size > max_bytes:
        raise InputError(
            str(path),
            "file",
            f"{size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit; "
            "split it or raise PUKARA_MAX_FILE_MB",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "file", f"cannot read: {exc.strerror or exc}") from exc


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold NUL bytes or mostly control characters."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode_text(data: bytes, path: str) -> str:
    """Decode bytes to str, repairing common encodings (Latin-1, Windows-1252, UTF-16).

    Raises InputError for binary content or bytes that no encoding explains.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"byte {exc.start}", "broken UTF-16 text") from exc
    if looks_binary(data):
        raise InputError(path, "file", "binary content, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(
            path, f"byte {first_bad}", "not valid UTF-8 and no other encoding explains it"
        )
    text = data.decode(best.encoding, errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 200):
        raise InputError(
            path, f"byte {first_bad}", f"undecodable bytes (best guess {best.encoding})"
        )
    return text
