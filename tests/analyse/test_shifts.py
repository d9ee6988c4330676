"""Shift detection on constructed stores where the right answer is known.

Every document is invented demo text (random words); places are real departments and zones.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pukara.analyse.shifts import (
    QuantityChange,
    benjamini_hochberg,
    detect_shifts,
    fisher_exact,
    method_text,
    rolling_shifts,
)
from pukara.errors import PukaraError
from pukara.model import (
    Document,
    Event,
    Extraction,
    Fact,
    FuzzyDate,
    Place,
    PlaceKind,
    Source,
    Span,
)
from pukara.store import AddStatus, SQLiteStore

WIRE = Source("Andean Wire", reliability="B", credibility=2)
LEDGER = Source("Pacific Ledger", reliability="C", credibility=3)


def _region(pid: str, name: str) -> Place:
    return Place(pid, name, PlaceKind.REGION, "PE", None, name, None, "country:PE", admin1_id=pid)


PLACES = (
    Place("country:PE", "Perú", PlaceKind.COUNTRY, "PE", None),
    _region("pe:05", "Ayacucho"),
    Place("pe:0504", "Huanta", PlaceKind.PROVINCE, "PE", None, "Ayacucho", None, "pe:05",
          admin1_id="pe:05"),
    Place("zone:vraem", "VRAEM", PlaceKind.ZONE, "PE", None, "Ayacucho", admin1_id="pe:05"),
    _region("pe:08", "Cusco"),
    _region("pe:12", "Junín"),
    _region("pe:16", "Loreto"),
    _region("pe:22", "San Martín"),
    _region("pe:15", "Lima"),
    Place("co:86", "Putumayo", PlaceKind.REGION, "CO", None, "Putumayo", admin1_id="co:86"),
)  # fmt: skip
DEPARTMENTS = ("pe:05", "pe:08", "pe:12", "pe:16", "pe:22", "pe:15")

_serial = itertools.count()


def _text() -> str:
    """Invented demo text: random words, so that no two documents look like copies."""
    rng = random.Random(next(_serial))
    words = " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(40))
    return f"Invented demo report. {words}."


def _event(place: str, date: str, effort: bool = True, kind: str = "eradication",
           announced: bool = False) -> Event:  # fmt: skip
    sentence = f"Demo: {kind} reported at {place} on {date}."
    return Event(kind, Span(0, len(sentence)), sentence, FuzzyDate.parse(date), place,
                 announced=announced, activity="coca", effort=effort)  # fmt: skip


def _fact(place: str, period: str, value: float, effort: bool = True) -> Fact:
    indicator = "coca_eradication_area" if effort else "coca_cultivation_area"
    sentence = f"Demo: {value:,.0f} hectares at {place} in {period}."
    return Fact(indicator, value, "ha", Span(0, len(sentence)), sentence, f"{value} ha",
                period=period, place_id=place, activity="coca", effort=effort)  # fmt: skip


def _add(store: SQLiteStore, events: Iterable[Event] = (), facts: Iterable[Fact] = (),
         source: Source = WIRE, text: str | None = None) -> str:  # fmt: skip
    doc = Document(text=text or _text(), path=f"demo/{next(_serial)}.txt",
                   published=FuzzyDate.parse("2025-01-01"), source=source)  # fmt: skip
    ex = Extraction(doc, places=PLACES, events=tuple(events), facts=tuple(facts))
    return store.add_document(doc, ex, source).doc_id


def _plant(store: SQLiteStore, counts: dict[str, int], years: Iterable[int],
           effort: bool = True) -> None:  # fmt: skip
    """``counts[place]`` events spread over ``years``, one document each."""
    years = list(years)
    for place, n in counts.items():
        for i in range(n):
            _add(store, [_event(place, f"{years[i % len(years)]}-0{1 + i % 9}-1{i % 10}", effort)])


def _planted_shift(store: SQLiteStore, before: Iterable[int], after: Iterable[int]) -> None:
    """Effort moves from Ayacucho (mostly the VRAEM) to Loreto; the rest stays put; activity
    (effort = 0) is spread alike in both periods."""
    before, after = list(before), list(after)
    steady = {"pe:08": 20, "pe:12": 20, "pe:22": 12}
    _plant(store, {"zone:vraem": 30, "pe:0504": 10, "pe:16": 8, **steady}, before)
    _plant(store, {"zone:vraem": 5, "pe:0504": 10, "pe:16": 40, **steady}, after)
    for years in (before, after):
        _plant(store, {"pe:05": 10, "pe:16": 10, "pe:15": 10}, years, effort=False)


# -- statistics -------------------------------------------------------------------------------


def test_fisher_exact_matches_hand_computed_values() -> None:
    # [[1, 9], [11, 3]]: margins 10 / 12 of 24; P(x) = C(12, x) C(12, 10 - x) / C(24, 10).
    # Tables at least as unlikely as x = 1: x in {0, 1, 9, 10}, (66 + 2640) * 2 / 1961256.
    assert fisher_exact(1, 9, 11, 3) == pytest.approx(5412 / 1961256, rel=1e-9)
    # Fisher's tea tasting, [[3, 1], [1, 3]]: (1 + 16 + 16 + 1) / C(8, 4) = 34 / 70.
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70, rel=1e-9)
    assert fisher_exact(5, 5, 5, 5) == pytest.approx(1.0)
    assert fisher_exact(0, 0, 4, 7) == 1.0  # one empty row: nothing to compare
    with pytest.raises(ValueError, match="negative"):
        fisher_exact(-1, 2, 3, 4)


def _fisher_brute(a: int, b: int, c: int, d: int) -> float:
    row, col, n = a + b, a + c, a + b + c + d
    probs = {
        x: Fraction(math.comb(col, x) * math.comb(n - col, row - x), math.comb(n, row))
        for x in range(max(0, row + col - n), min(row, col) + 1)
    }
    return float(sum(p for p in probs.values() if p <= probs[a]))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 25), st.integers(0, 25), st.integers(0, 25), st.integers(0, 25))
def test_fisher_exact_equals_full_enumeration(a: int, b: int, c: int, d: int) -> None:
    assert fisher_exact(a, b, c, d) == pytest.approx(_fisher_brute(a, b, c, d), rel=1e-6, abs=1e-12)


def test_fisher_exact_stays_exact_and_fast_for_large_counts() -> None:
    # a 1-point change of share on 100,000 records each side is real; no change is not
    assert fisher_exact(10_000, 90_000, 11_000, 89_000) < 1e-10
    assert fisher_exact(10_000, 90_000, 10_000, 90_000) == pytest.approx(1.0)
    assert 0.0 <= fisher_exact(40_000, 60_000, 10, 99_990) < 1e-300


def test_benjamini_hochberg_by_hand() -> None:
    # sorted 0.01, 0.03, 0.04, 0.2 -> 0.04, 0.06, 0.0533, 0.2; step-up minimum from the top
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.2])
    assert q == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])
    assert benjamini_hochberg([]) == []


# -- shifts -----------------------------------------------------------------------------------


def test_a_planted_shift_of_effort_from_ayacucho_to_loreto_is_found_and_named(
    store: SQLiteStore,
) -> None:
    _planted_shift(store, range(2010, 2015), range(2020, 2025))
    report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"))
    [shift] = report.shifts
    assert shift.kind == "effort"
    assert [r.region_id for r in shift.from_regions] == ["pe:05"]
    assert [r.region_id for r in shift.to_regions] == ["pe:16"]
    # 40 of 100 -> 15 of 107; 8 of 100 -> 40 of 107
    assert shift.statement == (
        "effort shifted from Ayacucho (VRAEM) to Loreto: share 40% -> 14% / 8.0% -> 37%"
    )
    ayacucho, loreto = shift.from_regions[0], shift.to_regions[0]
    assert (ayacucho.before, ayacucho.after, loreto.before, loreto.after) == (40, 15, 8, 40)
    assert ayacucho.q_value < 0.05 and ayacucho.p_value <= ayacucho.q_value
    assert ayacucho.share_before == pytest.approx(0.40) and loreto.change > 0.25
    assert len(loreto.evidence) == 3
    assert all(
        e.when and e.when >= "2020" and "Demo: eradication" in e.text for e in loreto.evidence
    )
    assert all(e.when and e.when < "2015" for e in ayacucho.evidence)
    vraem = next(r for r in report.falls if r.region_id == "zone:vraem")
    assert vraem.scope == "zone" and vraem.name == "VRAEM" and vraem.parent_id == "pe:05"
    steady = [r for r in report.regions if r.region_id in {"pe:08", "pe:12", "pe:22"}]
    assert steady and not any(r.significant for r in steady)
    assert not any(r.significant for r in report.regions if r.kind == "activity")
    assert {(t.kind, t.before, t.after) for t in report.totals} == {
        ("effort", 100, 107),
        ("activity", 30, 30),
    }


def test_effort_figures_are_summed_without_counting_a_figure_twice(store: SQLiteStore) -> None:
    _planted_shift(store, range(2010, 2015), range(2020, 2025))
    _add(store, facts=[_fact("pe:05", "2012", 1000), _fact("pe:0504", "2012", 500)])
    _add(store, facts=[_fact("pe:05", "2012", 900)], source=LEDGER)  # same place and year
    _add(store, facts=[_fact("pe:05", "2021", 200), _fact("pe:05", "2014-11", 50)])
    report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"), kind="effort")
    ayacucho = next(r for r in report.regions if r.region_id == "pe:05")
    assert ayacucho.quantities == (QuantityChange("coca_eradication_area", "ha", 1550, 200),)
    assert (ayacucho.before - ayacucho.events_before, ayacucho.after - ayacucho.events_after) == (
        4,
        1,
    )


def test_random_noise_without_a_shift_finds_nothing(store: SQLiteStore) -> None:
    rng = random.Random(20240611)
    weights = [30, 20, 20, 15, 10, 5]
    for years in (range(2010, 2015), range(2020, 2025)):
        for place in rng.choices(DEPARTMENTS, weights, k=300):
            _add(store, [_event(place, f"{rng.choice(years)}-0{rng.randint(1, 9)}-15")])
    report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"), kind="effort")
    assert len(report.regions) == len(DEPARTMENTS)
    assert report.shifts == () and report.rises == () and report.falls == ()
    assert sum(r.before for r in report.regions) == 300


def test_duplicates_announcements_copies_and_foreign_places_are_not_counted(
    store: SQLiteStore,
) -> None:
    twice = [_event("pe:16", "2012-03-01"), _event("pe:16", "2012-03-02")]  # one doc, same type
    text = _text()
    original = _add(store, [*twice, _event("pe:16", "2012-03-01", kind="seizure")], text=text)
    copy = Document(text="EXCLUSIVE | " + text, path="copy.txt", source=LEDGER)
    added = store.add_document(copy, Extraction(copy, places=PLACES, events=tuple(twice)))
    assert added.status is AddStatus.NEAR_DUPLICATE and added.original_id == original
    _add(store, [_event("pe:16", "2013-05-05", announced=True)])
    _add(store, [_event("co:86", "2013-05-05"), _event("country:PE", "2012-01-01")])
    _add(store, [_event("pe:16", "2021-05-05"), _event("pe:05", "2022-05-05")])
    report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"), kind="effort")
    loreto = next(r for r in report.regions if r.region_id == "pe:16")
    assert (loreto.before, loreto.after) == (2, 1)  # eradication once + seizure; then one
    [total] = report.totals
    assert (total.before, total.after, total.unassigned_before) == (2, 2, 1)


def test_period_bounds_are_inclusive_and_respect_precision(store: SQLiteStore) -> None:
    _add(store, [_event("pe:16", "2014")], [_fact("pe:16", "2013/2015", 5)])
    _add(store, [_event("pe:16", "2014-06-30")], [_fact("pe:16", "2012/2014", 5)])
    _add(store, [_event("pe:05", "2020-01-01")])

    def loreto_before(before: tuple[str, str]) -> int:
        report = detect_shifts(store, before, ("2020", "2024"), kind="effort")
        return sum(r.before for r in report.regions if r.region_id == "pe:16")

    assert loreto_before(("2010", "2014")) == 3  # both events and the 2012/2014 figure
    assert loreto_before(("2010-01-01", "2014-12-31")) == 3
    assert loreto_before(("2010", "2014-06-30")) == 1  # "2014" and 2012/2014 run past June
    assert loreto_before(("2012", "2015")) == 4
    assert loreto_before(("2013", "2015")) == 3  # 2012/2014 starts too early
    assert loreto_before(("2014-07", "2015")) == 0  # no record lies wholly inside


def test_level_place_reports_the_vraem_under_its_own_name(store: SQLiteStore) -> None:
    _planted_shift(store, range(2010, 2015), range(2020, 2025))
    report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"), level="place", kind="effort")
    assert {r.scope for r in report.regions} == {"place"}
    vraem = next(r for r in report.regions if r.region_id == "zone:vraem")
    assert vraem.name == "VRAEM" and vraem.significant and vraem.direction == "fall"
    [shift] = report.shifts
    assert shift.statement.startswith("effort shifted from VRAEM to Loreto")


def test_rolling_windows_find_the_shift_where_it_happens(store: SQLiteStore) -> None:
    _planted_shift(store, range(2015, 2018), range(2018, 2021))
    reports = rolling_shifts(store, window_years=3, start=2012, end=2020)
    assert [(r.before, r.after) for r in reports] == [
        (("2012", "2014"), ("2015", "2017")),
        (("2015", "2017"), ("2018", "2020")),
    ]
    assert reports[0].shifts == ()
    [shift] = reports[1].shifts
    assert shift.statement.startswith("effort shifted from Ayacucho (VRAEM) to Loreto")
    direct = detect_shifts(store, ("2015", "2017"), ("2018", "2020"))
    assert [(r.region_id, r.kind, r.before, r.after, r.p_value) for r in reports[1].regions] == [
        (r.region_id, r.kind, r.before, r.after, r.p_value) for r in direct.regions
    ]
    assert reports[1].regions[0].evidence == ()  # rolling skips evidence unless asked
    sliding = rolling_shifts(store, window_years=2, step_years=1)
    assert [r.before[0] for r in sliding] == ["2015", "2016", "2017"]


def test_an_empty_store_reports_nothing(store: SQLiteStore) -> None:
    report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"))
    assert report.regions == () and report.shifts == ()
    assert rolling_shifts(store) == []


def test_bad_arguments_say_what_to_do(store: SQLiteStore) -> None:
    with pytest.raises(PukaraError, match="overlaps"):
        detect_shifts(store, ("2010", "2021"), ("2020", "2024"))
    with pytest.raises(PukaraError, match="not a date"):
        detect_shifts(store, ("2010", "2014-13"), ("2020", "2024"))
    with pytest.raises(PukaraError, match="starts after it ends"):
        detect_shifts(store, ("2014", "2010"), ("2020", "2024"))
    with pytest.raises(PukaraError, match="use both, activity or effort"):
        detect_shifts(store, ("2010", "2014"), ("2020", "2024"), kind="money")
    with pytest.raises(PukaraError, match="use admin1"):
        rolling_shifts(store, level="district")
    with pytest.raises(PukaraError, match="at least 1"):
        rolling_shifts(store, window_years=0)


def test_the_method_says_how_significance_is_judged(tmp_path: Path) -> None:
    text = method_text(alpha=0.01)
    for words in ("Fisher's exact test", "Benjamini-Hochberg", "at most 0.01", "near-duplicate"):
        assert words in text
    with SQLiteStore(tmp_path / "kb.db") as store:
        report = detect_shifts(store, ("2010", "2014"), ("2020", "2024"), level="place")
    assert report.method == method_text("place", 0.05) and "Each place" in report.method
