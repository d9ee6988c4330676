"""The shared filters: validation, and SQL that compares dates by overlap."""

from __future__ import annotations

import pytest

from pukara.errors import InputError
from pukara.model.periods import overlaps
from pukara.web.filters import Filters, filters_from_query


def test_empty_values_mean_no_filter() -> None:
    f = filters_from_query(activity="", actor=" ", indicator=None, type="", since="", until="")
    assert f == Filters() and not f.active and f.query() == ""


@pytest.mark.parametrize(
    ("name", "value"), [("since", "2024-5"), ("until", "tomorrow"), ("activity", "coca' OR 1=1")]
)
def test_bad_values_are_input_errors(name: str, value: str) -> None:
    with pytest.raises(InputError, match=name):
        filters_from_query(**{name: value})


def test_query_string_round_trips() -> None:
    f = Filters(activity="coca", since="2023-05")
    assert f.query() == "activity=coca&since=2023-05"
    assert f.query(since=None, type="seizure") == "activity=coca&type=seizure"


@pytest.mark.parametrize(
    ("since", "until", "kept"),
    [
        ("2020", None, ["2020", "2020-05", "2020-05-03", "2021-01-01"]),
        ("2020-05", "2020-05", ["2020", "2020-05", "2020-05-03"]),
        (None, "2019-12-31", ["2019-12"]),
    ],
)
def test_dates_compare_by_overlap(since: str | None, until: str | None, kept: list[str]) -> None:
    dates = ["2019-12", "2020", "2020-05", "2020-05-03", "2021-01-01"]
    assert [d for d in dates if overlaps(d, since, until)] == kept


def test_indicator_filters_take_their_linked_event_types() -> None:
    f = filters_from_query(indicator="cocaine_seizures")
    assert f.linked_types and "seizure" in f.linked_types
    assert filters_from_query(indicator="cocaine_seizures", type="arrest").event_types() == ()
