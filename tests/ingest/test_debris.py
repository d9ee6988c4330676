"""Blocks that news sites wrap around an article are removed, the block only, in every format.

"Read next", "related stories", "today in ...", "previous / next article", "Trending
Articles" and bare lists of other stories' headlines carry facts, places and actors from
other stories. Every snippet here is invented for these tests (demo text); the headlines of
the "other stories" are invented too.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from pukara.ingest import clean_plain_text, read_path
from pukara.model import Document
from tests.ingest.minipdf import make_pdf

ARTICLE_EN = [
    "Navy destroys dredges on the Nanay river",
    "",
    "The Peruvian navy destroyed twelve dredges used for illegal gold mining on the Nanay "
    "river in Loreto during a three-day operation, officials said on Tuesday.",
    "",
    "Prosecutors said the dredges had been working for months near communities that draw "
    "their drinking water from the river.",
]
OTHER = [  # headlines of other stories (invented)
    "Colombian dissidents recruit teenagers along the Caquetá",
    "Bolivia opens a new radar station near the Brazilian border",
    "Ecuador seizes four tonnes of cocaine in Guayaquil port",
]


def _clean(lines: list[str]) -> str:
    return clean_plain_text("\n".join(lines)).text


@pytest.mark.parametrize(
    "heading",
    [
        "Read next",
        "Related stories",
        "Related Articles",
        "More stories from Andean Wire",
        "Trending Articles",
        "Trending now",
        "Most read",
        "You may also like",
        "Today in Latin America",
        "Noticias relacionadas",
        "Te puede interesar",
        "Lo más leído",
        "Más noticias",
        "Hoy en Perú",
    ],
)
def test_a_headed_block_of_other_headlines_is_removed_after_the_article(heading: str) -> None:
    text = _clean([*ARTICLE_EN, "", heading, *OTHER])
    assert "twelve dredges" in text and "drinking water" in text
    assert heading not in text
    for other in OTHER:
        assert other not in text


def test_a_trending_block_at_the_top_does_not_cut_the_article() -> None:
    text = _clean(["Trending Articles", *OTHER, "", *ARTICLE_EN])
    assert "Trending" not in text
    for other in OTHER:
        assert other not in text
    assert "twelve dredges" in text and "drinking water" in text
    assert clean_plain_text("\n".join(["Trending Articles", *OTHER, "", *ARTICLE_EN])).title == (
        "Navy destroys dredges on the Nanay river"
    )


def test_a_related_block_in_the_middle_keeps_both_halves() -> None:
    lines = [*ARTICLE_EN[:3], "", "Read also", *OTHER[:2], "", *ARTICLE_EN[4:]]
    text = _clean(lines)
    assert "twelve dredges" in text and "drinking water" in text
    assert OTHER[0] not in text and OTHER[1] not in text


def test_previous_and_next_article_take_one_headline_each() -> None:
    text = _clean([*ARTICLE_EN, "", "Previous article", OTHER[0], "Next article", OTHER[1]])
    assert "drinking water" in text
    assert OTHER[0] not in text and OTHER[1] not in text and "article" not in text.lower()[-40:]


def test_spanish_previous_next_and_inline_read_also() -> None:
    lines = [
        "Marina destruye dragas en el río Nanay",
        "",
        "Lee también: Disidencias colombianas reclutan adolescentes en el Caquetá",
        "La Marina de Guerra destruyó doce dragas de minería ilegal en el río Nanay, en "
        "Loreto, durante un operativo de tres días, informaron las autoridades.",
        "",
        "« Artículo anterior",
        "Bolivia abre una nueva estación de radar cerca de la frontera con Brasil",
        "Siguiente artículo »",
        "Ecuador incauta cuatro toneladas de cocaína en el puerto de Guayaquil",
    ]
    text = _clean(lines)
    assert "doce dragas" in text
    for gone in ("Caquetá", "Bolivia", "Ecuador", "anterior", "Siguiente"):
        assert gone not in text


def test_a_bare_list_of_other_headlines_at_the_end_is_removed() -> None:
    text = _clean([*ARTICLE_EN, "", *OTHER])
    assert "drinking water" in text
    for other in OTHER:
        assert other not in text


def test_a_bare_list_of_other_headlines_above_the_title_is_removed() -> None:
    clean = clean_plain_text("\n".join([*OTHER, "", *ARTICLE_EN]))
    assert clean.title == "Navy destroys dredges on the Nanay river"
    for other in OTHER:
        assert other not in clean.text


def test_subheadings_and_lists_inside_the_article_are_kept() -> None:
    lines = [
        *ARTICLE_EN,
        "",
        "What the operation found",
        "",
        "Officers found fuel, mercury and two boats at the site, the navy said in a statement.",
        "",
        "- 12 dredges destroyed",
        "- 3,000 litres of fuel seized",
        "- 40 kilograms of mercury seized",
        "",
        "The operation will continue next month along the Nanay and Itaya rivers, officials said.",
    ]
    text = _clean(lines)
    for kept in ("What the operation found", "12 dredges destroyed", "40 kilograms", "Itaya"):
        assert kept in text


def test_a_metadata_word_at_the_top_does_not_cut_the_article() -> None:
    text = _clean([*ARTICLE_EN[:3], "", "Category", "Mining", "", "Tags", "mining, Loreto", "",
                   ARTICLE_EN[4]])  # fmt: skip
    assert "twelve dredges" in text and "drinking water" in text


def test_breadcrumbs_are_neither_title_nor_text() -> None:
    for crumbs in ("News > Latin America > Peru", "Inicio » Noticias » Perú", "Home / World"):
        clean = clean_plain_text("\n".join([crumbs, *ARTICLE_EN]))
        assert clean.title == "Navy destroys dredges on the Nanay river", crumbs
        assert crumbs not in clean.text


def _page(article_html: str, after: str) -> str:
    return (
        "<html><head><title>Navy destroys dredges</title></head><body><article>"
        f"{article_html}</article>{after}</body></html>"
    )


ARTICLE_HTML = "".join(
    f"<h1>{html.escape(ARTICLE_EN[0])}</h1>" if i == 0 else f"<p>{html.escape(line)}</p>"
    for i, line in enumerate(ARTICLE_EN)
    if line
)


def test_html_related_and_trending_blocks_are_removed(tmp_path: Path) -> None:
    block = "<h3>Trending Articles</h3>" + "".join(f"<p>{h}</p>" for h in OTHER)
    page = _page(ARTICLE_HTML.replace("</h1>", "</h1>" + block, 1), "")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert "twelve dredges" in doc.text and "drinking water" in doc.text
    for other in OTHER:
        assert other not in doc.text


def test_pdf_related_block_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    lines = [line for line in ARTICLE_EN if line] + ["Related stories", *OTHER]
    path.write_bytes(make_pdf(lines))
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert "drinking water" in doc.text
    for other in OTHER:
        assert other not in doc.text


def test_feed_item_read_next_block_is_removed(tmp_path: Path) -> None:
    body = ARTICLE_HTML + "<h4>Read next</h4><ul>" + "".join(f"<li>{h}</li>" for h in OTHER)
    body += "</ul>"
    feed = (
        "<rss><channel><title>Demo Wire</title><item><title>Navy destroys dredges</title>"
        f"<description>{html.escape(body)}</description></item></channel></rss>"
    )
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document)
    assert "drinking water" in doc.text
    for other in OTHER:
        assert other not in doc.text
