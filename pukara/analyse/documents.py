"""A document as its page shows it: metadata, claims read from it, mentions to link.

In: a store view, a document id (or unique prefix) and optionally one claim to select (a
fact, an event, a relation or a route, by id). Out: ``DocumentView`` with the stored
document, its claims with labels (from the taxonomy), the selected claim and the mention
links; ``pukara.share.highlight.highlight`` turns it into HTML. A document the reader may
not see, or a claim not read from it, is a ``NotFoundError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from pukara.errors import NotFoundError
from pukara.model import ClaimSpan, Marking, StoredDocument
from pukara.refdata.labels import event_type_label, format_value, indicator_label
from pukara.store import Reader, as_view

__all__ = ["CLAIM_KINDS", "DocumentView", "Link", "claim_label", "document_view"]

CLAIM_KINDS = ("fact", "event", "relation", "route")


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
    marking: Marking
    claims: tuple[ClaimSpan, ...]
    labels: dict[str, str]  # claim id -> label
    selected: ClaimSpan | None
    links: tuple[Link, ...]


def claim_label(c: ClaimSpan) -> str:
    """ "Coca cultivation area: 12,000 ha (2023)", "Seizure, 2024-05 (announced)"."""
    if c.kind == "fact":
        value = format_value(c.value, c.value_max, c.unit or "")
        return f"{indicator_label(c.what)}: {value}" + (f" ({c.when})" if c.when else "")
    if c.kind == "event":
        return (event_type_label(c.what) + (f", {c.when}" if c.when else "")
                + (" (announced)" if c.announced else ""))  # fmt: skip
    if c.kind == "relation" and c.names:
        return f"{c.what}: {c.names[0]} → {c.names[1]}"
    return "route" + (f" ({c.what})" if c.what else "")


def document_view(
    store: Reader, doc_id: str, kind: str | None = None, claim_id: str | None = None
) -> DocumentView:
    store = as_view(store)
    doc = store.document(doc_id)
    if doc is None:
        raise NotFoundError(f"document {doc_id!r}: not in the store (or the prefix is ambiguous)")
    claims = store.claims_of(doc.row.id)
    selected = None
    if kind is not None and claim_id is not None:
        selected = next((c for c in claims if c.kind == kind and c.id == claim_id), None)
        if selected is None:
            raise NotFoundError(f"{kind} {claim_id}: not read from document {doc.row.id}")
    links, last_end = [], -1
    for m in store.mentions_of(doc.row.id) if doc.text else []:
        if m.start >= last_end and m.end > m.start:  # overlapping: the first, longest wins
            links.append(Link(m.start, m.end, f"/{m.kind}s/{quote(m.ref_id, safe=':')}",
                              f"{m.kind}: {m.name}"))  # fmt: skip
            last_end = m.end
    return DocumentView(
        doc, doc.row.marking, tuple(claims), {c.id: claim_label(c) for c in claims}, selected,
        tuple(links),
    )  # fmt: skip
