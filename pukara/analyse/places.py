"""Places as people name them: resolving a name to a place, describing it, telling
namesakes apart, and what a place page or a briefing says about it.

In: a store view and a place id or name ("LORETO", "Loreto", "pe:16", "PE",
"Amazonas, Brasil"). Out: a place id (``resolve_place``; an unknown name is a
``PukaraError`` that offers the closest names), a description ("department of Peru",
"province in Loreto, Peru"), a label that tells same-named places apart ("Amazonas (Peru)",
"Amazonas (Brazil)"), and ``PlaceSummary``: the place's figures, happenings, convergence
score, shifts and indicators. Places are matched without case or accents; a department
beats a province of the same name, a Peruvian place a foreign namesake.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pukara.errors import NotFoundError, PukaraError
from pukara.model import Place, PlaceKind
from pukara.model.textnorm import closest, fold
from pukara.store import Reader, as_view

__all__ = [
    "COUNTRY_NAMES",
    "describe_place",
    "hotspot_unit",
    "is_department",
    "place_labels",
    "resolve_place",
]

_KIND_RANK = {"country": 0, "region": 1, "zone": 2, "valley": 3, "province": 4, "district": 5}
COUNTRY_NAMES = {
    "PE": "Peru", "CO": "Colombia", "BR": "Brazil", "EC": "Ecuador", "BO": "Bolivia",
    "CL": "Chile", "VE": "Venezuela", "AR": "Argentina", "PY": "Paraguay", "MX": "Mexico",
    "US": "United States",
}  # fmt: skip


def resolve_place(store: Reader, place: str) -> str:
    """A place id for ``place``: an id in the store, ``country:XX``/``XX`` for a country,
    or a name (optionally ", Country") matched without case or accents.

    Raises ``PukaraError`` naming the closest places the store knows when nothing matches.
    """
    store = as_view(store)
    text = place.strip()
    if not text:
        raise PukaraError("place: give a place id (pe:16, country:PE) or a name (Loreto)")
    if store.place(text) is not None:
        return text
    if text.lower().startswith("country:") or (len(text) == 2 and text.isalpha()):
        return "country:" + text.rsplit(":", 1)[-1].upper()
    name, _, country = (p.strip() for p in text.partition(","))
    places = store.places()
    matches = [p for p in places if fold(p.name) == fold(name)]
    if country:
        matches = [p for p in matches if _country_matches(p, country)]
    if not matches:
        hint = closest(name, (p.name for p in places))
        also = f"; closest: {', '.join(hint)}" if hint else ""
        raise NotFoundError(
            f"place {place!r}: not in the store{also}. Give a place id (pe:16, country:PE, "
            "zone:vraem) or the name of a place that documents mention"
        )
    best = min(matches, key=lambda p: (p.country != "PE", _KIND_RANK.get(p.kind.value, 9), p.id))
    return best.id


def _country_matches(place: Place, country: str) -> bool:
    key = fold(country)
    code = (place.country or "").upper()
    return key == code.lower() or key == fold(COUNTRY_NAMES.get(code, code))


def is_department(place: Place) -> bool:
    return place.kind is PlaceKind.REGION and place.admin1_id == place.id


def describe_place(place: Place) -> str:
    """ "department of Peru", "province in Loreto, Peru", "zone"."""
    kind = {"region": "department" if place.country == "PE" else "region",
            "town": "town or village"}.get(place.kind.value, place.kind.value)  # fmt: skip
    country = COUNTRY_NAMES.get(place.country or "", place.country or "")
    if place.kind is PlaceKind.REGION and country:
        return f"{kind} of {country}"
    where = ", ".join(p for p in (place.admin1, country) if p)
    return f"{kind} in {where}" if where else kind


def place_labels(places: Iterable[Place]) -> dict[str, str]:
    """A readable label per place id: its name, with its department or country added
    where two of the places share a name ("Amazonas (Peru)", "Amazonas (Brazil)")."""
    chosen = list(places)
    counts: dict[str, int] = {}
    for p in chosen:
        counts[fold(p.name)] = counts.get(fold(p.name), 0) + 1
    labels = {}
    for p in chosen:
        if counts[fold(p.name)] == 1:
            labels[p.id] = p.name
            continue
        country = COUNTRY_NAMES.get(p.country or "", p.country or "?")
        inside = p.admin1 if p.admin1 and p.admin1 != p.name else None
        labels[p.id] = f"{p.name} ({', '.join(x for x in (inside, country) if x)})"
    return labels


def hotspot_unit(place: Place) -> tuple[str, str]:
    """(level, unit id) of the hotspot that covers the place: its own as a province, else
    its department's."""
    if place.kind is PlaceKind.PROVINCE:
        return "province", place.id
    return "admin1", place.admin1_id or place.id


def names_with_labels(store: Reader, ids: Sequence[str | None]) -> dict[str, str]:
    """Readable labels of these place ids (namesakes told apart)."""
    store = as_view(store)
    wanted = {i for i in ids if i}
    found = [p for p in store.places() if p.id in wanted]
    return place_labels(found)


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """A place offered in a list or a search result."""

    id: str
    label: str
    description: str
