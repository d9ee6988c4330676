"""Windows compare by overlap in the store: a figure's period (a range too) or, without one,
its document's publication; an event by its own date. Invented demo text."""

from __future__ import annotations

import pytest

from pukara.model import Document, Event, Extraction, Fact, Filters, FuzzyDate, Span
from pukara.store import SQLStore

TEXT = "Demo: monitors counted coca fields and a seizure. " + "filler words " * 20


def _add(store: SQLStore, periods: list[str | None], dates: list[str]) -> None:
    doc = Document(TEXT, "w.txt", published=FuzzyDate.parse("2021-02-01"))
    span = Span(0, 10)
    facts = tuple(Fact("coca_cultivation_area", float(i + 1), "ha", span, "x", str(i),
                       period=p, activity="coca") for i, p in enumerate(periods))  # fmt: skip
    events = tuple(Event("seizure", Span(i, i + 5), "x", FuzzyDate.parse(d), activity="coca")
                   for i, d in enumerate(dates))  # fmt: skip
    store.add_document(doc, Extraction(doc, facts=facts, events=events))


@pytest.mark.parametrize(
    ("since", "until", "values"),
    [("2020", None, [1.0, 3.0]), ("2017", "2017", [2.0]), (None, "2016", [])],
)
def test_fact_periods_may_be_ranges(
    store: SQLStore, since: str | None, until: str | None, values: list[float]
) -> None:
    _add(store, ["2018/2020", "2017", None], [])  # None: the document's 2021 publication
    facts, _ = store.view().facts(Filters(since=since, until=until), order="stored")
    assert sorted(f.value for f in facts) == values


def test_event_dates_compare_by_overlap(store: SQLStore) -> None:
    dates = ["2019-12", "2020", "2020-05", "2020-05-03", "2021-01-01"]
    _add(store, [], dates)
    rows = store.view().event_rows("2020-05", "2020-05")
    assert sorted(r.date or "" for r in rows) == ["2020", "2020-05", "2020-05-03"]
