"""Geoparsing on sentences invented for these tests (demo text, English and Spanish)."""

from __future__ import annotations

import pytest

from pukara.extract.actors import registry_mentions
from pukara.extract.matcher import tokenize
from pukara.extract.places import PlaceMention, extract_places
from pukara.model import PlaceKind
from pukara.refdata.gazetteer import load_gazetteer


def _places(text: str) -> list[PlaceMention]:
    tokens = tokenize(text)
    return extract_places(text, tokens, registry_mentions(text, tokens))


def _ids(text: str) -> dict[str, PlaceKind]:
    return {m.surface: m.place.kind for m in _places(text)}


def test_gazetteer_covers_peru_admin_levels_and_neighbours() -> None:
    gaz = load_gazetteer()
    kinds = [e.place for e in gaz.entries.values()]
    regions = [p for p in kinds if p.kind is PlaceKind.REGION and p.country == "PE"]
    districts = [p for p in kinds if p.kind is PlaceKind.DISTRICT and p.country == "PE"]
    provinces = [p for p in kinds if p.kind is PlaceKind.PROVINCE and p.country == "PE"]
    assert len(regions) >= 25 and len(provinces) >= 190 and len(districts) >= 1800
    assert all(p.point is not None for p in regions + provinces)
    assert all(p.ubigeo for p in districts)
    names = {p.name for p in kinds}
    assert {"Leticia", "Tabatinga", "VRAEM"} <= names


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Troops were sent to Loreto and Cajamarca last week.", "Loreto", PlaceKind.REGION),
        ("Troops were sent to Loreto and Cajamarca last week.", "Cajamarca", PlaceKind.REGION),
        ("The plane landed in Lima on Monday.", "Lima", PlaceKind.TOWN),
        ("Las dragas operaban en el río Napo, cerca de Mazán.", "río Napo", PlaceKind.RIVER),
        ("Smugglers cross from Santa Rosa to Leticia and Tabatinga.", "Leticia", PlaceKind.TOWN),
        ("La coca se expande en el Vraem y en el Alto Huallaga.", "Vraem", PlaceKind.ZONE),
        ("Cocaine moves down the Amazon River towards Brazil.", "Amazon River", PlaceKind.RIVER),
        ("Deforestation in the Amazon reached a record.", "Amazon", PlaceKind.ZONE),
        ("Patrols along the border with Colombia were doubled.", "border with Colombia",
         PlaceKind.BORDER),
    ],
)  # fmt: skip
def test_disambiguation(text: str, surface: str, kind: PlaceKind) -> None:
    found = _ids(text)
    assert found.get(surface) is kind, found


def test_person_names_and_common_words_are_not_places() -> None:
    text = (
        "Analyst Carlos Mendoza Mora said the Anti-Drug Police would act. "
        "The Drug Trade Union met in Victoria Hall."
    )
    surfaces = {m.surface for m in _places(text)}
    assert "Mendoza" not in surfaces and "Drug" not in surfaces and "Union" not in surfaces


def test_accents_optional_and_damaged_copies() -> None:
    found = _ids("Erradicación en Apurimac y Huanuco; the Apurmac, Ene and Mantaro River Valley.")
    assert found.get("Apurimac") is PlaceKind.REGION
    assert found.get("Huanuco") is PlaceKind.REGION
    assert found.get("Apurmac, Ene and Mantaro River Valley") is PlaceKind.ZONE
    assert _ids("Perus army moved north.").get("Perus") is PlaceKind.COUNTRY


def test_small_town_needs_support() -> None:
    # A small district name alone, with no region nearby, is not trusted ...
    alone = _ids("Paz said nothing.")
    assert "Paz" not in alone
    # ... but next to its region it is found, with coordinates in that region.
    found = [m for m in _places("Los sembríos de Llochegua, en Ayacucho, fueron erradicados.")
             if m.surface == "Llochegua"]  # fmt: skip
    assert found and found[0].place.admin1 == "Ayacucho"
    assert found[0].place.point is not None and -13.5 < found[0].place.point.lat < -11.5


def test_every_place_has_coordinates_and_admin1_in_peru() -> None:
    text = (
        "Operativos en Puerto Inca, Tocache, Pichari y Puerto Maldonado durante 2024, en el Perú."
    )
    for m in _places(text):
        assert m.place.point is not None
        if m.place.country == "PE" and m.place.kind is not PlaceKind.COUNTRY:
            assert m.place.admin1


def test_department_polygons_answer_point_in_polygon() -> None:
    from pukara.model import Point
    from pukara.refdata.gazetteer import department_at, load_department_shapes

    assert len(load_department_shapes()["features"]) == 25
    cases = {(-12.5, -73.9): "Ayacucho", (-3.75, -73.25): "Loreto", (-12.6, -69.2): "Madre de Dios"}
    for (lat, lon), name in cases.items():
        found = department_at(Point(lat, lon))
        assert found is not None and found.name == name
    assert department_at(Point(-16.5, -68.15)) is None  # La Paz, Bolivia


# ---------------------------------------------------------------- issue 10: geocoding


def _doc_places(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """name -> (kind, country, admin1) of the places the whole pipeline finds in ``text``."""
    from pukara.extract.contract import to_contract
    from pukara.extract.document import extract_text

    out = to_contract(extract_text(text))["places"]
    return {p["name"]: (p["kind"], p["country"], p["admin1"]) for p in out}


def test_a_zones_full_name_beats_a_town_hidden_in_its_first_words() -> None:
    # invented sentence: "el valle" is also a town's name; the zone's name is longer
    found = _doc_places("La coca crece en el valle de los ríos Apurímac, Ene y Mantaro.")
    assert "VRAEM" in found
    assert not any(kind == "town" for kind, _, _ in found.values()), found


def test_the_zone_has_an_english_long_form() -> None:
    # invented sentence
    found = _doc_places(
        "Planes leave the Peruvian valley of the Apurímac, Ene, and Mantaro rivers."
    )
    assert "VRAEM" in found


def test_one_province_of_a_region_is_the_region() -> None:
    # invented sentence: "una provincia de Loreto" is a province in Loreto, not Loreto province
    found = _doc_places(
        "Una provincia de Loreto ha caído ante el narcotráfico, en la región Loreto."
    )
    assert [(n, k) for n, (k, _, _) in found.items()] == [("Loreto", "region")]


def test_a_bare_region_name_is_the_region_not_its_capital_province() -> None:
    # invented text
    found = _doc_places("Puno suma otro enclave minero.\nLa región Puno es minera.")
    assert [(n, k) for n, (k, _, _) in found.items()] == [("Puno", "region")]


def test_places_joined_by_hyphens_are_each_a_place() -> None:
    # invented sentence
    found = _doc_places(
        "Los insumos siguen la ruta Pasco-Junín-Huancavelica-Ayacucho hacia el VRAEM."
    )
    assert {"Pasco", "Junín", "Huancavelica", "Ayacucho"} <= set(found), found


def test_a_small_foreign_town_needs_its_country_or_a_neighbour() -> None:
    # invented sentences: "Registro" is a Brazilian town and a Spanish common noun
    found = _doc_places("Las empresas deben inscribirse en el Registro de Bienes en Pasco.")
    assert "Registro" not in found, found
    # ... a foreign town next to its country is kept
    found = _doc_places("Los botes cruzan de Santa Rosa a Tabatinga, en Brasil.")
    assert found.get("Tabatinga", ("", "", ""))[1] == "BR"


def test_towns_named_together_are_read_near_each_other() -> None:
    # invented sentence: the Santa Rosa facing Leticia, not one in the Andes
    found = _doc_places("Está a dos horas de Santa Rosa, Leticia y Tabatinga por el río Amazonas.")
    santa_rosa = [a for n, (_, _, a) in found.items() if n.startswith("Santa Rosa")]
    assert santa_rosa == ["Loreto"], found


@pytest.mark.parametrize(
    ("text", "border", "countries"),
    [
        # invented sentences
        ("Caballococha está cerca de la frontera entre Perú, Colombia y Brasil.",
         "Triple Frontier", {"Peru", "Colombia", "Brazil"}),
        ("La droga cruza la frontera entre Perú y Bolivia por el lago.",
         "Bolivia–Peru border", {"Peru", "Bolivia"}),
        ("Coca grows along the border with Brazil in Ucayali.",
         "Brazil–Peru border", {"Brazil"}),
    ],
)  # fmt: skip
def test_a_border_named_by_its_countries_is_the_border_and_the_countries(
    text: str, border: str, countries: set[str]
) -> None:
    found = _doc_places(text)
    assert border in found, found
    assert countries <= set(found), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # invented sentences
        ("Los detenidos estaban en el sector conocido como 'Las Dos Lomas', en Puno.", "Las Dos Lomas"),
        ("La procesadora estaba en la comunidad campesina Santa Inés de Paita, en Piura.",
         "Santa Inés de Paita"),
        ("Los mineros viven en el centro poblado Nueva Esperanza, en Madre de Dios.",
         "Nueva Esperanza"),
    ],
)  # fmt: skip
def test_a_name_introduced_by_a_common_noun_is_a_place(text: str, name: str) -> None:
    found = _doc_places(text)
    assert name in found, found


def test_a_misspelt_department_is_still_the_department() -> None:
    # invented text: "Ucuyali" for Ucayali, as a hurried copy writes it
    found = _doc_places("The gang was arrested last Friday in Ucuyali, an Amazon region of Peru.")
    assert found.get("Ucayali", ("", "", ""))[0] == "region", found


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # invented sentences: each district's name exists in other departments too
        ("La policía intervino en los distritos de Vilcabamba y Simón Bolívar (Pasco).", "Pasco"),
        ("Hubo operativos en los distritos de Santo Tomás y San Jerónimo (Cusco).", "Cusco"),
    ],
)
def test_districts_listed_with_their_region_are_in_that_region(text: str, region: str) -> None:
    found = _doc_places(text)
    districts = [(n, k, a) for n, (k, _, a) in found.items() if n != region]
    assert len(districts) == 2, found
    assert all(k == "district" and a == region for _, k, a in districts), found
