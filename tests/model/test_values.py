from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pukara.model import TLP, DatePrecision, Document, FuzzyDate, Marking, Point, Source, Span
from pukara.model.dates import find_dates, parse_date_text


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(list(DatePrecision)),
)
def test_fuzzy_date_round_trips(day: dt.date, precision: DatePrecision) -> None:
    date = FuzzyDate.parse(FuzzyDate(day, precision).iso())
    assert date.iso() == FuzzyDate(day, precision).iso()
    assert date.precision is precision


@given(st.text(max_size=40))
def test_fuzzy_date_parse_only_raises_value_error(raw: str) -> None:
    with contextlib.suppress(ValueError):
        FuzzyDate.parse(raw)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("November 20, 2024", "2024-11-20"),
        ("Jan. 4, 2014", "2014-01-04"),
        ("20 de noviembre de 2024", "2024-11-20"),
        ("publicado el 3 de setiembre del 2023", "2023-09-03"),
        ("en febrero de 2012", "2012-02"),
        ("2024-03-02T10:00:00Z", "2024-03-02"),
        ("12/03/2023", "2023-03-12"),
        ("2019", "2019"),
    ],
)
def test_dates_in_english_and_spanish(text: str, iso: str) -> None:
    date = parse_date_text(text)
    assert date is not None
    assert date.iso() == iso


def test_unknown_or_impossible_dates_give_none() -> None:
    assert parse_date_text("sometime last year") is None
    assert parse_date_text("February 30, 2024") is None
    assert find_dates("31/02/2024") == []


@given(st.text(max_size=200))
def test_find_dates_never_raises(text: str) -> None:
    for start, end, date in find_dates(text):
        assert 0 <= start < end <= len(text)
        assert isinstance(date, FuzzyDate)


def test_point_rejects_out_of_range_coordinates() -> None:
    with pytest.raises(ValueError, match=r"latitude 95\.2 outside"):
        Point(95.2, -73.9)
    with pytest.raises(ValueError, match="longitude"):
        Point(-12.0, 200.0)


@given(st.sampled_from(list(TLP)), st.lists(st.sampled_from(["PE", "CO", "BR", "US"]), unique=True))
def test_marking_label_round_trips(tlp: TLP, rel: list[str]) -> None:
    mark = Marking(tlp, tuple(rel))
    assert Marking.parse(mark.label()) == mark


def test_tlp_order_and_admiralty_grades() -> None:
    assert TLP.RED.rank > TLP.AMBER_STRICT.rank > TLP.AMBER.rank > TLP.GREEN.rank > TLP.CLEAR.rank
    assert Source("Diálogo", reliability="B", credibility=2).grade == "B2"
    with pytest.raises(ValueError, match="reliability"):
        Source("x", reliability="G")
    with pytest.raises(ValueError, match="credibility"):
        Source("x", credibility=7)


def test_document_hash_ignores_whitespace_only_differences() -> None:
    a = Document(text="Coca en el VRAEM.\n\nSegundo  párrafo.", path="a.txt")
    b = Document(text="Coca en el VRAEM. Segundo párrafo.", path="b.txt")
    c = Document(text="Coca en el Huallaga. Segundo párrafo.", path="c.txt")
    assert a.id == b.id
    assert a.id != c.id
    assert Span(3, 7).of("the VRAEM") == " VRA"
