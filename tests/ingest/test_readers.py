"""Readers on real and realistic inputs: clean text out, metadata read, debris gone."""

from __future__ import annotations

from pathlib import Path

from pukara.errors import Problem
from pukara.ingest import read_path
from pukara.model import Document, Observation
from tests.ingest.minipdf import make_pdf

# Excerpt of a real feed-reader scrape of an InSight Crime article (2014), as found in
# shared/corpus/seeds/004: the reader's header, a repeated headline and a tag list.
FEED_READER_COPY = """Quantcast
Channel: Juarez: War, Stability and the Future - InSight Crime | Organized Crime in the Americas
Viewing all articles
Browse latest Browse all 593

Peru to Undermine Shining Path Finances by Attacking Drug Trade

$
0
0
Peru to Undermine Shining Path Finances by Attacking Drug Trade

The government of Peru is launching a sustained offensive against the drug trade that finances the last remaining Shining Path stronghold, the VRAEM.

SEE ALSO: Coverage of the Shining Path

  • Peru
  • Shining Path

    Viewing all articles
    Browse latest Browse all 593

    Trending Articles
"""

# Invented for this test (demo text): a news page with the usual site chrome.
HTML_PAGE = """<!doctype html><html><head><title>Decomisan cocaína en el Callao | Selva Hoy</title>
<meta property="og:site_name" content="Selva Hoy">
<meta property="article:published_time" content="2025-03-14T09:00:00-05:00">
</head><body>
<nav><ul><li><a href="/">Inicio</a></li><li><a href="/p">Política</a></li><li>Deportes</li></ul></nav>
<div class="cookie">Este sitio usa cookies. <button>Aceptar</button></div>
<article><h1>Decomisan dos toneladas de cocaína en el puerto del Callao</h1>
<time datetime="2025-03-14">14 de marzo de 2025</time>
<p>La Policía Nacional del Perú decomisó dos toneladas de clorhidrato de cocaína ocultas en un
contenedor con destino a Amberes, informó la Dirección Antidrogas en un comunicado.</p>
<p>Según la investigación, la droga procedía del VRAEM y había sido trasladada por carretera
hasta Lima. Tres personas fueron detenidas durante el operativo en el terminal portuario.</p>
</article>
<aside><h3>Noticias relacionadas</h3><ul><li><a href="/x">Otra noticia sobre fútbol</a></li></ul></aside>
<div class="donate">Apoya nuestro periodismo independiente. Dona ahora.</div>
<footer>© 2025 Selva Hoy. Todos los derechos reservados.</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Monitor Amazónico (demo)</title>
<item><title>Destroyed airstrip rebuilt in Puerto Inca</title><link>https://example.org/a</link>
<pubDate>Tue, 04 Feb 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Satellite images show that a clandestine airstrip destroyed by the army in December was
rebuilt within six weeks in Puerto Inca, Huánuco.&lt;/p&gt;</description></item>
<item><title>Dragas en el río Nanay</title><link>https://example.org/b</link>
<pubDate>Wed, 05 Feb 2025 10:00:00 GMT</pubDate>
<description>La Marina destruyó 12 dragas de minería ilegal en el río Nanay, en Loreto, durante un
operativo de tres días.</description></item>
</channel></rss>"""


def _one_document(path: Path) -> Document:
    records = list(read_path(path))
    assert len(records) == 1, records
    assert isinstance(records[0], Document), records[0]
    return records[0]


def test_feed_reader_debris_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "scrape.txt"
    path.write_text(FEED_READER_COPY, encoding="utf-8")
    doc = _one_document(path)
    assert doc.title == "Peru to Undermine Shining Path Finances by Attacking Drug Trade"
    assert doc.source is not None and doc.source.name == "InSight Crime"
    assert doc.text.count("Peru to Undermine") == 1
    for debris in (
        "Quantcast",
        "Viewing all articles",
        "Browse latest",
        "SEE ALSO",
        "Trending",
        "• Peru",
    ):
        assert debris not in doc.text
    assert "sustained offensive" in doc.text
    assert doc.language == "en"


def test_html_main_text_without_site_chrome(tmp_path: Path) -> None:
    path = tmp_path / "callao.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = _one_document(path)
    assert doc.title is not None and doc.title.startswith("Decomisan dos toneladas")
    assert doc.published is not None and doc.published.iso() == "2025-03-14"
    assert doc.source is not None and doc.source.name == "Selva Hoy"
    assert doc.language == "es"
    assert "Tres personas fueron detenidas" in doc.text
    for debris in (
        "Inicio",
        "cookies",
        "Noticias relacionadas",
        "fútbol",
        "Dona ahora",
        "derechos",
    ):
        assert debris not in doc.text


def test_html_in_latin1_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "latin1.html"
    path.write_bytes(HTML_PAGE.encode("latin-1", errors="replace"))
    doc = _one_document(path)
    assert "clorhidrato de cocaína" in doc.text


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "informe.pdf"
    path.write_bytes(make_pdf(
        ["Monitoring report: coca in the Upper Huallaga", "",
         "Published: March 3, 2024",
         "Eradication teams removed coca plots in Tocache and Uchiza during 2023."],
        title="Coca monitoring, Upper Huallaga",
    ))  # fmt: skip
    doc = _one_document(path)
    assert doc.title == "Coca monitoring, Upper Huallaga"
    assert doc.published is not None and doc.published.iso() == "2024-03-03"
    assert "Tocache and Uchiza" in doc.text
    assert doc.media_type == "application/pdf"


def test_rss_items_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    docs = list(read_path(path))
    assert [type(d) for d in docs] == [Document, Document]
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Destroyed airstrip rebuilt in Puerto Inca"
    assert first.published is not None and first.published.iso() == "2025-02-04"
    assert first.source is not None and first.source.name == "Monitor Amazónico (demo)"
    assert "<p>" not in first.text and "rebuilt within six weeks" in first.text
    assert second.language == "es"
    assert first.path.endswith("#item1") and second.path.endswith("#item2")


def test_csv_observations_with_comment_and_spanish_headers(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        "# demo data\ntipo,fecha,latitud,longitud,valor,confianza\n"
        "airstrip_destroyed,2024-05-02,-12.41,-73.88,,0.9\n"
        "coca_field_eradicated,2024-06-10,-8.8,-76.2,12.5,0.8\n",
        encoding="utf-8",
    )
    records = list(read_path(path))
    assert all(isinstance(r, Observation) for r in records)
    assert [r.kind for r in records if isinstance(r, Observation)] == [
        "airstrip_destroyed", "coca_field_eradicated"]  # fmt: skip
    second = records[1]
    assert isinstance(second, Observation)
    assert second.value == 12.5 and second.point is not None and second.point.lat == -8.8
    assert second.where == "row 4"


def test_geojson_points_and_polygons(tmp_path: Path) -> None:
    path = tmp_path / "a.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","id":"s1","geometry":{"type":"Point","coordinates":[-73.9,-12.4]},'
        '"properties":{"kind":"airstrip_detected","date":"2025-01-02","length_m":900}},'
        '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[-70,-13],[-69.9,-13],'
        '[-69.9,-12.9],[-70,-12.9],[-70,-13]]]},"properties":{"kind":"mining_scar"}}]}',
        encoding="utf-8",
    )
    records = list(read_path(path))
    assert len(records) == 2 and all(isinstance(r, Observation) for r in records)
    strip, scar = records
    assert isinstance(strip, Observation) and isinstance(scar, Observation)
    assert strip.point is not None and (strip.point.lat, strip.point.lon) == (-12.4, -73.9)
    assert strip.external_id == "s1" and ("length_m", "900") in strip.properties
    assert scar.geometry is not None and scar.point is not None
    assert -13 <= scar.point.lat <= -12.9


def test_problem_is_one_line_naming_file_and_place(tmp_path: Path) -> None:
    path = tmp_path / "vraem.csv"
    path.write_text("kind,lat,lon\nairstrip,95.2,-73.9\n", encoding="utf-8")
    (problem,) = list(read_path(path))
    assert isinstance(problem, Problem)
    assert str(problem) == f"{path}: row 2: latitude 95.2 outside [-90, 90]; check lat/lon order"
