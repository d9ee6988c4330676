"""Exception root for Pukara, and the Problem record that a batch keeps for a bad input.

Readers never print: a file that cannot be read becomes a ``Problem`` whose ``str`` is the
one line users see, ``path: where: reason``. That line cannot be split or forged by what is
in it: control and invisible characters are escaped in every field, and a path or place that
holds the separator ``": "`` (or starts with a quote) is shown double-quoted with backslash
escapes, so the first two unquoted ``": "`` always end the path and the place.
``parse_problem_line`` reads such a line back into its three fields.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "InputError",
    "Problem",
    "PukaraError",
    "StoreError",
    "format_problem",
    "parse_problem_line",
]

# Cc control, Cf format (bidi overrides, zero-width), Cs lone surrogates (undecodable bytes
# in file names), Co private use, Zl/Zp line and paragraph separators: all shown escaped.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SEPARATOR = ": "


class PukaraError(Exception):
    """Root of every error Pukara raises on purpose."""


class InputError(PukaraError):
    """A file (or a part of one) that cannot be read."""

    def __init__(self, path: str, where: str, reason: str) -> None:
        super().__init__(format_problem(path, where, reason))
        self.path = path
        self.where = where
        self.reason = reason

    def problem(self) -> Problem:
        return Problem(self.path, self.where, self.reason)


class StoreError(PukaraError):
    """A storage backend failed or was asked for something it cannot do."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad input: which file, where in it, what is wrong (kept raw; escaped when shown)."""

    path: str
    where: str  # "row 14", "byte 2048", "<feature 3>", "file"
    reason: str

    def __str__(self) -> str:
        return format_problem(self.path, self.where, self.reason)


def format_problem(path: str, where: str, reason: str) -> str:
    """The one line ``path: where: reason``, escaped so that it stays one honest line."""
    return f"{_field(path)}{_SEPARATOR}{_field(where)}{_SEPARATOR}{_escape(reason)}"


def _escape_char(ch: str, quoting: bool) -> str:
    if quoting and ch in '"\\':
        return "\\" + ch
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    if unicodedata.category(ch) not in _UNSAFE_CATEGORIES:
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape(text: str, quoting: bool = False) -> str:
    return "".join(_escape_char(ch, quoting) for ch in text)


def _field(text: str) -> str:
    """A path or place as shown: bare when nothing in it can be misread, else quoted."""
    escaped = _escape(text)
    if escaped == text and _SEPARATOR not in text and not text.startswith('"'):
        return text
    return '"' + _escape(text, quoting=True) + '"'


def parse_problem_line(line: str) -> tuple[str, str, str]:
    """(path, where, reason) of a line written by ``format_problem``; reason stays escaped."""
    path, rest = _read_field(line)
    where, reason = _read_field(rest)
    return path, where, reason


def _read_field(line: str) -> tuple[str, str]:
    if not line.startswith('"'):
        head, sep, rest = line.partition(_SEPARATOR)
        if not sep:
            raise ValueError(f"not a problem line: {line!r}")
        return head, rest
    out: list[str] = []
    i = 1
    while i < len(line):
        ch = line[i]
        if ch == '"':
            if not line.startswith(_SEPARATOR, i + 1):
                raise ValueError(f"no separator after quoted field: {line!r}")
            return "".join(out), line[i + 1 + len(_SEPARATOR) :]
        if ch == "\\":
            ch, i = _unescape(line, i)
        out.append(ch)
        i += 1
    raise ValueError(f"unterminated quoted field: {line!r}")


def _unescape(line: str, i: int) -> tuple[str, int]:
    """The character escaped at ``line[i]`` (a backslash) and the index of its last char."""
    code = line[i + 1 : i + 2]
    if code in ('"', "\\"):
        return code, i + 1
    if code in "nrt" and code:
        return {"n": "\n", "r": "\r", "t": "\t"}[code], i + 1
    width = {"x": 2, "u": 4, "U": 8}.get(code)
    if width is None:
        raise ValueError(f"bad escape at {i} in {line!r}")
    return chr(int(line[i + 2 : i + 2 + width], 16)), i + 1 + width
