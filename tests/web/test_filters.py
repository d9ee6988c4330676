"""The shared filters: validation, and SQL that compares dates by overlap."""

from __future__ import annotations

import sqlite3

import pytest

from pukara.errors import InputError
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
def test_event_dates_compare_by_overlap(
    since: str | None, until: str | None, kept: list[str]
) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE clusters (cluster_id, date, activity, type)")
    dates = ["2019-12", "2020", "2020-05", "2020-05-03", "2021-01-01"]
    db.executemany("INSERT INTO clusters VALUES (?, ?, 'coca', 'seizure')", enumerate(dates))
    where, params = Filters(since=since, until=until).cluster_sql("c")
    rows = db.execute(f"SELECT date FROM clusters c WHERE 1 = 1{where} ORDER BY date", params)
    assert [r[0] for r in rows] == kept


def test_fact_periods_may_be_ranges() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE facts (id, doc_id, period, activity, indicator)")
    db.execute("CREATE TABLE documents (id, published)")
    db.executemany(
        "INSERT INTO facts VALUES (?, 'd', ?, 'coca', 'x')",
        [(1, "2018/2020"), (2, "2017"), (3, None)],
    )
    db.execute("INSERT INTO documents VALUES ('d', '2021-02-01')")
    where, params = Filters(since="2020").fact_sql("f")
    assert [r[0] for r in db.execute(f"SELECT id FROM facts f WHERE 1 = 1{where}", params)] == [
        1,
        3,
    ]
