"""Event clusters: reports of one happening fold into one event, with honest corroboration.

All texts here are invented demo text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from pukara.analyse.clusters import (
    DEFAULT_DAY_WINDOW,
    EventCluster,
    cluster_events,
    refresh_event_clusters,
    window_bound,
)
from pukara.errors import PukaraError, StoreError
from pukara.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    Extraction,
    FuzzyDate,
    Place,
    PlaceKind,
    Point,
    Source,
    Span,
)
from pukara.store import AddStatus, SQLStore

CALLAO = Place("pe:07", "Callao", PlaceKind.REGION, "PE", Point(-12.05, -77.12),
               admin1="Callao", admin1_id="pe:07")  # fmt: skip
PORT = Place("gn:port", "Terminal Muelle Sur", PlaceKind.TOWN, "PE", Point(-12.04, -77.14),
             admin1="Callao", parent_id="pe:07", admin1_id="pe:07")  # fmt: skip
VENTANILLA = Place("gn:ventanilla", "Ventanilla", PlaceKind.TOWN, "PE", Point(-11.87, -77.13),
                   admin1="Callao", parent_id="pe:07", admin1_id="pe:07")  # fmt: skip
IQUITOS = Place("gn:iquitos", "Iquitos", PlaceKind.TOWN, "PE", Point(-3.75, -73.25),
                admin1="Loreto", parent_id="pe:16", admin1_id="pe:16")  # fmt: skip
PERU = Place("country:PE", "Peru", PlaceKind.COUNTRY, "PE", Point(-9.15, -74.38))
PLACES = {p.id: p for p in (CALLAO, PORT, VENTANILLA, IQUITOS, PERU)}
PNP = Actor("pnp", "Peruvian National Police", ActorKind.SECURITY_FORCE, "PE")
DIRANDRO = Actor("dirandro", "DIRANDRO", ActorKind.SECURITY_FORCE, "PE", parent_id="pnp")
NAVY = Actor("peru-navy", "Peruvian Navy", ActorKind.SECURITY_FORCE, "PE")
ACTORS = {a.id: a for a in (PNP, DIRANDRO, NAVY)}
WIRE = Source("Andean Wire", reliability="B", credibility=2)
LEDGER = Source("Pacific Ledger", reliability="C", credibility=3)


@dataclass(frozen=True)
class Report:
    """One document reporting one event."""

    date: str | None
    place: str | None
    actors: tuple[str, ...] = ()
    type: str = "seizure"
    source: Source = WIRE
    published: str = "2024-11-14"
    announced: bool = False


_factory: list[object] = []


@pytest.fixture(autouse=True)
def _stores(new_store: object) -> None:
    _factory[:] = [new_store]  # every test here runs on each store backend


def _new() -> SQLStore:
    return _factory[0]()  # type: ignore[operator,no-any-return]


def clusters_fresh(store: SQLStore, max_km: float = 25.0) -> bool:
    return store.view().clusters_fresh(max_km, DEFAULT_DAY_WINDOW)


def _text(i: int, sentence: str) -> str:
    # a tag of words unique to the document keeps independent reports from looking like copies
    return f"Demo report {i}. {sentence} " + " ".join(f"tag{i}x{j}" for j in range(12))


def _add(store: SQLStore, i: int, r: Report, text: str | None = None) -> AddStatus:
    sentence = f"Police seized cocaine at {r.place or 'an undisclosed site'} on {r.date}."
    if text is not None:  # the article's lead sentence
        sentence = text.split("\n\n", 1)[1].split(". ")[0] + "."
    doc = Document(text=text or _text(i, sentence), path=f"r{i}.txt", title=f"Report {i}",
                   published=FuzzyDate.parse(r.published), language="en")  # fmt: skip
    start = doc.text.index(sentence) if sentence in doc.text else 0
    event = Event(r.type, Span(start, start + len(sentence)), sentence,
                  date=FuzzyDate.parse(r.date) if r.date else None, place_id=r.place,
                  actor_ids=r.actors, announced=r.announced, activity="trafficking",
                  effort=True)  # fmt: skip
    ex = Extraction(document=doc, places=tuple(PLACES.values()), actors=tuple(ACTORS.values()),
                    events=(event,))  # fmt: skip
    return store.add_document(doc, ex, r.source).status


def _store(tmp_path: Path, reports: list[Report], name: str = "kb.db") -> SQLStore:
    store = _new()
    for i, r in enumerate(reports):
        assert _add(store, i, r) is AddStatus.NEW, f"report {i} was taken for a copy"
    return store


def _sizes(clusters: list[EventCluster]) -> list[int]:
    return sorted(c.n_events for c in clusters)


# Three reports of one seizure: the original, a syndicated copy of it on another outlet,
# and an independent report naming the department and the parent agency, a day later.
ORIGINAL = (
    "Cocaine found in banana containers at Callao\n\n"
    "Anti-drug police seized 2.3 tonnes of cocaine hidden in banana boxes at the Muelle Sur "
    "terminal on 12 November 2024, officials said. The containers were bound for Antwerp and "
    "had been loaded in Piura. Three port workers were detained and dogs found the drug in "
    "false floors. Prosecutors opened an inquiry into the exporting company."
)
COPY = (
    "EXCLUSIVE | Record haul at the port\n\n"
    + ORIGINAL.split("\n\n", 1)[1]
    + "\nRead more: five keys to the operation. Follow us on social media."
)


def _seizure_store(tmp_path: Path) -> SQLStore:
    store = _new()
    first = Report("2024-11-12", "gn:port", ("dirandro",), source=WIRE)
    assert _add(store, 0, first, ORIGINAL) is AddStatus.NEW
    copy = Report("2024-11-12", "gn:port", ("dirandro",), source=LEDGER)
    assert _add(store, 1, copy, COPY) is AddStatus.NEAR_DUPLICATE
    later = Report("2024-11-13", "pe:07", ("pnp",), source=LEDGER, published="2024-11-15")
    assert _add(store, 2, later) is AddStatus.NEW
    other = Report("2024-11-12", "gn:iquitos", ("pnp",), source=WIRE)  # same day, Loreto
    assert _add(store, 3, other) is AddStatus.NEW
    return store


def test_three_reports_of_one_seizure_are_one_event(tmp_path: Path) -> None:
    store = _seizure_store(tmp_path)
    clusters = cluster_events(store)
    assert len(clusters) == 2  # events, not the 4 articles
    callao = next(c for c in clusters if c.admin1_id == "pe:07")
    assert callao.n_events == 3 and len(callao.doc_ids) == 3
    assert callao.n_documents == 2  # the syndicated copy is not independent
    assert callao.n_sources == 2
    assert callao.sources == ("Andean Wire", "Pacific Ledger")
    assert (callao.date, callao.date_precision) == ("2024-11-12", "day")  # most reported
    assert callao.place_id == "gn:port"  # the most specific place
    assert callao.actor_ids == ("dirandro", "pnp")
    assert "Muelle Sur" in callao.evidence
    iquitos = next(c for c in clusters if c.admin1_id == "pe:16")
    assert (iquitos.n_events, iquitos.n_documents, iquitos.n_sources) == (1, 1, 1)


def test_syndicated_copy_alone_does_not_corroborate(tmp_path: Path) -> None:
    store = _new()
    _add(store, 0, Report("2024-11-12", "gn:port", source=WIRE), ORIGINAL)
    _add(store, 1, Report("2024-11-12", "gn:port", source=LEDGER), COPY)
    (only,) = cluster_events(store)
    assert (only.n_events, only.n_documents, only.n_sources) == (2, 1, 1)
    assert only.sources == ("Andean Wire", "Pacific Ledger")  # both outlets still listed


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        ("2024-03-01", "2024-03-04", True),  # day vs day: within 3 days
        ("2024-03-01", "2024-03-05", False),
        ("2024-12-30", "2025-01-02", True),  # the window crosses a year's end
        ("2024-03", "2024-03-28", True),  # month vs day: same month
        ("2024-03", "2024-04-01", False),
        ("2024-03", "2024-03", True),
        ("2024-03", "2024-04", False),
        ("2024", "2024-07-09", True),  # year vs anything: same year
        ("2024", "2024-11", True),
        ("2024", "2025-01-01", False),
        (None, "2024-11-20", True),  # undated: the month the document was published in
        (None, "2024-10-31", False),
    ],
)
def test_date_windows_follow_precision(
    tmp_path: Path, first: str | None, second: str, together: bool
) -> None:
    store = _store(tmp_path, [Report(first, "gn:port"), Report(second, "gn:port")])
    assert _sizes(cluster_events(store)) == ([2] if together else [1, 1])


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        ("gn:port", "gn:port", True),
        ("gn:port", "pe:07", True),  # a town inside its department
        ("gn:port", "gn:ventanilla", True),  # 19 km apart
        ("gn:port", "gn:iquitos", False),
        ("gn:port", "country:PE", False),  # a country is too coarse to be "the same place"
        ("gn:port", None, False),
        (None, None, True),
    ],
)
def test_places_must_be_near(tmp_path: Path, a: str | None, b: str | None, together: bool) -> None:
    store = _store(tmp_path, [Report("2024-11-12", a), Report("2024-11-12", b)])
    assert _sizes(cluster_events(store)) == ([2] if together else [1, 1])


def test_distance_threshold_is_a_parameter(tmp_path: Path) -> None:
    store = _store(
        tmp_path, [Report("2024-11-12", "gn:port"), Report("2024-11-12", "gn:ventanilla")]
    )
    assert _sizes(cluster_events(store, max_km=10)) == [1, 1]
    assert _sizes(cluster_events(store, max_km=25)) == [2]


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        (("pnp",), ("pnp", "peru-navy"), True),
        (("dirandro",), ("pnp",), True),  # a unit and its parent agency
        (("peru-navy",), ("pnp",), False),  # both name actors, none shared
        ((), ("peru-navy",), True),  # one report names nobody
    ],
)
def test_actors_must_overlap_when_both_name_some(
    tmp_path: Path, a: tuple[str, ...], b: tuple[str, ...], together: bool
) -> None:
    store = _store(
        tmp_path, [Report("2024-11-12", "gn:port", a), Report("2024-11-12", "gn:port", b)]
    )
    assert _sizes(cluster_events(store)) == ([2] if together else [1, 1])


def test_type_and_announcement_separate_events(tmp_path: Path) -> None:
    store = _store(tmp_path, [
        Report("2024-11-12", "gn:port"),
        Report("2024-11-12", "gn:port", type="arrest"),
        Report("2024-11-12", "gn:port", announced=True),
    ])  # fmt: skip
    assert _sizes(cluster_events(store)) == [1, 1, 1]


def test_daily_raids_do_not_chain_into_one_event(tmp_path: Path) -> None:
    # each raid is within 3 days of the next, but the first and last are 8 days apart
    days = [f"2024-05-{d:02d}" for d in (1, 3, 5, 7, 9)]
    store = _store(tmp_path, [Report(d, "gn:port") for d in days])
    assert sum(_sizes(cluster_events(store))) == 5
    assert len(cluster_events(store)) >= 2


def test_vague_report_joins_the_nearest_precise_event(tmp_path: Path) -> None:
    store = _store(tmp_path, [
        Report("2024-03-02", "gn:port"),
        Report("2024-03-25", "gn:port"),
        Report("2024-03", "pe:07"),  # "in March, in Callao": fits both, joins one
    ])  # fmt: skip
    clusters = cluster_events(store)
    assert _sizes(clusters) == [1, 2]
    joined = next(c for c in clusters if c.n_events == 2)
    assert (joined.date, joined.date_precision, joined.place_id) == ("2024-03-02", "day", "gn:port")


def test_window_types_order_and_limit(tmp_path: Path) -> None:
    store = _store(tmp_path, [
        Report("2022-06-01", "gn:port"),
        Report("2023-06-01", "gn:port"),
        Report("2024-06-01", "gn:port"),
        Report("2024-06-01", "gn:iquitos", type="arrest"),
    ])  # fmt: skip
    assert [c.date for c in cluster_events(store)] == [
        "2024-06-01", "2024-06-01", "2023-06-01", "2022-06-01"]  # fmt: skip
    assert [c.date for c in cluster_events(store, since=2023, until="2023-12")] == ["2023-06-01"]
    assert [c.type for c in cluster_events(store, types=["arrest"])] == ["arrest"]
    assert len(cluster_events(store, limit=2)) == 2


def test_materialised_clusters_match_computed_ones(tmp_path: Path) -> None:
    store = _seizure_store(tmp_path)
    for i, r in enumerate([Report("2024-03", "pe:07"), Report("2024-03-02", "gn:port"),
                           Report(None, "gn:iquitos"), Report("2023", None)], start=10):  # fmt: skip
        _add(store, i, r)
    computed = cluster_events(store)
    assert not clusters_fresh(store)
    assert refresh_event_clusters(store) == len(computed)
    assert clusters_fresh(store)
    assert cluster_events(store) == computed
    assert cluster_events(store, since="2024-11", types=["seizure"]) == [
        c for c in computed if c.date and c.date >= "2024-11"]  # fmt: skip
    rows = store.db.scalar("SELECT count(*) FROM event_clusters")
    assert rows == store.view().summary()["events"]


def test_new_events_make_the_tables_stale(tmp_path: Path) -> None:
    store = _seizure_store(tmp_path)
    refresh_event_clusters(store)
    _add(store, 20, Report("2025-01-05", "gn:iquitos"))
    assert not clusters_fresh(store)
    assert len(cluster_events(store)) == 3  # computed afresh, not read stale
    assert not clusters_fresh(store, max_km=5)  # other settings never read the tables


def test_refresh_is_deterministic_and_incremental(tmp_path: Path) -> None:
    store = _seizure_store(tmp_path)
    first = cluster_events(store)
    assert refresh_event_clusters(store) == 2
    assert refresh_event_clusters(store, full=True) == 2  # a rerun rewrites, adds nothing
    assert cluster_events(store) == first
    assert store.db.scalar("SELECT count(*) FROM clusters") == 2
    # one more report of the Iquitos seizure: only its happening is regrouped
    _add(store, 30, Report("2024-11-13", "gn:iquitos", ("pnp",), source=LEDGER))
    assert refresh_event_clusters(store) == 2
    iquitos = next(c for c in cluster_events(store) if c.admin1_id == "pe:16")
    assert iquitos.n_events == 2
    incremental = cluster_events(store)
    assert refresh_event_clusters(store, full=True) == 2  # from scratch: the same happenings
    assert cluster_events(store) == incremental


def test_failed_refresh_keeps_the_previous_tables(tmp_path: Path) -> None:
    store = _seizure_store(tmp_path)
    refresh_event_clusters(store)
    if store.backend == "sqlite":
        store.db.run("CREATE TRIGGER fail BEFORE INSERT ON event_clusters"
                     " BEGIN SELECT RAISE(ABORT, 'boom'); END")  # fmt: skip
    else:
        store.db.run("ALTER TABLE event_clusters ADD CONSTRAINT boom CHECK (false) NOT VALID")
    _add(store, 20, Report("2025-01-05", "gn:iquitos"))
    with pytest.raises(StoreError, match=r"could not write the event clusters: .*boom"):
        refresh_event_clusters(store, full=True)
    assert store.db.scalar("SELECT count(*) FROM clusters") == 2  # rolled back, not emptied
    assert len(cluster_events(store)) == 3  # stale tables are not read


def test_window_bounds() -> None:
    assert window_bound(2020) == "2020"
    assert window_bound(dt.date(2020, 5, 1)) == "2020-05-01"
    assert window_bound(" 2020-05 ") == "2020-05"
    assert window_bound(None) is None
    with pytest.raises(PukaraError, match="use YYYY, YYYY-MM or YYYY-MM-DD"):
        window_bound("May 2020")
