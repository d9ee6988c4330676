"""Actor graph and actor profiles on small stores whose answers are known.

The documents are invented for the tests (demo text); actors, places and sources are built by
hand, so that every weight, count and fate asserted below can be checked by reading them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from pukara.analyse.actors import (
    actor_graph,
    actor_graph_json,
    actor_profile,
    export_actor_graphml,
    fate,
    resolve_actor,
)
from pukara.errors import PukaraError
from pukara.extract.document import extract_document
from pukara.model import (
    Actor,
    ActorKind,
    ActorRelation,
    Document,
    Event,
    Extraction,
    Fact,
    FuzzyDate,
    Mention,
    Place,
    PlaceKind,
    Source,
    Span,
)
from pukara.store import SQLStore as SQLiteStore

ACTORS = {
    a.id: a
    for a in [
        Actor("shining-path", "Shining Path", ActorKind.ARMED_GROUP, "PE", ("Sendero Luminoso",)),
        Actor(
            "mpcp", "Militarized Communist Party of Peru", ActorKind.ARMED_GROUP, "PE",
            ("MPCP",), parent_id="shining-path",
        ),
        Actor(
            "marco-quispe", "Marco Antonio Quispe Palomino", ActorKind.PERSON, "PE",
            ("Gabriel",), parent_id="mpcp", role="MPCP military commander",
            status="killed 2013-08-11 (Llochegua, Huanta, Ayacucho)",
        ),
        Actor(
            "victor-quispe", "Víctor Quispe Palomino", ActorKind.PERSON, "PE", ("José",),
            parent_id="mpcp", role="top leader of the MPCP",
            status="at large (rewards offered)",
        ),
        Actor("army-pe", "Peruvian Army", ActorKind.SECURITY_FORCE, "PE", ("Army",)),
        Actor("comando-vermelho", "Comando Vermelho", ActorKind.CRIMINAL_GROUP, "BR", ("CV",)),
        Actor("os-crias", "Os Crias", ActorKind.CRIMINAL_GROUP, "BR", ("Los Crias",)),
        Actor("pcc", "Primeiro Comando da Capital", ActorKind.CRIMINAL_GROUP, "BR", ("PCC",)),
    ]
}  # fmt: skip
PLACES = {
    p.id: p
    for p in [
        Place("country:PE", "Peru", PlaceKind.COUNTRY, "PE", None),
        Place("pe:05", "Ayacucho", PlaceKind.REGION, "PE", None, admin1_id="pe:05"),
        Place("pe:050410", "Llochegua", PlaceKind.DISTRICT, "PE", None, admin1_id="pe:05"),
        Place("pe:08", "Cusco", PlaceKind.REGION, "PE", None, admin1_id="pe:08"),
        Place("pe:080910", "Pichari", PlaceKind.DISTRICT, "PE", None, admin1_id="pe:08"),
        Place("pe:12", "Junín", PlaceKind.REGION, "PE", None, admin1_id="pe:12"),
        Place("pe:120606", "Vizcatán del Ene", PlaceKind.DISTRICT, "PE", None, admin1_id="pe:12"),
    ]
}
# Surface written in the demo texts -> (mention kind, id).
SURFACES = {
    "Marco Antonio Quispe Palomino": ("actor", "marco-quispe"),
    "MPCP": ("actor", "mpcp"),
    "Shining Path": ("actor", "shining-path"),
    "Army": ("actor", "army-pe"),
    "Comando Vermelho": ("actor", "comando-vermelho"),
    "Los Crias": ("actor", "os-crias"),
    "PCC": ("actor", "pcc"),
    "Llochegua": ("place", "pe:050410"),
    "Pichari": ("place", "pe:080910"),
    "Vizcatán del Ene": ("place", "pe:120606"),
    "Peru": ("place", "country:PE"),
}

TEXT_A = (
    "Marco Antonio Quispe Palomino, leader of the MPCP, was killed in Llochegua. "
    "The MPCP clashed with the Army in Llochegua, Peru."
)
TEXT_B = "The MPCP, a Shining Path remnant, and the Army fought near Pichari. Coca covers 900 ha."
TEXT_C = (
    "Comando Vermelho is allied with Los Crias. The PCC and Comando Vermelho dispute the river."
)
TEXT_E = "The MPCP attacked an Army patrol in Vizcatán del Ene. Coca covers 400 ha there."
VIGIA = Source("Vigía VRAEM", reliability="B", credibility=2)
WIRE = Source("Andean Wire", reliability="C", credibility=3)


def _sentence(text: str, n: int) -> Span:
    spans = [m.span() for m in re.finditer(r"[^.]+\.", text)]
    start, end = spans[n]
    while text[start] == " ":
        start += 1
    return Span(start, end)


def _relation(text: str, n: int, kind: str, source: str, target: str, cue: str) -> ActorRelation:
    span = _sentence(text, n)
    return ActorRelation(kind, source, target, span, span.of(text), cue=cue)


def _event(text: str, n: int, place: str, date: str, *actors: str) -> Event:
    span = _sentence(text, n)
    return Event(
        "attack", span, span.of(text), FuzzyDate.parse(date), place, actors,
        activity="armed_conflict",
    )  # fmt: skip


def _add(
    store: SQLiteStore,
    text: str,
    published: str,
    source: Source,
    events: tuple[Event, ...] = (),
    relations: tuple[ActorRelation, ...] = (),
    facts: tuple[Fact, ...] = (),
) -> str:
    doc = Document(text, f"{published}.txt", title=text[:30], published=FuzzyDate.parse(published))
    mentions = []
    for surface, (kind, ref) in SURFACES.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            mentions.append(Mention(doc.id, kind, ref, Span(m.start(), m.end()), surface))
    ids = {m.ref_id for m in mentions}
    ex = Extraction(
        document=doc,
        places=tuple(p for p in PLACES.values() if p.id in ids | {"pe:05", "pe:08", "pe:12"}),
        actors=tuple(ACTORS.values()),
        mentions=tuple(mentions),
        facts=facts,
        events=events,
        relations=relations,
    )
    store.add_document(doc, ex, source)
    return doc.id


def _coca(text: str, n: int, value: float) -> Fact:
    span = _sentence(text, n)
    return Fact("coca_cultivation_area", value, "ha", span, span.of(text), str(value),
                activity="coca")  # fmt: skip


@pytest.fixture
def kb(store: SQLiteStore) -> SQLiteStore:
    _add(
        store, TEXT_A, "2013-08-20", VIGIA,
        events=(_event(TEXT_A, 1, "pe:050410", "2013-08-11", "mpcp", "army-pe"),),
        relations=(
            _relation(TEXT_A, 0, "leadership", "marco-quispe", "mpcp", "leader of"),
            _relation(TEXT_A, 1, "rivalry", "mpcp", "army-pe", "clashed with"),
        ),
        facts=(_coca(TEXT_A, 1, 10.0),),
    )  # fmt: skip
    _add(
        store, TEXT_B, "2013-11-02", WIRE,
        events=(_event(TEXT_B, 0, "pe:080910", "2013-10-30", "mpcp", "army-pe", "shining-path"),),
        facts=(_coca(TEXT_B, 1, 900.0),),
    )  # fmt: skip
    _add(
        store, TEXT_C, "2014-03-01", WIRE,
        relations=(
            _relation(TEXT_C, 0, "alliance", "comando-vermelho", "os-crias", "is allied with"),
            _relation(TEXT_C, 1, "rivalry", "pcc", "comando-vermelho", "dispute"),
        ),
    )  # fmt: skip
    _add(
        store, TEXT_E, "2015-06-09", VIGIA,
        events=(_event(TEXT_E, 0, "pe:120606", "2015-06-07", "mpcp", "army-pe"),),
        facts=(_coca(TEXT_E, 1, 400.0),),
    )  # fmt: skip
    # A syndicated copy of A: stored as a near-duplicate, so it adds no weight and no source.
    copy = "EXCLUSIVE | " + TEXT_A + " Follow us on social media for more news."
    _add(store, copy, "2013-08-21", WIRE, relations=(
        _relation(copy, 1, "rivalry", "mpcp", "army-pe", "clashed with"),))  # fmt: skip
    return store


# -- graph -------------------------------------------------------------------------------


def test_near_duplicate_copy_is_stored_as_such(kb: SQLiteStore) -> None:
    assert kb.view().summary()["near_duplicates"] == 1


def test_cooccurrence_weights_count_documents_not_sentences(kb: SQLiteStore) -> None:
    g = actor_graph(kb)
    assert g.edges["mpcp", "army-pe"]["weight"] == 3  # A, B and E; the copy of A not again
    assert g.edges["marco-quispe", "mpcp"]["weight"] == 1
    assert g.edges["mpcp", "shining-path"]["weight"] == 1
    assert g.edges["comando-vermelho", "pcc"]["weight"] == 1
    assert not g.has_edge("marco-quispe", "army-pe")  # named in different sentences
    assert g.nodes["mpcp"] == {
        "name": "Militarized Communist Party of Peru", "kind": "armed_group", "country": "PE",
    }  # fmt: skip


def test_typed_edges_carry_their_evidence(kb: SQLiteStore) -> None:
    g = actor_graph(kb)
    ally = g.edges["comando-vermelho", "os-crias"]
    assert ally["kinds"] == ["alliance"] and ally["alliance"] == 1
    assert ally["relations"][0]["evidence"] == "Comando Vermelho is allied with Los Crias."
    assert ally["relations"][0]["cue"] == "is allied with"
    rival = g.edges["mpcp", "army-pe"]
    assert rival["kinds"] == ["rivalry"] and rival["rivalry"] == 1  # the copy is not counted
    assert rival["relations"][0]["evidence"] == "The MPCP clashed with the Army in Llochegua, Peru."
    lead = g.edges["marco-quispe", "mpcp"]
    assert lead["relations"][0]["source"] == "marco-quispe"  # the direction is kept


def test_min_weight_keeps_typed_edges(kb: SQLiteStore) -> None:
    g = actor_graph(kb, min_weight=2)
    assert g.has_edge("mpcp", "army-pe")
    assert not g.has_edge("mpcp", "shining-path")  # weight 1, no statement
    assert g.edges["pcc", "comando-vermelho"]["weight"] == 1  # weight 1, but a rivalry


def test_date_bounds_use_publication_dates(kb: SQLiteStore) -> None:
    g = actor_graph(kb, since="2014", until="2014")
    assert sorted(map(sorted, g.edges)) == [["comando-vermelho", "os-crias"],
                                            ["comando-vermelho", "pcc"]]  # fmt: skip
    g = actor_graph(kb, until="2013-08")
    assert g.edges["mpcp", "army-pe"]["weight"] == 1


def test_graphml_parses_back(kb: SQLiteStore, tmp_path: Path) -> None:
    path = export_actor_graphml(actor_graph(kb), tmp_path / "actors.graphml")
    back = nx.read_graphml(path)
    assert back.nodes["os-crias"]["name"] == "Os Crias"
    edge = back.edges["comando-vermelho", "os-crias"]
    assert edge["weight"] == 1 and edge["alliance"] == 1
    assert json.loads(edge["kinds"]) == ["alliance"]
    assert json.loads(edge["relations"])[0]["doc_id"]


def test_graph_json_is_sorted_and_serialisable(kb: SQLiteStore) -> None:
    data = actor_graph_json(actor_graph(kb))
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    pairs = [(e["source"], e["target"]) for e in data["edges"]]
    assert pairs == sorted(pairs) and all(a < b for a, b in pairs)
    json.dumps(data)


# -- profile -----------------------------------------------------------------------------


def test_resolve_actor_by_id_name_or_alias(kb: SQLiteStore) -> None:
    assert resolve_actor(kb, "mpcp") == "mpcp"
    assert resolve_actor(kb, "MPCP") == "mpcp"
    assert resolve_actor(kb, "militarized communist party of PERU") == "mpcp"
    assert resolve_actor(kb, "Victor Quispe Palomino") == "victor-quispe"  # accents ignored
    with pytest.raises(PukaraError, match="actor 'Los Zetas': not in the store"):
        resolve_actor(kb, "Los Zetas")


def test_profile_places_per_year(kb: SQLiteStore) -> None:
    p = actor_profile(kb, "MPCP")
    assert [(a.year, a.place, a.events, a.documents) for a in p.active] == [
        (2013, "Ayacucho", 1, 1),
        (2013, "Cusco", 1, 1),
        (2015, "Junín", 1, 1),
    ]  # the country-wide mention of Peru is not a department
    assert p.by_year() == {2013: {"Ayacucho": 2, "Cusco": 2}, 2015: {"Junín": 2}}


def test_profile_identity_activities_and_sources(kb: SQLiteStore) -> None:
    p = actor_profile(kb, "MPCP")
    assert (p.id, p.kind, p.country, p.parent_id) == ("mpcp", "armed_group", "PE", "shining-path")
    assert p.aliases == ("MPCP",)
    assert [(a.activity, a.events, a.facts) for a in p.activities] == [
        ("armed_conflict", 3, 0),
        ("coca", 0, 3),
    ]
    assert [(s.published, s.source, s.reliability) for s in p.sources] == [
        ("2015-06-09", "Vigía VRAEM", "B"),
        ("2013-11-02", "Andean Wire", "C"),
        ("2013-08-20", "Vigía VRAEM", "B"),
    ]
    assert p.n_documents == 3


def test_profile_leaders_with_their_fate(kb: SQLiteStore) -> None:
    p = actor_profile(kb, "mpcp")
    assert [(x.name, x.fate, x.documents) for x in p.leaders] == [
        ("Marco Antonio Quispe Palomino", "killed 2013-08", 1),
        ("Víctor Quispe Palomino", "at large", 0),
    ]
    assert p.leaders[0].role == "MPCP military commander"
    assert [(r.actor_id, r.documents) for r in p.rivals] == [("army-pe", 1)]
    assert p.allies == ()


def test_profile_of_a_person_and_of_a_parent(kb: SQLiteStore) -> None:
    marco = actor_profile(kb, "Gabriel")
    assert marco.status and marco.status.startswith("killed 2013-08-11")
    assert [(r.actor_id, r.kind) for r in marco.belongs_to] == [("mpcp", "leadership")]
    sp = actor_profile(kb, "Sendero Luminoso")
    assert [f.actor_id for f in sp.factions] == ["mpcp"]
    cv = actor_profile(kb, "CV")
    assert [a.actor_id for a in cv.allies] == ["os-crias"]
    assert [r.actor_id for r in cv.rivals] == ["pcc"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("killed 2013-08-11 (Llochegua, Huanta, Ayacucho)", "killed 2013-08"),
        ("captured 2012-02-12 (wounded); sentenced to life imprisonment 2013", "captured 2012-02; sentenced 2013"),
        ("captured 1992-09-12; died in prison 2021-09-11", "captured 1992-09; died 2021-09"),
        ("at large (Peru and US rewards offered)", "at large"),
        ("in peace talks with the Colombian government", "in peace talks with the Colombian government"),
        (None, None),
    ],
)  # fmt: skip
def test_fate_shortens_a_registry_status(status: str | None, expected: str | None) -> None:
    assert fate(status) == expected


# -- end to end: extractor -> store -> graph ---------------------------------------------


def test_extracted_relation_is_kept_and_drawn(store: SQLiteStore) -> None:
    text = (  # invented demo paragraph
        "Comando Vermelho is allied with Los Crias in Tabatinga, investigators said. "
        "The MPCP, led by Víctor Quispe Palomino, charges traffickers in the VRAEM."
    )
    doc = Document(text, "demo.txt", published=FuzzyDate.parse("2024-05-01"), language="en")
    ex = extract_document(doc)
    store.add_document(doc, ex)
    rows = store.db.rows("SELECT kind, source_id, target_id, date FROM actor_relations")
    assert sorted(rows) == [
        ("alliance", "comando-vermelho", "os-crias", "2024-05-01"),
        ("leadership", "victor-quispe-palomino", "mpcp", "2024-05-01"),
    ]
    person = store.view().actor("victor-quispe-palomino")
    assert person is not None and person.role and person.status  # from the registry
    g = actor_graph(store)
    assert g.edges["comando-vermelho", "os-crias"]["weight"] == 1
    assert g.edges["mpcp", "victor-quispe-palomino"]["kinds"] == ["leadership"]
    profile = actor_profile(store, "MPCP")
    assert [x.actor_id for x in profile.leaders if x.documents] == ["victor-quispe-palomino"]
