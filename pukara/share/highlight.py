"""A document's text as HTML with its evidence sentences highlighted and its mentions linked.

In: the text, the claims' spans, the selected claim's span and the mentions to link
(``pukara.analyse.documents.document_view`` gathers them). Out: escaped HTML in which every
claim's sentence is a ``<span class="claim">``, the selected one a ``<mark id="evidence">``
around exactly ``text[start:end]``, and each place and actor mention a link to its page.
Every piece of text is HTML-escaped; the only markup is what this module writes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from markupsafe import Markup, escape

from pukara.analyse.documents import Link

__all__ = ["highlight"]


def highlight(
    text: str,
    spans: Sequence[tuple[int, int]],
    selected: tuple[int, int] | None = None,
    links: Sequence[Link] = (),
) -> Markup:
    """``text`` as escaped HTML: ``spans`` in ``<span class="claim">``, ``selected`` in
    ``<mark id="evidence">`` (it wins where they overlap) and ``links`` as anchors inside
    them. Offsets are clamped to the text; an empty or inverted span is ignored."""
    n = len(text)

    def clamp(a: int, b: int) -> tuple[int, int]:
        return max(0, min(a, n)), max(0, min(b, n))

    spans = [clamp(a, b) for a, b in spans]
    chosen = clamp(*selected) if selected else None
    cuts = {0, n}
    for a, b in [*spans, *([chosen] if chosen else []), *((x.start, x.end) for x in links)]:
        cuts.update(clamp(a, b))
    bounds = sorted(cuts)
    out: list[str] = []
    outer: str | None = None
    inner: Link | None = None
    for a, b in itertools.pairwise(bounds):
        want_outer = (
            "selected" if chosen and chosen[0] <= a and b <= chosen[1]
            else "claim" if any(s <= a and b <= e for s, e in spans) else None
        )  # fmt: skip
        want_inner = next((x for x in links if x.start <= a and b <= x.end), None)
        if want_outer != outer:
            out.append(_close(inner, outer))
            inner, outer = None, want_outer
            out.append(_open_outer(outer))
        if want_inner is not inner:
            out.append("</a>" if inner else "")
            inner = want_inner
            if inner is not None:
                out.append(f'<a class="mention" href="{escape(inner.href)}" '
                           f'title="{escape(inner.title)}">')  # fmt: skip
        out.append(str(escape(text[a:b])))
    out.append(_close(inner, outer))
    return Markup("".join(out))  # noqa: S704  # built only from escaped text and our own tags


def _open_outer(kind: str | None) -> str:
    if kind == "selected":
        return '<mark id="evidence" class="evidence">'
    return '<span class="claim">' if kind == "claim" else ""


def _close(inner: Link | None, outer: str | None) -> str:
    closing = "</a>" if inner else ""
    if outer == "selected":
        closing += "</mark>"
    elif outer == "claim":
        closing += "</span>"
    return closing
