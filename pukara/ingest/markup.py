"""Keep hostile HTML within what the HTML parsers can hold, without losing its text.

libxml2 (under lxml and trafilatura) stops building the tree at 255 nested elements and
drops everything after that point, so a page with thousands of nested ``<div>`` gave "only 0
characters of text". ``flatten_deep_markup(html, max_depth)`` removes the start and end tags
of elements nested deeper than ``max_depth`` and keeps their text, in one linear pass that
needs no tree (so it cannot hit a depth limit itself). Shallow pages come back unchanged.
"""

from __future__ import annotations

import re

__all__ = ["MAX_DEPTH", "flatten_deep_markup"]

MAX_DEPTH = 180  # under libxml2's 255, with room for the html/body/article wrappers

_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*>|<!--")
# elements that have no end tag, and elements whose end tag may be left out
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip
_OPTIONAL_END = frozenset({
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody",
    "thead",
})  # fmt: skip
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript"})
_HIDDEN = frozenset({"script", "style", "noscript"})  # bodies that are never text
_CLOSE_SEARCH = 64  # how far down the open elements a stray end tag is looked for


def flatten_deep_markup(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with the tags of elements nested deeper than ``max_depth`` removed."""
    if html.count("<") < max_depth:
        return html  # cannot nest that deep
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, kept in the output)
    pos = 0
    changed = False
    for m in _TAG.finditer(html):
        if m.start() < pos:
            continue  # inside a comment or raw text already copied
        out.append(html[pos : m.start()])
        pos = m.end()
        if m.group(0) == "<!--":
            end = html.find("-->", pos)
            pos = len(html) if end < 0 else end + 3
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        keep = _keep(closing, name, stack, max_depth)
        changed = changed or not keep
        if keep:
            out.append(m.group(0))
        if not closing and name in _RAW_TEXT:
            pos = _copy_raw_text(html, pos, name, out, keep)
    out.append(html[pos:])
    return "".join(out) if changed else html


def _keep(closing: bool, name: str, stack: list[tuple[str, bool]], max_depth: int) -> bool:
    """Whether a tag stays, updating the stack of open elements."""
    if closing:
        for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _CLOSE_SEARCH), -1):
            if stack[i][0] == name:
                kept = stack[i][1]
                del stack[i:]
                return kept
        return len(stack) < max_depth  # a stray end tag: harmless where the tree is shallow
    if name in _VOID or name in _OPTIONAL_END:
        return True  # never nests: no end tag, or closed by the next one of its kind
    kept = len(stack) < max_depth
    stack.append((name, kept))
    return kept


def _copy_raw_text(html: str, pos: int, name: str, out: list[str], kept: bool) -> int:
    """Copy a script/style body up to its end tag; return where it ends. The body of a
    dropped script or style is dropped too: without its tags it would read as text."""
    m = re.compile(rf"</{name}", re.I).search(html, pos)
    end = m.start() if m else len(html)
    if kept or name not in _HIDDEN:
        out.append(html[pos:end])
    return end
