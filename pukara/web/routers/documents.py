"""Documents: the list, a document with its evidence highlighted, and its API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from pukara.analyse.documents import document_view
from pukara.share.highlight import highlight
from pukara.web.deps import ViewDep, render, store_marking
from pukara.web.schemas import ClaimOut, DocumentOut

__all__ = ["router"]

router = APIRouter()

PAGE = 50
ClaimId = Annotated[
    str | None, Query(pattern=r"^[0-9a-f]{16}$", description="Select this claim's sentence")
]
Offset = Annotated[int, Query(ge=0, le=10**9)]


def _selected(
    fact: str | None, event: str | None, relation: str | None, route: str | None
) -> tuple[str | None, str | None]:
    for kind, value in (("fact", fact), ("event", event), ("relation", relation), ("route", route)):
        if value is not None:
            return kind, value
    return None, None


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(request: Request, store: ViewDep, offset: Offset = 0) -> HTMLResponse:
    """Stored documents, newest first, with source grade and marking."""
    rows = store.documents(limit=PAGE, offset=offset)
    return render(
        request, "documents.html", title="Documents", rows=rows, offset=offset, size=PAGE,
        total=store.count_documents(), marking=store_marking(request, store),
    )  # fmt: skip


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(
    request: Request,
    store: ViewDep,
    doc_id: str,
    fact: ClaimId = None,
    event: ClaimId = None,
    relation: ClaimId = None,
    route: ClaimId = None,
) -> HTMLResponse:
    """A document's text with every claim's sentence marked and the selected one
    highlighted (``?fact=ID``, ``?event=ID``, ``?relation=ID`` or ``?route=ID``)."""
    view = document_view(store, doc_id, *_selected(fact, event, relation, route))
    html = highlight(
        view.doc.text,
        [(c.start, c.end) for c in view.claims],
        (view.selected.start, view.selected.end) if view.selected else None,
        view.links,
    )
    return render(
        request, "document.html", title=view.doc.row.title or view.doc.row.id, v=view,
        html=html, marking=view.marking,
    )  # fmt: skip


@router.get("/api/documents/{doc_id}", response_model=DocumentOut, tags=["documents"])
def document_api(store: ViewDep, doc_id: str) -> DocumentOut:
    """A document (id or unique prefix): metadata, marking, text and the claims read from
    it with their character spans (``text[start:end]`` is the sentence)."""
    view = document_view(store, doc_id)
    row = view.doc.row
    return DocumentOut(
        id=row.id,
        title=row.title,
        published=row.published,
        language=row.language,
        source=row.source,
        reliability=row.reliability,
        credibility=row.credibility,
        url=view.doc.url,
        media_type=view.doc.media_type,
        marking=view.marking.label(),
        duplicate_of=row.duplicate_of,
        copies=list(view.doc.copies),
        text=view.doc.text,
        claims=[ClaimOut.from_claim(row.id, c) for c in view.claims],
    )
