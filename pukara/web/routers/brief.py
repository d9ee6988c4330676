"""Briefings: the brief on a place as an HTML page and as a PDF download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pukara.model.textnorm import fold
from pukara.share.brief import render_brief_html, render_brief_pdf
from pukara.share.briefing import build_brief
from pukara.web.deps import ViewDep, render, store_marking

__all__ = ["router"]

router = APIRouter()

PlaceQ = Annotated[str, Query(max_length=120, description="Place id or name, e.g. LORETO")]
Bound = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")]


@router.get("/brief", response_class=HTMLResponse, tags=["briefings"])
def brief_page(
    request: Request, store: ViewDep, place: PlaceQ = "", since: Bound = None, until: Bound = None
) -> HTMLResponse:
    """The briefing on ``place`` as one HTML document (the template of the PDF), its
    citations linked to the documents; without ``place``, a form to ask for one."""
    if not place.strip():
        rows = sorted(
            ((p.id, p.name) for p in store.places() if p.kind.value == "region"
             and p.country == "PE"), key=lambda r: r[1],
        )  # fmt: skip
        return render(
            request, "brief_form.html", title="Briefing", departments=rows,
            marking=store_marking(request, store),
        )  # fmt: skip
    brief = build_brief(store, place, since or None, until or None)
    return HTMLResponse(render_brief_html(brief, link_base=""))


@router.get(
    "/brief.pdf",
    tags=["briefings"],
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def brief_pdf(store: ViewDep, place: PlaceQ, since: Bound = None, until: Bound = None) -> Response:
    """The briefing on ``place`` as PDF (WeasyPrint), marked on every page."""
    brief = build_brief(store, place, since or None, until or None)
    name = "".join(c if c.isalnum() else "-" for c in fold(brief.place_name)) or "place"
    return Response(
        render_brief_pdf(brief),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="brief-{name}.pdf"'},
    )
