"""Score the gazetteer readings of one place name in its text and pick the best.

In: a trie hit, its plausible payloads and the ``Scene`` (the text, its tokens, the home
country, the anchors resolved so far, the places named next to it). Out: a ``Reading``
(place, score, whether it needs a stronger place nearby) or None. The rules: Peru first,
kind words ("río Napo", "región Loreto"), nearness to the text's other places (anchors and
the names listed with it), larger places, and a foreign town only where its country is
named or a place of the text lies near it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pukara.extract.matcher import Hit, Token
from pukara.extract.text import fold
from pukara.model import Place, PlaceKind
from pukara.refdata.actors import load_demonyms
from pukara.refdata.gazetteer import Gazetteer

__all__ = [
    "ANCHOR_KINDS",
    "FUNCTION_WORDS",
    "KIND_AFTER",
    "KIND_BEFORE",
    "Anchors",
    "Payload",
    "PlaceMention",
    "Reading",
    "Scene",
    "best_reading",
    "km_between",
    "supported",
]

_BIG_TOWN = 1_000_000  # a town this large beats a region of the same name ("Lima")
_FOREIGN_TOWN = 100_000  # beyond Peru's neighbours only cities (ports, capitals) are likely
_SMALL_TOWN = 20_000  # below this a town needs a cue or an anchor nearby
_NEAR_KM = 250.0
_FOREIGN_NEAR_KM = 300.0  # a foreign town this close to a place of the text may be meant
_COMPANION_KM = 60.0  # names listed together lie this close to each other

# Kind words next to a name, in English (after the name) and Spanish (before it).
KIND_AFTER = {
    "river": PlaceKind.RIVER, "valley": PlaceKind.VALLEY, "valleys": PlaceKind.VALLEY,
    "region": PlaceKind.REGION, "department": PlaceKind.REGION, "province": PlaceKind.PROVINCE,
    "district": PlaceKind.DISTRICT, "city": PlaceKind.TOWN, "town": PlaceKind.TOWN,
    "basin": PlaceKind.RIVER, "border": PlaceKind.BORDER,
}  # fmt: skip
KIND_BEFORE = {
    "rio": PlaceKind.RIVER, "river": PlaceKind.RIVER, "valle": PlaceKind.VALLEY,
    "valley": PlaceKind.VALLEY,
    "region": PlaceKind.REGION, "departamento": PlaceKind.REGION,
    "provincia": PlaceKind.PROVINCE, "distrito": PlaceKind.DISTRICT,
    "ciudad": PlaceKind.TOWN, "localidad": PlaceKind.TOWN, "poblado": PlaceKind.TOWN,
    "caserio": PlaceKind.TOWN, "comunidad": PlaceKind.TOWN, "cuenca": PlaceKind.RIVER,
}  # fmt: skip
# Words before a name that say "this is a location" without naming a kind.
_LOCATIVE = {
    "in", "en", "near", "cerca", "at", "from", "desde", "to", "hacia", "hasta", "of", "de",
    "del", "around", "outside", "across", "toward", "towards", "into", "via", "por", "entre",
    "between", "and", "y", "e", "o", "or",
}  # fmt: skip
# Words before a name that make it a location even when the name is also a common word.
_STRONG_LOCATIVE = {
    "in", "en", "near", "cerca", "at", "from", "desde", "to", "hacia", "hasta", "into", "via",
    "around", "outside", "across", "toward", "towards",
}  # fmt: skip
# Capitalised words that may stand next to a place name without making it a person's name.
FUNCTION_WORDS = {
    "the", "el", "la", "los", "las", "in", "en", "of", "de", "del", "and", "y", "a", "an",
    "upper", "lower", "alto", "bajo", "northern", "southern", "eastern", "western", "north",
    "south", "east", "west", "norte", "sur", "este", "oeste", "province", "region", "district",
    "department", "river", "valley", "city", "provincia", "distrito", "departamento",
    "rio", "valle", "ciudad", "border", "frontera", "basin", "cuenca", "state", "estado",
    *{
        "across", "throughout", "along", "near", "inside", "outside", "beyond", "within",
        "around", "towards", "toward", "after", "before", "since", "during", "despite", "from",
        "unlike", "like", "while", "when", "where", "although", "though", "according",
        "meanwhile", "today", "yesterday", "last", "this", "that", "these", "those", "both",
        "all", "many", "some", "most", "several", "every", "each", "other", "such", "only",
        "even", "also", "yet", "still", "so", "then", "there", "here", "now", "already", "but",
        "for", "to", "at", "on", "by", "with", "as", "if", "desde", "hacia", "hasta", "durante",
        "segun", "tras", "ante", "bajo", "sobre", "entre", "mientras", "aunque", "cuando",
        "donde", "como", "todo", "toda", "todos", "todas", "cada", "otro", "otra", "ya", "aun",
        "tambien", "ademas", "hoy", "ayer", "con", "sin", "para", "por", "pero", "al",
    },
}  # fmt: skip
_ARTICLES = {"the", "el", "la", "los", "las", "a"}
_NEAR_COUNTRIES = {"PE", "CO", "BR", "EC", "BO", "CL"}
_MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ene", "abr", "ago", "set", "dic", "mayo", "junio", "julio", "marzo", "enero", "abril",
}  # fmt: skip
_KIND_BASE = {
    PlaceKind.COUNTRY: 100.0, PlaceKind.CONTINENT: 45.0, PlaceKind.REGION: 42.0,
    PlaceKind.ZONE: 44.0, PlaceKind.VALLEY: 43.0, PlaceKind.BORDER: 44.0,
    PlaceKind.PROVINCE: 28.0, PlaceKind.RIVER: 12.0, PlaceKind.DISTRICT: 14.0,
    PlaceKind.TOWN: 10.0, PlaceKind.OTHER: 5.0,
}  # fmt: skip
ANCHOR_KINDS = {
    PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.ZONE, PlaceKind.VALLEY,
    PlaceKind.BORDER, PlaceKind.PROVINCE, PlaceKind.RIVER, PlaceKind.CONTINENT,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Payload:
    place_id: str
    context_only: bool
    short_caps: bool  # an all-capitals short name ("VRAE", "USA") must be written so
    main: bool = True  # the entry's own name (not one of GeoNames' many alternates)


def _neighbour_words(
    hit: Hit[Payload], text: str, tokens: Sequence[Token], hit_tokens: frozenset[int]
) -> tuple[str, str]:
    """The original words just before and after the hit (empty at a boundary, and for a
    place name joined by a hyphen: "Pasco-Junín" is two places, not one name)."""
    i, j = hit.first - 1, hit.last + 1
    before = tokens[i] if i >= 0 else None
    after = tokens[j] if j < len(tokens) else None
    b = text[before.start : before.end] if before and _adjacent(text, before.end, hit.start) else ""
    a = text[after.start : after.end] if after and _adjacent(text, hit.end, after.start) else ""
    if before is not None and i in hit_tokens and "-" in text[before.end : hit.start]:
        b = ""
    if after is not None and j in hit_tokens and "-" in text[hit.end : after.start]:
        a = ""
    return b, a


def _adjacent(text: str, left: int, right: int) -> bool:
    gap = text[left:right]
    return len(gap) <= 2 and gap.strip(" -") == "" and "\n" not in gap


def _looks_like_name_part(word: str) -> bool:
    """A capitalised word beside a name makes it part of a longer name ("Mendoza Mora"),
    unless it is a function word or a nationality ("the Peruvian valley of ...")."""
    key = fold(word)
    return bool(word) and word[0].isupper() and key not in FUNCTION_WORDS and key not in _demonyms()


@lru_cache(maxsize=1)
def _demonym_index() -> dict[str, str]:
    """Folded one-word nationality -> country code ("colombianos" -> CO)."""
    return {
        fold(w): code
        for code, forms in load_demonyms().items()
        for w in forms
        if " " not in w and not w.replace(".", "").isupper()  # "US" would be the pronoun
    }


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(fold(w) for forms in load_demonyms().values() for w in forms)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    place: Place
    score: float


@dataclass(frozen=True, slots=True)
class Reading:
    place: Place
    score: float
    needs_support: bool  # small or ambiguous: kept only near a stronger place of the text


class Anchors:
    """The strong places of a text (countries, regions, zones, ...), each once, with the
    distance from any place to them computed once and sorted (no all-pairs loop)."""

    def __init__(self, places: Sequence[Place]) -> None:
        self.counts: dict[str, int] = {}
        self.places: dict[str, Place] = {}
        for p in places:
            self.counts[p.id] = self.counts.get(p.id, 0) + 1
            self.places.setdefault(p.id, p)
        self._sorted: dict[str, list[tuple[float, Place]]] = {}

    def ids(self, exclude: str | None) -> set[str]:
        """The anchors' ids, less ``exclude`` when the hit being read is its only mention."""
        out = set(self.places)
        if exclude is not None and self.counts.get(exclude) == 1:
            out.discard(exclude)
        return out

    def by_distance(self, place: Place) -> list[tuple[float, Place]]:
        found = self._sorted.get(place.id)
        if found is None:
            found = sorted(
                ((km_between(place, a), a) for a in self.places.values()), key=lambda x: x[0]
            )
            self._sorted[place.id] = found
        return found

    def nearest(self, place: Place, exclude: str | None, *, local: bool = False) -> float:
        """Distance to the nearest other anchor (``local``: not a country or continent)."""
        for km, a in self.by_distance(place):
            if a.id == place.id or (a.id == exclude and self.counts.get(a.id) == 1):
                continue
            if local and a.kind in {PlaceKind.COUNTRY, PlaceKind.CONTINENT}:
                continue
            return km
        return math.inf


@dataclass
class Scene:
    """What the reader knows about a text while it reads one name in it."""

    text: str
    tokens: Sequence[Token]
    gaz: Gazetteer
    home: str
    anchors: Anchors = field(default_factory=lambda: Anchors(()))
    hit_tokens: frozenset[int] = frozenset()  # tokens inside any place name of the text
    nationalities: frozenset[str] = frozenset()  # countries whose people the text names

    @classmethod
    def of(cls, text: str, tokens: Sequence[Token], gaz: Gazetteer, home: str) -> Scene:
        index = _demonym_index()
        named = frozenset(index[t.norm] for t in tokens if t.norm in index)
        return cls(text, tokens, gaz, home, nationalities=named)


def best_reading(
    hit: Hit[Payload],
    cands: list[Payload],
    scene: Scene,
    exclude: str | None = None,
    companions: Sequence[Place] = (),
    region: tuple[str, PlaceKind] | None = None,
) -> Reading | None:
    """The best reading of ``hit``. ``exclude``: this hit's own anchor (not its own context);
    ``companions``: readings of the names listed beside it ("Santa Rosa, Leticia y
    Tabatinga"); ``region``: the department a list names for it ("los distritos de A y B
    (Pasco)")."""
    text, tokens, gaz, home = scene.text, scene.tokens, scene.gaz, scene.home
    before_word, after_word = _neighbour_words(hit, text, tokens, scene.hit_tokens)
    back = hit.first - 1
    if back > 0 and tokens[back].norm in _ARTICLES:
        back -= 1  # "in the Amazon", "en el Vraem": the cue stands before the article
    prev = tokens[back].norm if back >= 0 else ""
    nxt = tokens[hit.last + 1].norm if hit.last + 1 < len(tokens) else ""
    cue_kind = KIND_AFTER.get(nxt) or KIND_BEFORE.get(prev)
    locative = prev in _LOCATIVE or cue_kind is not None
    strong_locative = prev in _STRONG_LOCATIVE or cue_kind is not None
    sentence_start = hit.start == 0 or text[: hit.start].rstrip()[-1:] in {".", "\n", ":", ""}
    name_like = _looks_like_name_part(before_word) or _looks_like_name_part(after_word)
    single = hit.first == hit.last
    word = tokens[hit.first].norm
    if single and word in _MONTHS and nxt.isdigit():
        return None  # "Jan. 4", "Mar 2014": a date, not a place
    if single and word in FUNCTION_WORDS:
        return None  # "Para 2024, ..." opens a Spanish sentence; it is not Pará
    context = [scene.anchors.places[i] for i in scene.anchors.ids(exclude)]
    countries_named = {a.country for a in context if a.kind is PlaceKind.COUNTRY}
    continents_named = {a.id for a in context if a.kind is PlaceKind.CONTINENT}
    places = [
        pl for pl in (
            gaz.get(p.place_id) for p in cands
            # a far city by one of GeoNames' many foreign-language names ("Alzira" for
            # Algiers) needs its country named in the text too
            if p.main
            or _kind_of(gaz, p) is not PlaceKind.TOWN
            or _near_country(gaz, p)
            or _country_of(gaz, p) in countries_named
            or _continent_of(gaz, p) in continents_named
        )
        if pl is not None
    ]  # fmt: skip
    by_main = {p.place_id for p in cands if p.main}
    admin_namesake = any(pl.kind in {PlaceKind.REGION, PlaceKind.PROVINCE} for pl in places)
    foreign_namesake = any(pl.kind is PlaceKind.COUNTRY and pl.country != home for pl in places)
    context_ids = {a.id for a in context}
    best: Reading | None = None
    for place in places:
        score = _KIND_BASE[place.kind]
        big = (place.population or 0) >= _BIG_TOWN
        if place.kind is PlaceKind.TOWN and place.population:
            score += min(45.0, 6.0 * math.log10(max(place.population, 10)))
            if big:
                score += 15.0
            elif admin_namesake:
                score = min(score, _KIND_BASE[PlaceKind.PROVINCE] - 1)  # Cajamarca: the region
        if (
            place.kind is PlaceKind.TOWN
            and place.country != home
            and (place.population or 0) < _FOREIGN_TOWN
        ):
            if place.country not in _NEAR_COUNTRIES:
                continue  # a small foreign town is far likelier a misreading than a report's place
            near_text = (
                place.country in countries_named
                or place.country in scene.nationalities  # "Colombian troops entered Mocoa"
                or scene.anchors.nearest(place, exclude, local=True) <= _FOREIGN_NEAR_KM
                or any(km_between(place, c) <= _COMPANION_KM for c in companions)
            )
            if not near_text:
                continue  # "Registro" in a text about Pasco is not the Brazilian town
        if place.country == home:
            score += 20.0
        if place.kind is not PlaceKind.COUNTRY and place.country in countries_named:
            score += 25.0  # Valencia with Spain named is the Spanish port, not Venezuela's
        if place.country not in _NEAR_COUNTRIES and place.id not in by_main:
            score -= 40.0  # "Puno" is one of Pune's spellings, but Puno is in Peru
        if cue_kind is not None and _kind_fits(cue_kind, place.kind):
            score += 60.0
        if region is not None and place.admin1 == region[0] and place.kind is not PlaceKind.REGION:
            score += 100.0 if place.kind is region[1] else 60.0  # "los distritos de A y B (Pasco)"
        if any(km_between(place, c) <= _COMPANION_KM for c in companions):
            score += 35.0  # listed with its neighbours: "Santa Rosa, Leticia y Tabatinga"
        if context:
            if scene.anchors.nearest(place, exclude) <= _NEAR_KM:
                score += 15.0
            if (
                foreign_namesake
                and place.country == home
                and scene.anchors.nearest(place, exclude, local=True) <= 120.0
            ):
                score += 50.0  # "Islandia" beside Santa Rosa is the Loreto town, not Iceland
            parent = gaz.get(place.parent_id) if place.parent_id else None
            if parent is not None and parent.id in context_ids and fold(parent.name) != word:
                score += 15.0  # ... but "Puno" is not Puno province for naming Puno region
        small = place.kind in {PlaceKind.TOWN, PlaceKind.DISTRICT} and (
            (place.population or 0) < _SMALL_TOWN
        )
        ambiguous = (
            single
            and word in gaz.ambiguous_words
            and place.kind not in {PlaceKind.COUNTRY, PlaceKind.CONTINENT, PlaceKind.REGION}
            and (place.population or 0) < _BIG_TOWN  # "Lima" is the capital, not a lime
            # a foreign city whose country the text names ("Valencia" with "España")
            and not (place.country != home and place.country in countries_named)
        )
        if name_like and place.kind not in {PlaceKind.COUNTRY, PlaceKind.CONTINENT}:
            continue  # "Mendoza Mora", "Carmen Masías": part of a person's or firm's name
        needs_support = (small or ambiguous) and not (locative and not sentence_start)
        if ambiguous and not strong_locative:
            needs_support = True  # "cultivos de COCA" is the crop; "en Coca" may be the town
        if best is None or score > best.score:
            best = Reading(place, score, needs_support)
    return best


def _kind_of(gaz: Gazetteer, payload: Payload) -> PlaceKind | None:
    place = gaz.get(payload.place_id)
    return place.kind if place else None


def _continent_of(gaz: Gazetteer, payload: Payload) -> str | None:
    country = gaz.get(f"country:{_country_of(gaz, payload)}")
    return country.parent_id if country else None


def _country_of(gaz: Gazetteer, payload: Payload) -> str | None:
    place = gaz.get(payload.place_id)
    return place.country if place else None


def _near_country(gaz: Gazetteer, payload: Payload) -> bool:
    place = gaz.get(payload.place_id)
    return place is not None and place.country in _NEAR_COUNTRIES


def _kind_fits(cue: PlaceKind, kind: PlaceKind) -> bool:
    if cue is kind:
        return True
    return {cue, kind} <= {PlaceKind.VALLEY, PlaceKind.ZONE} or {cue, kind} <= {
        PlaceKind.TOWN, PlaceKind.DISTRICT}  # fmt: skip


def supported(
    place: Place, anchors: Anchors, exclude: str | None = None, companions: Sequence[Place] = ()
) -> bool:
    """A small or ambiguous place counts only near a stronger place named in the same text,
    or beside a name listed with it that can be read as a neighbour ("Santa Rosa, Leticia
    y Tabatinga")."""
    ids = anchors.ids(exclude)
    if place.parent_id in ids:
        return True
    if any(km_between(place, c) <= _COMPANION_KM for c in companions):
        return True
    return anchors.nearest(place, exclude, local=True) <= 120.0


def km_between(a: Place, b: Place) -> float:
    if a.point is None or b.point is None:
        return math.inf
    p1, p2 = math.radians(a.point.lat), math.radians(b.point.lat)
    dp, dl = p2 - p1, math.radians(b.point.lon - a.point.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
