"""A document with its evidence sentences highlighted, from the character spans stored.

In: a store, a document id and optionally one claim to select (a fact, an event, a
relation or a route read from the document, by id). Out: ``DocumentView``: the stored
document, its source, marking and claims, and its text as HTML in which every claim's
sentence is a ``<span class="claim">``, the selected one a ``<mark id="evidence">`` around
exactly ``text[start:end]``, and each place and actor mention a link to its page. Every
piece of text is HTML-escaped; the only markup is what this module writes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from pukara.model import Marking
from pukara.share.markings import marking_of
from pukara.store import SQLiteStore, StoredDocument
from pukara.web.handlers import NotFoundError
from pukara.web.labels import event_type_label, format_value, indicator_label

__all__ = ["Claim", "DocumentView", "Link", "document_view", "highlight"]

CLAIM_KINDS = ("fact", "event", "relation", "route")


@dataclass(frozen=True, slots=True)
class Claim:
    """Something read from one sentence of the document."""

    kind: str  # fact | event | relation | route
    id: int
    start: int
    end: int
    label: str
    marking: Marking


@dataclass(frozen=True, slots=True)
class Link:
    """A mention to link: characters [start, end) go to ``href``."""

    start: int
    end: int
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    doc: StoredDocument
    source_url: str | None
    credibility: int | None
    marking: Marking
    claims: tuple[Claim, ...]
    selected: Claim | None
    html: Markup


def document_view(
    store: SQLiteStore, doc_id: str, kind: str | None = None, claim_id: int | None = None
) -> DocumentView:
    """The document ``doc_id`` (id or unique prefix) with claim ``kind``/``claim_id``
    selected (NotFoundError when either is unknown)."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFoundError(f"document {doc_id!r}: not in the store (or the prefix is ambiguous)")
    claims = _claims(store, doc.row.id)
    selected = None
    if kind is not None and claim_id is not None:
        selected = next((c for c in claims if c.kind == kind and c.id == claim_id), None)
        if selected is None:
            raise NotFoundError(f"{kind} {claim_id}: not read from document {doc.row.id}")
    source = store.execute(
        "SELECT s.url, s.credibility FROM documents d JOIN sources s ON s.id = d.source_id "
        "WHERE d.id = ?",
        (doc.row.id,),
    )
    html = highlight(
        doc.text,
        [(c.start, c.end) for c in claims],
        (selected.start, selected.end) if selected else None,
        _links(store, doc.row.id),
    )
    return DocumentView(
        doc=doc,
        source_url=source[0][0] if source else None,
        credibility=source[0][1] if source else None,
        marking=marking_of(doc.row.tlp, doc.releasable_to),
        claims=tuple(claims),
        selected=selected,
        html=html,
    )


def _claims(store: SQLiteStore, doc_id: str) -> list[Claim]:
    claims = [
        Claim("fact", r[0], r[1], r[2],
              f"{indicator_label(r[3])}: {format_value(r[4], r[5], r[6])}"
              + (f" ({r[7]})" if r[7] else ""), marking_of(r[8], r[9]))
        for r in store.execute(
            "SELECT id, start, end, indicator, value, value_max, unit, period, tlp, releasable_to"
            " FROM facts WHERE doc_id = ?", (doc_id,))
    ]  # fmt: skip
    claims += [
        Claim("event", r[0], r[1], r[2],
              event_type_label(r[3]) + (f", {r[4]}" if r[4] else "")
              + (" (announced)" if r[5] else ""), marking_of(r[6], r[7]))
        for r in store.execute(
            "SELECT id, start, end, type, date, announced, tlp, releasable_to FROM events"
            " WHERE doc_id = ?", (doc_id,))
    ]  # fmt: skip
    claims += [
        Claim("relation", r[0], r[1], r[2], f"{r[3]}: {r[4]} → {r[5]}", marking_of(r[6], r[7]))
        for r in store.execute(
            "SELECT r.id, r.start, r.end, r.kind, coalesce(a.name, r.source_id),"
            " coalesce(b.name, r.target_id), r.tlp, r.releasable_to FROM actor_relations r"
            " LEFT JOIN actors a ON a.id = r.source_id LEFT JOIN actors b ON b.id = r.target_id"
            " WHERE r.doc_id = ?", (doc_id,))
    ]  # fmt: skip
    claims += [
        Claim("route", r[0], r[1], r[2], "route" + (f" ({r[3]})" if r[3] else ""),
              marking_of(r[4], r[5]))
        for r in store.execute(
            "SELECT id, start, end, commodity, tlp, releasable_to FROM routes WHERE doc_id = ?"
            " AND end > start", (doc_id,))
    ]  # fmt: skip
    claims.sort(key=lambda c: (c.start, CLAIM_KINDS.index(c.kind), c.id))
    return claims


def _links(store: SQLiteStore, doc_id: str) -> list[Link]:
    rows = store.execute(
        "SELECT m.start, m.end, m.kind, m.ref_id, coalesce(p.name, a.name, m.ref_id)"
        " FROM mentions m LEFT JOIN places p ON m.kind = 'place' AND p.id = m.ref_id"
        " LEFT JOIN actors a ON m.kind = 'actor' AND a.id = m.ref_id"
        " WHERE m.doc_id = ? ORDER BY m.start, m.end DESC",
        (doc_id,),
    )
    links, last_end = [], -1
    for start, end, kind, ref, name in rows:
        if start >= last_end and end > start:  # overlapping mentions: the first, longest wins
            links.append(Link(start, end, f"/{kind}s/{quote(ref, safe=':')}", f"{kind}: {name}"))
            last_end = end
    return links


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
