"""Search: documents (full text: SQLite FTS5 or a PostgreSQL tsvector) and entities (places
and actors by name or alias), as a page and as JSON."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from pukara.analyse.entities import search_entities
from pukara.model import SearchHit
from pukara.store import View
from pukara.web.deps import ViewDep, cached, render, store_marking
from pukara.web.schemas import PlaceOut, SearchActorOut, SearchDocumentOut, SearchOut

__all__ = ["router", "snippet_html"]

router = APIRouter()

Q = Annotated[
    str, Query(max_length=200, description="Words (accents optional; word* for prefixes)")
]
LIMIT = 30


def snippet_html(snippet: str) -> Markup:
    """The store's snippet ("… the [coca] fields …") with the matches in ``<mark>`` and
    everything else escaped."""
    parts = re.split(r"\[([^\[\]]*)\]", snippet)
    out = [f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)]
    return Markup("".join(out))  # noqa: S704  # escaped pieces and our own tags only


def _documents(hits: list[SearchHit]) -> list[SearchDocumentOut]:
    return [
        SearchDocumentOut(doc_id=h.doc_id, title=h.title, published=h.published,
                          snippet=h.snippet, url=f"/documents/{h.doc_id}")
        for h in hits
    ]  # fmt: skip


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, store: ViewDep, q: Q = "") -> HTMLResponse:
    """Results for documents, places and actors on one page."""
    hits = store.search(q, limit=LIMIT) if q.strip() else []
    places, actors = search_entities(store, q) if q.strip() else ([], [])
    return render(
        request, "search.html", title=f"Search: {q}" if q else "Search", q=q, hits=hits,
        places=places, actors=actors, snippet=snippet_html, marking=store_marking(request, store),
    )  # fmt: skip


@router.get("/api/search", response_model=SearchOut, tags=["search"])
def search_api(request: Request, store: ViewDep, q: Q) -> SearchOut:
    """Documents matching the words (best first, near-duplicates left out), places whose
    name contains them and actors with such a name or alias."""
    return cached(request, store, ("search", q), lambda: _search(store, q))


def _search(store: View, q: str) -> SearchOut:
    places, actors = search_entities(store, q)
    return SearchOut(
        query=q,
        documents=_documents(store.search(q, limit=LIMIT)),
        places=[PlaceOut.from_record(p) for p in places],
        actors=[
            SearchActorOut(
                id=a.id,
                name=a.name,
                kind=a.kind,
                country=a.country,
                matched=a.matched,
                url=f"/actors/{a.id}",
            )
            for a in actors
        ],
    )
