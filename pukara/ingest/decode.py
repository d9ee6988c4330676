"""Bytes to text: binary detection and encoding repair, or a refusal that says why.

``decode_text(data, path)`` returns the text of a file in any of the encodings reports come
in: UTF-8 (with or without BOM), UTF-16 and UTF-32 (with a BOM, and UTF-16 without one,
found by where its NUL bytes fall), Windows-1252 and Latin-1 (told apart the way browsers do:
bytes 0x80-0x9F are Windows-1252 punctuation, never Latin-1 control characters), other
single-byte encodings that charset-normalizer identifies, UTF-8 with a few stray
Windows-1252 bytes, and UTF-8 that was encoded twice ("Ã©" for "é"). Anything else raises
``InputError`` naming the first bad byte.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from pukara.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "decode_text", "looks_binary", "sniff_head"]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024  # a 25 MB report is already a book; larger is a mistake

_BOMS = [  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# Valid UTF-8 multi-byte sequences (a text holding some was written in UTF-8).
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# UTF-8 read as Latin-1 or Windows-1252 and written again: "Ã©", "Ã±", "â€™", "Â ".
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€")
# Letters and punctuation of the region's Latin-alphabet languages beyond ASCII.
_WESTERN = frozenset("áéíóúñüÁÉÍÓÚÑÜàèìòùâêîôûãõçÀÈÌÒÙÂÊÎÔÛÃÕÇäëïöÄËÏÖœŒß¿¡«»°ºª€“”‘’–—…·\xa0©®")
_CAPITAL_INSIDE = re.compile(r"(?<=[a-z])[À-Þ](?=[a-z])")  # "caÃse": a byte, not a letter
_STRAY_SHARE = 0.01  # at most 1 stray byte in 100 of a UTF-8 text is repaired, not refused


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold NUL bytes (and are not UTF-16/32) or many controls."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and _utf16_without_bom(head) is None and not _bom(head):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def sniff_head(head: bytes) -> str:
    """The first bytes as text for format sniffing (UTF-16/32 aware; never raises)."""
    encoding = _bom(head) or _utf16_without_bom(head) or "utf-8"
    return head.decode(encoding, errors="replace").lstrip("\ufeff")


def decode_text(data: bytes, path: str) -> str:
    """Decode bytes to str, repairing common encodings; InputError when none explains them."""
    wide = _bom(data) or _utf16_without_bom(data[:8192])
    if wide is not None:
        return _decode_wide(data, wide, path)
    if looks_binary(data):
        raise InputError(path, "file", "binary content, not a text document")
    try:
        return _repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_MULTI.search(data):
        return _utf8_with_strays(data, path, first_bad)
    return _single_byte(data, path, first_bad)


def _bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs fall on one side of most code units, as in
    UTF-16 text of mostly Latin letters."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _decode_wide(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper().replace("-LE", " (little-endian)").replace("-BE", " (big-endian)")
        raise InputError(path, f"byte {exc.start}", f"broken {name} text") from exc
    text = text.lstrip("\ufeff")
    if looks_binary(text.encode("utf-8", errors="replace")):
        raise InputError(path, "file", f"binary content, not {encoding.upper()} text")
    return text


def _utf8_with_strays(data: bytes, path: str, first_bad: int) -> str:
    """UTF-8 with a few bytes from another encoding (pasted Windows-1252 text): keep the
    UTF-8 and read each stray byte as Windows-1252 (Latin-1 where 1252 has a hole)."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = [ch for ch in text if "\udc80" <= ch <= "\udcff"]
    if len(strays) > max(2, len(text) * _STRAY_SHARE):
        raise InputError(
            path,
            f"byte {first_bad}",
            f"not valid UTF-8 ({len(strays)} bad bytes); save it as UTF-8 and ingest it again",
        )
    return "".join(
        _byte_char(ord(ch) - 0xDC00) if "\udc80" <= ch <= "\udcff" else ch for ch in text
    )


def _byte_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _single_byte(data: bytes, path: str, first_bad: int) -> str:
    """Text in a one-byte-per-character encoding: Windows-1252/Latin-1 when it reads as a
    Latin-alphabet language, else what charset-normalizer finds, if that reads as text."""
    western = "".join(_byte_char(b) for b in data) if len(data) < 4096 else _cp1252(data)
    if _plausible_latin(western):
        return western
    best = from_bytes(data[:2_000_000]).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        text = data.decode(best.encoding, errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 200) and _reads_as_text(text):
            return text
    guess = f" (best guess {best.encoding})" if best is not None and best.encoding else ""
    raise InputError(
        path,
        f"byte {first_bad}",
        f"not valid UTF-8 and no other encoding explains it{guess}; save it as UTF-8",
    )


def _cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="surrogateescape").translate(
        {0xDC00 + b: chr(b) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
    )


def _plausible_latin(text: str) -> bool:
    """Reads as Spanish, English, Portuguese or French: mostly ASCII letters, and the other
    characters the accented letters and punctuation those languages write."""
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 3:
        return False
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    odd = sum(1 for ch in foreign if ch not in _WESTERN) + len(_CAPITAL_INSIDE.findall(text))
    return len(foreign) <= letters * 0.3 and odd <= max(1, len(foreign) // 20)


def _reads_as_text(text: str) -> bool:
    """Mostly letters; what is not ASCII mostly letters too; and words written in one script
    (stray bytes decoded in the wrong code page give 'co\xa0aine', 'caѓse')."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible or sum(ch.isalpha() for ch in visible) / len(visible) < 0.6:
        return False
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    if not foreign or sum(ch.isalpha() for ch in foreign) / len(foreign) < 0.8:
        return False
    if sum(1 for ch in foreign if ord(ch) <= 0x24F) > len(foreign) / 2:
        return False  # Latin letters: Windows-1252 was judged already; another Latin code
        # page reading the same bytes is a guess, not a repair
    words = [w for w in re.findall(r"[^\W\d_]+", text) if any(ord(c) > 0x7F for c in w)]
    mixed = sum(1 for w in words if any(c.isascii() for c in w) and any(ord(c) > 0x24F for c in w))
    return mixed <= len(words) // 20


def _repair_mojibake(text: str) -> str:
    """Undo one round of UTF-8 read as Windows-1252 or Latin-1, when it cleanly undoes."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)):
            return fixed
    return text
