"""Route statements (pukara/extract/routes.py).

Every sentence below is INVENTED for these tests (demo text, not a corpus excerpt); the
places are given as spans so that the tests exercise the route reader alone.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pukara.extract.document import extract_text
from pukara.extract.routes import extract_routes, route_key
from pukara.extract.text import split_sentences
from pukara.model import Route, Span

VRAEM, BO, BR, PUNO = "zone:vraem", "country:BO", "country:BR", "pe:21"
CALLAO, ANTWERP, LIMA, EUROPE = "gn:3946083", "gn:2803138", "gn:3936456", "continent:EU"
PUTUMAYO, TABATINGA, MANAUS = "river:putumayo", "gn:3662075", "gn:3663517"


def routes(text: str, places: dict[str, str]) -> list[Route]:
    """Routes read from ``text`` with each surface in ``places`` given as a place span."""
    spans = []
    for surface, place_id in places.items():
        start = text.index(surface)
        spans.append((start, start + len(surface), place_id))
    return extract_routes(text, split_sentences(text), spans)


def paths(found: list[Route]) -> set[tuple[str, ...]]:
    return {r.nodes for r in found}


# ---------------------------------------------------------------- English


def test_leaves_by_air_for() -> None:
    (r,) = routes(
        "Cocaine leaves the VRAEM in light aircraft for Bolivia.", {"VRAEM": VRAEM, "Bolivia": BO}
    )
    assert r.nodes == (VRAEM, BO)
    assert (r.commodity, r.mode) == ("cocaine", "air")
    assert r.id == route_key((VRAEM, BO), "cocaine", "air")


def test_shipped_from_to_by_sea() -> None:
    (r,) = routes(
        "The cocaine was shipped from Callao to Antwerp.", {"Callao": CALLAO, "Antwerp": ANTWERP}
    )
    assert (r.nodes, r.mode) == ((CALLAO, ANTWERP), "sea")


def test_from_through_to_keeps_the_waypoint() -> None:
    found = routes(
        "Cocaine paste moves from the VRAEM through Puno to Bolivia.",
        {"VRAEM": VRAEM, "Puno": PUNO, "Bolivia": BO},
    )
    assert paths(found) == {(VRAEM, PUNO, BO)}
    assert found[0].commodity == "coca paste"


def test_trailing_via_goes_before_the_destination() -> None:
    found = routes(
        "The drugs are flown from the VRAEM to Bolivia via Puno.",
        {"VRAEM": VRAEM, "Puno": PUNO, "Bolivia": BO},
    )
    assert paths(found) == {(VRAEM, PUNO, BO)}


def test_destination_named_before_origin() -> None:
    found = routes("Cocaine is flown to Bolivia from the VRAEM.", {"Bolivia": BO, "VRAEM": VRAEM})
    assert paths(found) == {(VRAEM, BO)}


def test_port_of_departure_without_from() -> None:
    text = (
        "Police found 2 tonnes of cocaine in banana containers at the port of Callao, "
        "bound for Antwerp in Belgium."
    )
    found = routes(text, {"Callao": CALLAO, "Antwerp": ANTWERP, "Belgium": "country:BE"})
    assert paths(found) == {(CALLAO, ANTWERP)}  # Belgium only locates Antwerp


def test_list_of_destinations_are_alternatives() -> None:
    text = "Cocaine is shipped from Callao to Belgium, the Netherlands and Spain."
    found = routes(
        text,
        {"Callao": CALLAO, "Belgium": "country:BE", "Netherlands": "country:NL",
         "Spain": "country:ES"},
    )  # fmt: skip
    assert paths(found) == {
        (CALLAO, "country:BE"), (CALLAO, "country:NL"), (CALLAO, "country:ES")
    }  # fmt: skip


def test_two_routes_in_one_sentence_each_with_its_mode() -> None:
    text = "Timber from Pucallpa is trucked to Lima and shipped from Callao to China."
    found = routes(
        text, {"Pucallpa": "gn:3693345", "Lima": LIMA, "Callao": CALLAO, "China": "country:CN"}
    )
    by_path = {r.nodes: r.mode for r in found}
    assert by_path == {("gn:3693345", LIMA): "road", (CALLAO, "country:CN"): "sea"}
    assert {r.commodity for r in found} == {"timber"}


# ---------------------------------------------------------------- Spanish


def test_sale_por_el_rio_hacia() -> None:
    (r,) = routes(
        "La droga sale por el río Putumayo hacia Brasil.",
        {"río Putumayo": PUTUMAYO, "Brasil": BR},
    )
    assert r.nodes == (PUTUMAYO, BR)
    assert (r.commodity, r.mode) == ("drugs", "river")  # a river on the path


def test_y_luego_hacia_is_a_next_leg_and_y_joins_alternatives() -> None:
    text = "La droga sale por el Putumayo hacia Tabatinga y Leticia, y luego hacia Manaos."
    found = routes(
        text,
        {"Putumayo": PUTUMAYO, "Tabatinga": TABATINGA, "Leticia": "gn:3676623",
         "Manaos": MANAUS},
    )  # fmt: skip
    assert paths(found) == {
        (PUTUMAYO, TABATINGA, MANAUS), (PUTUMAYO, "gn:3676623", MANAUS)
    }  # fmt: skip


def test_del_origin_and_con_destino_a() -> None:
    text = (
        "La cocaína del VRAEM es enviada por tierra a Lima y luego al Callao, con destino a Europa."
    )
    found = routes(text, {"VRAEM": VRAEM, "Lima": LIMA, "Callao": CALLAO, "Europa": EUROPE})
    assert paths(found) == {(VRAEM, LIMA, CALLAO, EUROPE)}
    assert found[0].mode == "road"


def test_o_hacia_gives_alternatives() -> None:
    text = "Los insumos químicos salen de Huancayo hacia el VRAEM o hacia Puno."
    found = routes(text, {"Huancayo": "gn:3939459", "VRAEM": VRAEM, "Puno": PUNO})
    assert paths(found) == {("gn:3939459", VRAEM), ("gn:3939459", PUNO)}
    assert found[0].commodity == "precursors"


def test_desde_hasta_on_foot() -> None:
    text = "Los mochileros llevan la pasta básica desde Pichari hasta Kimbiri por trochas."
    (r,) = routes(text, {"Pichari": "gn:3932418", "Kimbiri": "gn:8689248"})
    assert (r.nodes, r.commodity, r.mode) == (
        ("gn:3932418", "gn:8689248"),
        "coca paste",
        "footpath",
    )


# ---------------------------------------------------------------- what is not a route


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The President travelled from Lima to Callao on Monday.", {"Lima": LIMA, "Callao": CALLAO}),
        ("Coca cultivation spread from the VRAEM to Puno in 2020.", {"VRAEM": VRAEM, "Puno": PUNO}),
        ("La minería avanza desde el VRAEM hacia Puno.", {"VRAEM": VRAEM, "Puno": PUNO}),
        ("Police in Lima said cocaine is flown to Bolivia.", {"Lima": LIMA, "Bolivia": BO}),
        (
            "The government sent 1,500 police officers from Lima to the VRAEM to fight drug gangs.",
            {"Lima": LIMA, "VRAEM": VRAEM},
        ),
        (
            "Operation Mercury moved troops from Lima to Callao.",
            {"Lima": LIMA, "Callao": CALLAO},
        ),
        ("Gangs fight for Tabatinga as cocaine prices rise in Manaus.",
         {"Tabatinga": TABATINGA, "Manaus": MANAUS}),
        ("Mercury drains into the Putumayo, which flows into Brazil.",
         {"Putumayo": PUTUMAYO, "Brazil": BR}),
        ("Cocaine is shipped to Bolivia.", {"Bolivia": BO}),
    ],
)  # fmt: skip
def test_not_a_route(text: str, places: dict[str, str]) -> None:
    assert routes(text, places) == []


def test_route_per_key_once_per_document() -> None:
    text = "Cocaine leaves the VRAEM for Bolivia by air. Later, cocaine leaves the VRAEM for Bolivia by air."
    first = text.index("VRAEM")
    second = text.index("VRAEM", first + 1)
    b1 = text.index("Bolivia")
    b2 = text.index("Bolivia", b1 + 1)
    spans = [(first, first + 5, VRAEM), (b1, b1 + 7, BO), (second, second + 5, VRAEM),
             (b2, b2 + 7, BO)]  # fmt: skip
    found = extract_routes(text, split_sentences(text), spans)
    assert len(found) == 1
    assert found[0].span == Span(0, text.index(" Later"))
    assert found[0].evidence == text[: text.index(" Later")]


# ---------------------------------------------------------------- wiring and robustness


def test_extract_text_puts_routes_on_the_extraction() -> None:
    ex = extract_text(
        "Peruvian police said 300 kilograms of cocaine were shipped from Callao to Antwerp.",
        published="2024-11-12",
    )
    assert [r.nodes for r in ex.routes] == [(CALLAO, ANTWERP)]
    assert ex.routes[0].doc_id == ex.document.id


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.lists(st.integers(0, 300), max_size=6))
def test_arbitrary_text_and_spans_never_raise(text: str, cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    spans = [(a, b, f"gn:{i}") for i, (a, b) in enumerate(itertools.pairwise(points))]
    for route in extract_routes(text, split_sentences(text), spans):
        assert len(set(route.nodes)) >= 2
