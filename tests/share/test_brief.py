"""Rendering a brief: markings at the top and bottom, citations, HTML and PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from pukara.errors import PukaraError
from pukara.model import TLP, Evidence, Marking
from pukara.share.brief import (
    Brief,
    BriefImage,
    BriefItem,
    Judgement,
    export_brief,
    render_brief_html,
    render_brief_pdf,
)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _brief(tlp: TLP = TLP.AMBER) -> Brief:
    cite = Evidence("abcdef0123456789", 0, 10, "Coca covered <around> 7,400 hectares.",
                    "Demo Wire <i>", "B2", "2025-01-02", "A title", Marking(tlp, ("PE",)))  # fmt: skip
    item = BriefItem("fact", "7", "Coca cultivation area: 7,400 ha", "2024", "Loreto",
                     "Coca covered <around> 7,400 hectares.", cite)  # fmt: skip
    return Brief(
        place_id="pe:16", place_name="Loreto", subtitle="department of Peru", since="2024-01",
        until=None, generated="2026-01-01 00:00", judgements=(Judgement("One judgement.", (cite,)),),
        facts=(item,), events=(), map_image=BriefImage("Map", "caption", "image/png", _png()),
        material=(Marking(TLP.GREEN),), counts={"documents": 1, "facts": 1, "events": 0},
    )  # fmt: skip


def test_marking_is_the_most_restrictive_of_material_and_citations() -> None:
    assert _brief().marking.label() == "TLP:AMBER REL TO PE"
    assert _brief(TLP.CLEAR).marking.label() == "TLP:GREEN REL TO PE"


def test_html_has_marking_top_and_bottom_and_escapes() -> None:
    html = render_brief_html(_brief())
    assert html.count('data-marking="TLP:AMBER REL TO PE"') == 2
    assert html.index("marking-top") < html.index("Key judgements") < html.index("marking-bottom")
    assert "Demo Wire &lt;i&gt;" in html and "&lt;around&gt;" in html
    assert "data:image/png;base64," in html and "doc <code>abcdef01</code>" in html


def test_links_only_for_the_web() -> None:
    assert "/documents/abcdef0123456789?fact=7#evidence" in render_brief_html(
        _brief(), link_base=""
    )
    assert "/documents/" not in render_brief_html(_brief())


def test_pdf_carries_place_and_marking_on_every_page() -> None:
    pdf = render_brief_pdf(_brief())
    assert pdf.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert "Loreto" in pages[0].extract_text()
    assert all(p.extract_text().count("TLP:AMBER REL TO PE") >= 2 for p in pages)


def test_export_by_suffix(tmp_path: Path) -> None:
    assert export_brief(_brief(), tmp_path / "b.html").read_text("utf-8").startswith("<!doctype")
    assert export_brief(_brief(), tmp_path / "sub" / "b.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(PukaraError, match=r"use \.pdf or \.html"):
        export_brief(_brief(), tmp_path / "b.docx")
