"""Highlighting evidence in a document: exact spans, escaped text, well-nested markup."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from pukara.analyse.documents import Link
from pukara.share.highlight import highlight


def _text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_selected_span_is_marked_exactly() -> None:
    text = "Intro. Police seized 2 t of cocaine in Loreto. Outro."
    start, end = 7, 46
    html = str(highlight(text, [(start, end)], (start, end)))
    marked = re.search(r'<mark id="evidence" class="evidence">(.*?)</mark>', html)
    assert marked is not None and _text_of(marked.group(1)) == text[start:end]
    assert html.count('id="evidence"') == 1


def test_text_is_escaped_and_markup_is_ours() -> None:
    text = 'A <script>alert("x")</script> & <b>bold</b> claim.'
    html = str(highlight(text, [(0, len(text))], (2, 30)))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert _text_of(html) == text


def test_links_nest_inside_sentences() -> None:
    text = "Troops reached Iquitos today. Then Lima."
    links = [Link(15, 22, "/places/gn:1", "place: Iquitos"), Link(35, 39, "/places/pe:15", "x")]
    html = str(highlight(text, [(0, 29)], None, links))
    assert '<span class="claim">Troops reached <a class="mention" href="/places/gn:1"' in html
    assert html.index("</a>") < html.index("</span>")
    assert _text_of(html) == text


def test_spans_outside_the_text_are_clamped() -> None:
    assert _text_of(str(highlight("short", [(-5, 3), (2, 99)], (4, 400)))) == "short"


@st.composite
def _case(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], tuple[int, int] | None, list[Link]]:
    text = draw(st.text(max_size=60))
    n = len(text) + 3
    pair = st.tuples(st.integers(-2, n), st.integers(-2, n))
    spans = draw(st.lists(pair, max_size=5))
    selected = draw(st.none() | pair)
    starts = sorted(draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=4, unique=True)))
    links = [Link(s, min(s + 2, len(text)), "/x", "t") for s in starts]
    links = [x for i, x in enumerate(links) if i == 0 or x.start >= links[i - 1].end]
    return text, spans, selected, links


@given(_case())
def test_highlight_keeps_the_text_and_nests(case: tuple) -> None:
    text, spans, selected, links = case
    html = str(highlight(text, spans, selected, links))
    assert _text_of(html) == text
    stack: list[str] = []
    for closing, name in re.findall(r"<(/?)(mark|span|a)\b", html):
        if closing:
            assert stack and stack.pop() == name
        else:
            stack.append(name)
    assert not stack
