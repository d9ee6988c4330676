"""Convergence hotspots: where economies and armed actors co-occur, with their evidence.

All texts here are invented demo text.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import h3
import pytest

from pukara.analyse.clusters import refresh_event_clusters
from pukara.analyse.hotspots import (
    METHOD,
    Hotspot,
    convergence_hotspots,
    hotspots_geojson,
)
from pukara.errors import PukaraError
from pukara.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    Extraction,
    Fact,
    FuzzyDate,
    Mention,
    Place,
    PlaceKind,
    Point,
    Source,
    Span,
)
from pukara.store import AddStatus, SQLiteStore

# Two departments: Madre de Dios, where coca, gold mining, logging and an armed group meet,
# and Cusco, with only coca (but more of it).
MDD = Place("pe:17", "Madre de Dios", PlaceKind.REGION, "PE", Point(-11.96, -70.56),
            admin1="Madre de Dios", admin1_id="pe:17")  # fmt: skip
TAMBOPATA = Place("pe:1701", "Tambopata", PlaceKind.PROVINCE, "PE", Point(-12.6, -69.19),
                  admin1="Madre de Dios", parent_id="pe:17", admin1_id="pe:17")  # fmt: skip
INAMBARI = Place("pe:170102", "Inambari", PlaceKind.DISTRICT, "PE", Point(-12.72, -69.73),
                 admin1="Madre de Dios", parent_id="pe:1701", admin1_id="pe:17")  # fmt: skip
LA_PAMPA = Place("zone:la-pampa", "La Pampa", PlaceKind.ZONE, "PE", Point(-12.93, -69.98),
                 admin1="Madre de Dios", admin1_id="pe:17")  # fmt: skip
CUSCO = Place("pe:08", "Cusco", PlaceKind.REGION, "PE", Point(-13.17, -72.18),
              admin1="Cusco", admin1_id="pe:08")  # fmt: skip
LA_CONVENCION = Place("pe:0809", "La Convención", PlaceKind.PROVINCE, "PE", Point(-12.86, -72.69),
                      admin1="Cusco", parent_id="pe:08", admin1_id="pe:08")  # fmt: skip
KIMBIRI = Place("gn:kimbiri", "Kimbiri", PlaceKind.DISTRICT, "PE", Point(-12.62, -73.79),
                admin1="Cusco", parent_id="pe:0809", admin1_id="pe:08")  # fmt: skip
PLACES = (MDD, TAMBOPATA, INAMBARI, LA_PAMPA, CUSCO, LA_CONVENCION, KIMBIRI)
GANG = Actor("los-injertos", "Los Injertos del Cono Norte", ActorKind.CRIMINAL_GROUP, "PE")
ARMY = Actor("peru-army", "Peruvian Army", ActorKind.SECURITY_FORCE, "PE")
OUTLET = Source("Radio Tambopata", reliability="C", credibility=3)

_counter = iter(range(10_000))


def _doc(sentence: str, published: str) -> Document:
    i = next(_counter)
    text = f"Demo report {i}. {sentence} " + " ".join(f"tag{i}x{j}" for j in range(12))
    return Document(text=text, path=f"d{i}.txt", title=f"Report {i}",
                    published=FuzzyDate.parse(published), language="en")  # fmt: skip


def _span(doc: Document, sentence: str) -> Span:
    start = doc.text.index(sentence)
    return Span(start, start + len(sentence))


def add_fact(store: SQLiteStore, activity: str, place: str, period: str | None = "2024",
             value: float = 120.0, indicator: str = "coca_cultivation_area",
             published: str | None = None) -> str:  # fmt: skip
    sentence = f"Monitors counted {value} hectares of {activity} at {place} in {period}."
    doc = _doc(sentence, published or f"{(period or '2024')[-4:]}-12-01")
    fact = Fact(indicator, value, "ha", _span(doc, sentence), sentence, str(value),
                period=period, place_id=place, activity=activity)  # fmt: skip
    ex = Extraction(document=doc, places=PLACES, facts=(fact,))
    assert store.add_document(doc, ex, OUTLET).status is AddStatus.NEW
    return doc.id


def add_event(store: SQLiteStore, activity: str, place: str, date: str = "2024-05-10",
              actors: tuple[str, ...] = (), kind: str = "operation") -> str:  # fmt: skip
    sentence = f"Troops raided a {activity} camp at {place} on {date}."
    doc = _doc(sentence, date)
    event = Event(kind, _span(doc, sentence), sentence, date=FuzzyDate.parse(date),
                  place_id=place, actor_ids=actors, activity=activity, effort=True)  # fmt: skip
    ex = Extraction(document=doc, places=PLACES, actors=(GANG, ARMY), events=(event,))
    assert store.add_document(doc, ex, OUTLET).status is AddStatus.NEW
    return doc.id


def add_mention(store: SQLiteStore, place: str, actor: str, published: str = "2024-06-01") -> str:
    sentence = f"Residents of {place} blame {actor} for threats."
    doc = _doc(sentence, published)
    span = _span(doc, sentence)
    mentions = (Mention(doc.id, "place", place, span, place),
                Mention(doc.id, "actor", actor, span, actor))  # fmt: skip
    ex = Extraction(document=doc, places=PLACES, actors=(GANG,), mentions=mentions)
    assert store.add_document(doc, ex, OUTLET).status is AddStatus.NEW
    return doc.id


@pytest.fixture
def kb(tmp_path: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "kb.db")
    add_fact(store, "coca", "pe:170102")
    add_event(store, "gold_mining", "zone:la-pampa", actors=("peru-army", "los-injertos"))
    add_event(store, "gold_mining", "pe:170102", date="2024-08-02")
    add_fact(store, "logging", "pe:1701", indicator="illegal_timber_volume")
    add_mention(store, "pe:17", "los-injertos")
    for year in ("2020", "2021", "2022", "2023", "2024"):
        add_fact(store, "coca", "gn:kimbiri", period=year)
    add_fact(store, "state_effort", "pe:0809", indicator="troops_deployed")  # not an economy
    yield store
    store.close()


def _by_unit(hotspots: list[Hotspot]) -> dict[str, Hotspot]:
    return {h.unit_id: h for h in hotspots}


def test_convergence_outranks_volume(kb: SQLiteStore) -> None:
    ranked = convergence_hotspots(kb, "admin1")
    assert [h.unit_id for h in ranked] == ["pe:17", "pe:08"]
    mdd, cusco = ranked
    assert (mdd.rank, mdd.name, mdd.n_economies) == (1, "Madre de Dios", 3)
    assert [e.economy for e in mdd.economies] == ["gold_mining", "coca", "logging"]
    gold = mdd.economies[0]
    assert (gold.n_facts, gold.n_events) == (0, 2)
    assert len(gold.examples) == 2 and all(x.doc_id and "Troops raided" in x.text
                                           for x in gold.examples)  # fmt: skip
    (gang,) = mdd.armed_actors
    assert (gang.actor_id, gang.kind, gang.n_events, gang.n_documents) == (
        "los-injertos", "criminal_group", 1, 1)  # fmt: skip
    assert mdd.armed_weight == pytest.approx(0.5 + 0.5 * math.log10(2))
    assert cusco.n_economies == 1 and cusco.armed_actors == ()
    assert cusco.economies[0].n_facts == 5 and len(cusco.economies[0].examples) <= 3
    assert cusco.score == pytest.approx(0.5 + 0.5 * math.log10(5), abs=1e-4)
    assert mdd.score > cusco.score


def test_score_follows_the_method(kb: SQLiteStore) -> None:
    mdd = _by_unit(convergence_hotspots(kb))["pe:17"]
    w = lambda n: min(1.0, 0.5 + 0.5 * math.log10(n))  # noqa: E731
    assert mdd.score == pytest.approx(w(2) + w(1) + w(1) + w(2), abs=1e-4)
    assert "log10" in METHOD and "near-duplicates" in METHOD


def test_min_records_sets_presence(kb: SQLiteStore) -> None:
    mdd = _by_unit(convergence_hotspots(kb, min_records=2))["pe:17"]
    assert [e.economy for e in mdd.economies] == ["gold_mining"]


def test_provinces_take_their_districts(kb: SQLiteStore) -> None:
    ranked = convergence_hotspots(kb, "province")
    units = _by_unit(ranked)
    assert set(units) == {"pe:1701", "pe:0809"}  # La Pampa has no province: left out
    tambopata = units["pe:1701"]
    assert {e.economy for e in tambopata.economies} == {"coca", "gold_mining", "logging"}
    assert units["pe:0809"].economies[0].n_facts == 5


def test_window_limits_what_counts(kb: SQLiteStore) -> None:
    cusco = _by_unit(convergence_hotspots(kb, since=2023))["pe:08"]
    assert cusco.economies[0].n_facts == 2
    assert "pe:08" not in _by_unit(convergence_hotspots(kb, since=2025))
    old = convergence_hotspots(kb, until="2021")
    assert [h.unit_id for h in old] == ["pe:08"] and old[0].economies[0].n_facts == 2


def test_fact_ranges_overlap_the_window(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "kb.db") as store:
        add_fact(store, "coca", "gn:kimbiri", period="2019/2022")
        assert len(convergence_hotspots(store, since=2021)) == 1
        assert len(convergence_hotspots(store, until=2019)) == 1
        assert convergence_hotspots(store, since=2023) == []


def test_undated_figures_take_their_document_date(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "kb.db") as store:
        add_fact(store, "coca", "gn:kimbiri", period=None, published="2021-03-04")
        assert len(convergence_hotspots(store, since=2021, until=2021)) == 1
        assert convergence_hotspots(store, since=2022) == []


def test_copies_and_zero_figures_do_not_count(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "kb.db") as store:
        add_fact(store, "coca", "gn:kimbiri", value=0.0)  # "no coca was found"
        assert convergence_hotspots(store) == []
        original = _doc("Monitors counted 300 hectares of coca at Kimbiri in 2024.", "2024")
        sentence = "Monitors counted 300 hectares of coca at Kimbiri in 2024."
        for doc in (original, Document(text="Breaking | " + original.text + " Share this.",
                                       path="copy.txt", published=original.published)):  # fmt: skip
            fact = Fact("coca_cultivation_area", 300.0, "ha", _span(doc, sentence), sentence,
                        "300", period="2024", place_id="gn:kimbiri", activity="coca")  # fmt: skip
            store.add_document(doc, Extraction(document=doc, places=PLACES, facts=(fact,)))
        (only,) = convergence_hotspots(store)
        assert only.economies[0].n_facts == 1


def test_materialised_clusters_give_the_same_answer(kb: SQLiteStore) -> None:
    computed = convergence_hotspots(kb)
    refresh_event_clusters(kb)
    assert convergence_hotspots(kb) == computed
    assert convergence_hotspots(kb, "h3") == convergence_hotspots(kb, "h3")  # deterministic


def test_admin1_geojson_points(kb: SQLiteStore) -> None:
    collection = hotspots_geojson(convergence_hotspots(kb))
    json.dumps(collection)  # serialisable as it stands
    assert collection["type"] == "FeatureCollection" and collection["method"] == METHOD
    feature = collection["features"][0]
    assert feature["type"] == "Feature" and feature["id"] == "pe:17"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-70.56, -11.96]}
    props = feature["properties"]
    assert props["rank"] == 1 and props["n_economies"] == 3
    assert props["economies"][0]["examples"][0]["doc_id"]
    assert props["armed_actors"][0]["actor_id"] == "los-injertos"


def test_h3_cells_are_closed_counter_clockwise_hexagons(kb: SQLiteStore) -> None:
    ranked = convergence_hotspots(kb, "h3", resolution=5)
    cells = {h.unit_id for h in ranked}
    assert all(h3.is_valid_cell(c) and h3.get_resolution(c) == 5 for c in cells)
    names = {h.unit_id: h.name for h in ranked}
    assert names[h3.latlng_to_cell(-12.72, -69.73, 5)] == "Inambari"  # its place with most records
    assert h3.latlng_to_cell(-13.17, -72.18, 5) not in cells  # departments are too coarse
    for feature in hotspots_geojson(ranked)["features"]:
        (ring,) = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Polygon"
        assert len(ring) == 7 and ring[0] == ring[-1]
        assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
        area = sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))
        assert area > 0  # counter-clockwise, as RFC 7946 asks
    coarse = convergence_hotspots(kb, "h3", resolution=3)
    assert all(h3.get_resolution(h.unit_id) == 3 for h in coarse)


def test_bad_arguments_say_what_to_do(kb: SQLiteStore) -> None:
    with pytest.raises(PukaraError, match="level 'district'"):
        convergence_hotspots(kb, "district")
    with pytest.raises(PukaraError, match="resolution 16"):
        convergence_hotspots(kb, "h3", resolution=16)
    with pytest.raises(PukaraError, match="use YYYY, YYYY-MM or YYYY-MM-DD"):
        convergence_hotspots(kb, since="last year")


def test_limit_keeps_the_top(kb: SQLiteStore) -> None:
    assert [h.unit_id for h in convergence_hotspots(kb, limit=1)] == ["pe:17"]
