"""Event typing, dating and placing on sentences invented for these tests (demo text)."""

from __future__ import annotations

from pukara.extract.events import ActorRef, PlaceRef, extract_events
from pukara.extract.text import split_sentences
from pukara.model import FuzzyDate, PlaceKind

PUB = FuzzyDate.parse("2025-03-14")  # a Friday


def _events(text: str, places: list[PlaceRef] | None = None, actors: list[ActorRef] | None = None):
    return extract_events(text, split_sentences(text), places or [], actors or [], PUB, None)


def test_types_in_english_and_spanish() -> None:
    text = (
        "Police seized 2.3 tonnes of cocaine hidden in banana boxes at the port. "
        "La Fuerza Aérea destruyó cuatro pistas de aterrizaje clandestinas en Puerto Inca. "
        "Brigadas del CORAH erradicaron 1.200 hectáreas de coca en el Monzón. "
        "The army redeployed two battalions from the VRAEM to the Putumayo."
    )
    types = {e.type for e in _events(text)}
    assert {"seizure", "airstrip_destruction", "eradication", "deployment"} <= types


def test_generic_trigger_needs_its_object() -> None:
    assert not [
        e for e in _events("Officials found the report convincing overall.") if e.type == "seizure"
    ]


def test_dates_written_relative_and_defaulted() -> None:
    text = (
        "On 3 March 2025 police seized 400 kg of cocaine in Callao. "
        "The army destroyed a clandestine airstrip near Pichari on Monday. "
        "El Ejército desplegó 300 efectivos en la frontera con Colombia."
    )
    by_type = {e.type: e for e in _events(text)}
    assert by_type["seizure"].date is not None and by_type["seizure"].date.iso() == "2025-03-03"
    assert by_type["airstrip_destruction"].date.iso() == "2025-03-10"  # type: ignore[union-attr]
    assert by_type["deployment"].date.iso() == "2025-03"  # type: ignore[union-attr]


def test_place_actors_and_announcements() -> None:
    text = "The government will deploy 1,000 troops to Loreto next year to fight FARC dissidents."
    start = text.index("Loreto")
    places = [PlaceRef(start, start + 6, "pe:16", PlaceKind.REGION)]
    actors = [
        ActorRef(4, 14, "peru-government"),
        ActorRef(text.index("FARC"), len(text) - 1, "farc-dissidents"),
    ]
    (event,) = [e for e in _events(text, places, actors) if e.type == "deployment"]
    assert event.place_id == "pe:16"
    assert event.actor_ids == ("peru-government", "farc-dissidents")
    assert event.announced
    assert event.evidence_text == text


def test_negated_events_are_dropped() -> None:
    assert not _events("Police did not seize any cocaine in the raid on the port of Paita.")
