"""Publication date, publisher and author read from the headers news sites and agencies write.

Every snippet is invented for these tests (demo text); the outlet and person names are
invented too, except the wire agencies (EFE, AP, Reuters, Europa Press), whose dateline
conventions are what is being tested.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pukara.ingest import clean_plain_text, read_path
from pukara.model import Document
from tests.ingest.minipdf import make_pdf

BODY = (
    "La Marina de Guerra destruyó doce dragas de minería ilegal en el río Nanay, en Loreto, "
    "durante un operativo de tres días, informaron las autoridades."
)
BODY_EN = (
    "The Peruvian navy destroyed twelve dredges used for illegal gold mining on the Nanay "
    "river in Loreto during a three-day operation, officials said."
)


@pytest.mark.parametrize(
    ("header", "iso"),
    [
        ("Publicado 14/03/2025 10:30", "2025-03-14"),
        ("Publicado: 14/03/2025 - 10:30 h", "2025-03-14"),
        ("date 2025-11-12", "2025-11-12"),
        ("24 JUL 2017", "2017-07-24"),
        ("Published 17 July 2018", "2018-07-17"),
        ("Published on 17 July 2018, 08:15 GMT", "2018-07-17"),
        ("Publicado el 3 de mayo de 2021", "2021-05-03"),
        ("Lunes, 3 de mayo de 2021", "2021-05-03"),
        ("Posted on March 28, 2023 by admin", "2023-03-28"),
    ],
)
def test_publication_date_headers(header: str, iso: str) -> None:
    clean = clean_plain_text(f"Marina destruye dragas en el río Nanay\n{header}\n\n{BODY}")
    assert clean.published is not None and clean.published.iso() == iso
    assert header not in clean.text
    assert clean.title == "Marina destruye dragas en el río Nanay"


def test_published_beats_updated_whatever_the_order() -> None:
    clean = clean_plain_text(
        f"Actualizado el 5 de mayo de 2021\nPublicado el 3 de mayo de 2021\n\n{BODY}"
    )
    assert clean.published is not None and clean.published.iso() == "2021-05-03"


def test_a_date_in_the_body_is_not_the_publication_date() -> None:
    clean = clean_plain_text(f"El 3 de mayo de 2021 la policía llegó a Pichari.\n\n{BODY}")
    assert clean.published is None


def test_agency_header_month_day_year_dash_agency() -> None:
    clean = clean_plain_text(f"March 28, 2023 - Reuters\n\n{BODY_EN}")
    assert clean.published is not None and clean.published.iso() == "2023-03-28"
    assert clean.source == "Reuters"


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("IQUITOS, 3 may. (EFE).- ", "EFE"),
        ("Iquitos, 3 may (EFE) - ", "EFE"),
        ("LIMA (AP) — ", "AP"),
        ("LIMA, 3 May. (EUROPA PRESS) - ", "Europa Press"),
        ("LIMA, 3 May. (Notimérica/EP) - ", "Notimérica"),
        ("LIMA, 3 May. /EP/ - ", "Europa Press"),
    ],
)
def test_agency_datelines_name_the_source(dateline: str, source: str) -> None:
    clean = clean_plain_text(f"Marina destruye dragas en el río Nanay\n\n{dateline}{BODY}")
    assert clean.source == source
    assert clean.author is None  # the agency is the publisher here, not also the author
    assert BODY in clean.text  # the dateline stays in the text: extractors read it too


def test_a_dateline_with_a_year_dates_the_report() -> None:
    clean = clean_plain_text(f"IQUITOS, 3 may 2021 (EFE).- {BODY}")
    assert clean.published is not None and clean.published.iso() == "2021-05-03"
    assert clean.source == "EFE"


def test_a_dateline_without_a_year_takes_the_year_of_the_header() -> None:
    clean = clean_plain_text(
        f"Marina destruye dragas\n© 2021 Diario Demo\n\nIQUITOS, 3 may. (EFE).- {BODY}"
    )
    assert clean.published is not None and clean.published.iso() == "2021-05-03"


@pytest.mark.parametrize(
    ("byline", "author", "source"),
    [
        ("Por Juana Quispe Mamani", "Juana Quispe Mamani", None),
        ("By Pamela Ruiz and John Doe", "Pamela Ruiz and John Doe", None),
        ("Por: Redacción Selvahoy.pe", None, "Selvahoy.pe"),
        ("Redacción Diario Amazonía Iquitos", None, "Diario Amazonía"),
        ("By the Andean Ledger Politics staff", None, "Andean Ledger"),
        ("By Frontier Monitor staff", None, "Frontier Monitor"),
        ("Por Juana Quispe | Agencia Selva", "Juana Quispe", "Agencia Selva"),
        ("By John Doe, Reuters", "John Doe", "Reuters"),
        ("By Dialogo", None, "Dialogo"),
        ("por asistentemk", "asistentemk", None),
        ("By EFE", None, "EFE"),
    ],
)
def test_bylines_give_author_or_publisher(
    byline: str, author: str | None, source: str | None
) -> None:
    clean = clean_plain_text(f"Marina destruye dragas en el río Nanay\n\n{byline}\n\n{BODY}")
    assert (clean.author, clean.source) == (author, source)
    assert byline not in clean.text
    assert clean.title == "Marina destruye dragas en el río Nanay"


def test_a_byline_is_never_the_title() -> None:
    clean = clean_plain_text(f"Redacción Diario Amazonía Iquitos\n{BODY}")
    assert clean.title is None
    assert clean.source == "Diario Amazonía"


def test_an_empty_wordpress_byline_is_debris() -> None:
    clean = clean_plain_text(f"Navy destroys dredges\n\nby in Americas.\n\n{BODY_EN}")
    assert "by in" not in clean.text and clean.author is None and clean.source is None


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Fuente: Agencia Selva", "Agencia Selva"),
        ("Source: Andean Ledger", "Andean Ledger"),
        ("Site icon Selva Hoy", "Selva Hoy"),
        ("© 2025 Selva Hoy. Todos los derechos reservados.", "Selva Hoy"),
        ("Copyright © 2025 Andean Ledger. All rights reserved.", "Andean Ledger"),
    ],
)
def test_site_and_source_lines(line: str, source: str) -> None:
    clean = clean_plain_text(f"Marina destruye dragas en el río Nanay\n\n{BODY}\n\n{line}")
    assert clean.source == source
    assert line not in clean.text


def test_headline_with_site_name_after_a_bar() -> None:
    clean = clean_plain_text(f"Marina destruye dragas en el río Nanay | Selva Hoy\n\n{BODY}")
    assert clean.title == "Marina destruye dragas en el río Nanay"
    assert clean.source == "Selva Hoy"


def test_a_syndicated_copy_is_published_by_the_site_and_written_by_the_agency() -> None:
    clean = clean_plain_text(
        f"Site icon Selva Hoy\nMarina destruye dragas\n\nIQUITOS (EFE).- {BODY}"
    )
    assert clean.source == "Selva Hoy"
    assert clean.author == "EFE"


def test_html_author_and_dateline(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Marina destruye dragas | Selva Hoy</title>"
        '<meta property="og:site_name" content="Selva Hoy">'
        '<meta name="author" content="Juana Quispe"></head><body><article>'
        "<h1>Marina destruye dragas en el río Nanay</h1><p>Publicado el 3 de mayo de 2021</p>"
        f"<p>IQUITOS, 3 may. (EFE).- {BODY}</p><p>{BODY}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert doc.author == "Juana Quispe"
    assert doc.source is not None and doc.source.name == "Selva Hoy"  # the site published it
    assert doc.published is not None and doc.published.iso() == "2021-05-03"


def test_html_site_name_is_the_source_without_an_agency(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Marina destruye dragas | Selva Hoy</title>"
        '<meta property="og:site_name" content="Selva Hoy"></head><body><article>'
        f"<h1>Marina destruye dragas en el río Nanay</h1><p>{BODY}</p><p>{BODY}</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert doc.source is not None and doc.source.name == "Selva Hoy"


def test_text_document_carries_the_author(tmp_path: Path) -> None:
    path = tmp_path / "nota.txt"
    path.write_text(f"Marina destruye dragas\n\nPor Juana Quispe Mamani\n\n{BODY}\n", "utf-8")
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert doc.author == "Juana Quispe Mamani" and doc.source is None


def test_pdf_byline_and_date(tmp_path: Path) -> None:
    path = tmp_path / "nota.pdf"
    path.write_bytes(
        make_pdf(
            [
                "Navy destroys dredges",
                "By Frontier Monitor staff",
                "Published 17 July 2018",
                BODY_EN[:90],
                BODY_EN[90:],
            ]
        )
    )
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert doc.source is not None and doc.source.name == "Frontier Monitor"
    assert doc.published is not None and doc.published.iso() == "2018-07-17"
