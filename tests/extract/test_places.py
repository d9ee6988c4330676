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
