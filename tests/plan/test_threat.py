"""Threat from the analysis: the convergence hotspot scores of a sector's departments.

The store's documents are invented demo text."""

from __future__ import annotations

import pytest

from pukara.analyse.hotspots import convergence_hotspots
from pukara.model import (
    Document,
    Extraction,
    Fact,
    FuzzyDate,
    Place,
    PlaceKind,
    Point,
    Source,
    Span,
)
from pukara.plan import fill_threat_from_hotspots, fill_threat_from_scores, threat_origins
from pukara.store import AddStatus
from pukara.store import SQLStore as SQLiteStore

from .tiny import group, model, sector

MDD = Place("pe:17", "Madre de Dios", PlaceKind.REGION, "PE", Point(-11.96, -70.56),
            admin1="Madre de Dios", admin1_id="pe:17")  # fmt: skip
CUSCO = Place("pe:08", "Cusco", PlaceKind.REGION, "PE", Point(-13.17, -72.18),
              admin1="Cusco", admin1_id="pe:08")  # fmt: skip
OUTLET = Source("Demo outlet", reliability="C", credibility=3)


def _add_fact(store: SQLiteStore, i: int, activity: str, place: str, indicator: str) -> None:
    sentence = f"Monitors counted {100 + i} hectares of {activity} at {place} in 2024."
    text = f"Demo report {i}. {sentence} " + " ".join(f"tag{i}x{j}" for j in range(12))
    doc = Document(text=text, path=f"d{i}.txt", title=f"Report {i}",
                   published=FuzzyDate.parse("2024-12-01"), language="en")  # fmt: skip
    start = text.index(sentence)
    fact = Fact(indicator, 100.0 + i, "ha", Span(start, start + len(sentence)), sentence,
                str(100 + i), period="2024", place_id=place, activity=activity)  # fmt: skip
    ex = Extraction(document=doc, places=(MDD, CUSCO), facts=(fact,))
    assert store.add_document(doc, ex, OUTLET).status is AddStatus.NEW


@pytest.fixture
def kb(store: SQLiteStore) -> SQLiteStore:
    _add_fact(store, 1, "coca", "pe:17", "coca_cultivation_area")
    _add_fact(store, 2, "gold_mining", "pe:17", "illegal_mining_area")
    _add_fact(store, 3, "coca", "pe:08", "coca_cultivation_area")
    yield store
    store.close()


def _with_places(sid: str, places: tuple[str, ...], threat: float | None) -> object:
    s = sector(sid, 0)
    return s.__class__(s.id, s.name, s.lat, s.lon, threat, s.access, places=places)


def test_scores_fill_threat_by_the_highest_department() -> None:
    m = model(
        [_with_places("mdd", ("zone:la-pampa", "pe:17"), None),
         _with_places("both", ("pe:17", "pe:08"), 1.0),
         _with_places("none", ("pe:25",), 7.0),
         _with_places("kept", ("border:pe-co",), 4.0)],
        [group("bat", 1)],
    )  # fmt: skip
    scores = {"pe:17": 2.5, "pe:08": 1.0}
    filled = fill_threat_from_scores(m, scores)
    assert [s.threat for s in filled.sectors] == [2.5, 2.5, 0.0, 4.0]
    assert m.sectors[0].threat is None  # the input is not changed
    origins = [str(o) for o in threat_origins(m, scores)]
    assert origins == [
        "mdd: 2.5 from pe:17 (of pe:17 2.5)",
        "both: 2.5 from pe:17 (of pe:17 2.5, pe:08 1)",
        "none: 0 from pe:25 (of pe:25 0)",
        "kept: 4.0 (from the model file)",
    ]


def test_store_hotspots_fill_threat(kb: SQLiteStore) -> None:
    scores = {h.unit_id: h.score for h in convergence_hotspots(kb, "admin1")}
    assert scores["pe:17"] > scores["pe:08"] > 0  # two economies beat one
    m = model([_with_places("mdd", ("pe:17",), None), _with_places("cusco", ("pe:08",), None)],
              [group("bat", 1)])  # fmt: skip
    filled = fill_threat_from_hotspots(m, kb)
    assert [s.threat for s in filled.sectors] == [scores["pe:17"], scores["pe:08"]]
    assert "hotspot" in filled.note
