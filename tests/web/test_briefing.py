"""A briefing built from the demo store: judgements, cited items, markings, files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from pukara.errors import PukaraError
from pukara.share.briefing import brief, build_brief, write_brief
from pukara.store import SQLStore as ReadOnlyStore


@pytest.fixture
def store(demo_store: ReadOnlyStore) -> ReadOnlyStore:
    return demo_store


def test_brief_on_loreto(store: ReadOnlyStore) -> None:
    b = build_brief(store, "LORETO", "2024-01")
    assert (b.place_id, b.place_name, b.since) == ("pe:16", "Loreto", "2024-01")
    assert any("convergence of illicit economies" in j.text for j in b.judgements)
    assert b.facts and b.events and b.map_image is not None and b.charts
    for item in (*b.facts, *b.events):
        assert item.citation.doc_id and item.evidence
        assert (item.when or "9999") >= "2024" or item.kind == "fact"
    # the invented TLP:AMBER report on Loreto is part of the material
    assert b.marking.label() == "TLP:AMBER REL TO PE"
    doc_ids = {c.doc_id for c in b.citations}
    assert len(doc_ids) == len(b.citations)


def test_event_citations_point_at_their_sentence(store: ReadOnlyStore) -> None:
    b = build_brief(store, "pe:16")
    for item in b.events:
        rows = store.db.rows(
            "SELECT evidence FROM events WHERE id = ? AND doc_id = ?",
            (item.ref, item.citation.doc_id),
        )
        assert rows and rows[0][0] == item.evidence


def test_html_and_pdf_files(store: ReadOnlyStore, tmp_path: Path) -> None:
    html = brief(store, "Loreto", "2024-01")
    assert html.count('data-marking="TLP:AMBER REL TO PE"') == 2
    pdf = write_brief(store, "Loreto", tmp_path / "brief.pdf", since="2024-01").read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Loreto" in text and "TLP:AMBER REL TO PE" in text


def test_unknown_place_and_bad_dates(store: ReadOnlyStore) -> None:
    with pytest.raises(PukaraError, match="not in the store"):
        build_brief(store, "Atlantis")
    with pytest.raises(PukaraError, match="not a date"):
        build_brief(store, "Loreto", since="last year")
