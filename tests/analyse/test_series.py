"""Indicator series: figures side by side, reconciled by source grade then recency, charts.

All documents here are invented demo text; the 2020 coca figures (61,777 ha by DEVIDA,
88,200 ha by ONDCP) are the disagreement the analysis issue cites.
"""

from __future__ import annotations

import itertools
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pukara.analyse.series import (
    ReportedFigure,
    indicator_series,
    render_series_chart,
    resolve_place,
)
from pukara.errors import PukaraError
from pukara.model import Document, Extraction, Fact, FuzzyDate, Place, PlaceKind, Source, Span
from pukara.store import AddStatus, SQLiteStore

AREA = "coca_cultivation_area"
DEVIDA = Source("DEVIDA", reliability="A", credibility=2)
ONDCP = Source("ONDCP", reliability="C", credibility=3)
PLACES = (
    Place("country:PE", "Perú", PlaceKind.COUNTRY, "PE", None),
    Place("pe:05", "Ayacucho", PlaceKind.REGION, "PE", None, "Ayacucho", None, "country:PE",
          admin1_id="pe:05"),
    Place("pe:0504", "Huanta", PlaceKind.PROVINCE, "PE", None, "Ayacucho", None, "pe:05",
          admin1_id="pe:05"),
    Place("pe:050404", "Llochegua", PlaceKind.DISTRICT, "PE", None, "Ayacucho", None, "pe:0504",
          admin1_id="pe:05"),
    Place("zone:vraem", "VRAEM", PlaceKind.ZONE, "PE", None, "Ayacucho", admin1_id="pe:05"),
    Place("pe:12", "Junín", PlaceKind.REGION, "PE", None, "Junín", None, "country:PE",
          admin1_id="pe:12"),
    Place("pe:16", "Loreto", PlaceKind.REGION, "PE", None, "Loreto", None, "country:PE",
          admin1_id="pe:16"),
    Place("co:86", "Putumayo", PlaceKind.REGION, "CO", None, "Putumayo", admin1_id="co:86"),
)  # fmt: skip

_serial = itertools.count()


def _text(words: int = 60) -> str:
    """Invented demo text: random words, so that no two documents look like copies."""
    rng = random.Random(next(_serial))
    body = " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(words))
    return f"Invented demo report. {body}."


def _fact(value: float, place: str = "country:PE", period: str | None = "2020",
          value_max: float | None = None, indicator: str = AREA) -> Fact:  # fmt: skip
    sentence = f"Coca covered {value:,.0f} hectares in {period}."
    return Fact(indicator, value, "ha", Span(0, len(sentence)), sentence, f"{value:,.0f} ha",
                period=period, place_id=place, value_max=value_max, activity="coca")  # fmt: skip


def _add(store: SQLiteStore, source: Source, published: str, *facts: Fact,
         text: str | None = None) -> str:  # fmt: skip
    doc = Document(text=text or _text(), path=f"demo/{next(_serial)}.txt", title="Demo",
                   published=FuzzyDate.parse(published), source=source)  # fmt: skip
    result = store.add_document(doc, Extraction(doc, places=PLACES, facts=facts), source)
    return result.doc_id


def test_sources_that_disagree_are_flagged_and_the_better_grade_wins(store: SQLiteStore) -> None:
    _add(store, DEVIDA, "2021-05-01", _fact(61_777))
    _add(store, ONDCP, "2021-06-30", _fact(88_200))  # more recent, but a weaker grade
    [point] = indicator_series(store, AREA, "country:PE", include_children=False)
    assert point.conflict
    assert point.value == 61_777
    assert point.rule == "source reliability A over C"
    assert point.sources == ("DEVIDA", "ONDCP")
    assert (point.low, point.high) == (61_777, 88_200)
    best, other = point.figures
    assert (best.source, best.reliability, best.credibility) == ("DEVIDA", "A", 2)
    assert other.published == "2021-06-30" and "88,200 hectares" in other.evidence


def test_equal_grades_prefer_the_most_recent_publication(store: SQLiteStore) -> None:
    first = Source("Andean Wire", reliability="B", credibility=2)
    second = Source("Pacific Ledger", reliability="B", credibility=2)
    _add(store, second, "2022-03-01", _fact(62_500))
    _add(store, first, "2021-05-01", _fact(61_777))
    [point] = indicator_series(store, AREA, "country:PE", include_children=False)
    assert point.value == 62_500
    assert point.rule == "most recent (2022-03-01)"
    assert not point.conflict  # 1.2% apart: within the 10% tolerance
    tight = indicator_series(store, AREA, "country:PE", include_children=False, tolerance=0.01)
    assert tight[0].conflict


def test_credibility_breaks_a_tie_in_reliability(store: SQLiteStore) -> None:
    _add(store, Source("Monitor", reliability="B", credibility=4), "2024-01-01", _fact(70_000))
    _add(store, Source("Observer", reliability="B", credibility=2), "2021-01-01", _fact(61_000))
    [point] = indicator_series(store, AREA, "country:PE", include_children=False)
    assert point.value == 61_000 and point.rule == "source credibility 2 over 4"


def test_a_syndicated_copy_is_not_a_second_source(store: SQLiteStore) -> None:
    text = _text(120)
    original = _add(store, ONDCP, "2021-06-30", _fact(88_200), text=text)
    copy = Document(text="EXCLUSIVE | " + text + " Follow us on social media.", path="copy.html",
                    published=FuzzyDate.parse("2021-07-01"), source=DEVIDA)  # fmt: skip
    added = store.add_document(copy, Extraction(copy, places=PLACES, facts=(_fact(88_200),)))
    assert added.status is AddStatus.NEAR_DUPLICATE and added.original_id == original
    [point] = indicator_series(store, AREA, "country:PE")
    assert len(point.figures) == 1 and point.sources == ("ONDCP",)
    assert point.rule == "single figure" and not point.conflict


def test_a_department_includes_its_provinces_districts_and_zones(store: SQLiteStore) -> None:
    _add(store, DEVIDA, "2021-05-01", _fact(61_777), _fact(20_000, "pe:05"),
         _fact(9_000, "pe:0504"), _fact(3_000, "pe:050404"), _fact(18_000, "zone:vraem"),
         _fact(2_000, "pe:16"), _fact(700, "co:86"))  # fmt: skip
    ayacucho = indicator_series(store, AREA, "pe:05")
    assert {p.place_id for p in ayacucho} == {"pe:05", "pe:0504", "pe:050404", "zone:vraem"}
    assert [p.place_id for p in indicator_series(store, AREA, "pe:05", False)] == ["pe:05"]
    assert {p.place_id for p in indicator_series(store, AREA, "pe:0504")} == {
        "pe:0504",
        "pe:050404",
    }
    peru = {p.place_id for p in indicator_series(store, AREA, "PE")}
    assert peru == {"country:PE", "pe:05", "pe:0504", "pe:050404", "zone:vraem", "pe:16"}
    assert len(indicator_series(store, AREA)) == 7  # no place: everywhere, Colombia too


def test_places_resolve_by_id_code_or_name_without_accents(store: SQLiteStore) -> None:
    _add(store, DEVIDA, "2021-05-01", _fact(1.0))
    assert resolve_place(store, "pe:16") == "pe:16"
    assert resolve_place(store, "junin") == "pe:12"
    assert resolve_place(store, "  LORETO ") == "pe:16"
    assert resolve_place(store, "vraem") == "zone:vraem"
    assert resolve_place(store, "pe") == "country:PE"
    with pytest.raises(PukaraError, match="Atlantis"):
        indicator_series(store, AREA, "Atlantis")


def test_overlapping_ranges_are_not_a_conflict(store: SQLiteStore) -> None:
    _add(store, DEVIDA, "2021-05-01", _fact(60_000, value_max=65_000))
    _add(store, ONDCP, "2021-06-01", _fact(64_000))
    [point] = indicator_series(store, AREA, "country:PE")
    assert not point.conflict
    assert (point.value, point.value_max, point.low, point.high) == (60_000, 65_000, 60_000, 65_000)


def test_points_are_ordered_by_period_and_placed_on_a_year_axis(store: SQLiteStore) -> None:
    _add(store, DEVIDA, "2025-01-01", _fact(3.0, period="2024-11"), _fact(1.0, period="2013"),
         _fact(2.0, period="2020/2022"), _fact(4.0, period=None))  # fmt: skip
    points = indicator_series(store, AREA, "country:PE")
    assert [p.period for p in points] == ["2013", "2020/2022", "2024-11", None]
    assert [p.year for p in points[:3]] == [2013, 2021, pytest.approx(2024 + 10 / 12)]
    assert points[3].year is None


def test_figures_for_the_same_place_and_period_are_grouped_per_unit(store: SQLiteStore) -> None:
    _add(store, DEVIDA, "2021-05-01", _fact(61_777))
    assert indicator_series(store, "opium_poppy_area") == []
    other = ReportedFigure(1, 2.0, None, "ha", None, "F", 6, "x", None, "", None)
    assert other.high == 2.0 and other.grade == "F6"


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_is_a_valid_image(store: SQLiteStore, tmp_path: Path, suffix: str) -> None:
    for year, (devida, ondcp) in enumerate([(61_777, 88_200), (80_681, 84_000)], start=2020):
        _add(store, DEVIDA, f"{year + 1}-05-01", _fact(devida, period=str(year)))
        _add(store, ONDCP, f"{year + 1}-06-01", _fact(ondcp, period=str(year)))
    points = indicator_series(store, AREA, "country:PE")
    out = render_series_chart(points, tmp_path / "charts" / f"coca{suffix}", title="Coca area")
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        root = ET.fromstring(data)  # noqa: S314  (our own output, not untrusted input)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert b"DEVIDA (A2)" in data and b"ONDCP (C3)" in data


def test_chart_refuses_an_unknown_format_and_draws_an_empty_series(tmp_path: Path) -> None:
    with pytest.raises(PukaraError, match=r"\.png or \.svg"):
        render_series_chart([], tmp_path / "chart.jpg")
    assert render_series_chart([], tmp_path / "empty.png").read_bytes()[:4] == b"\x89PNG"
