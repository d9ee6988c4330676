"""Geoparse a text: find place names, pick the right gazetteer entry, give coordinates.

In: a text (its tokens) and the spans already claimed by actors. Out: ``PlaceMention``s
with the resolved ``Place``. Disambiguation prefers Peru, places near other places in the
same text, kind words next to the name ("río Napo", "Loreto region"), and larger places;
single capitalised words that are also common words or person names need a cue
("in", "en", "near", "district of") or a nearby anchor place to count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pukara.extract.matcher import Hit, Token, TokenTrie
from pukara.extract.text import fold
from pukara.model import Place, PlaceKind
from pukara.refdata.gazetteer import Gazetteer, load_gazetteer

__all__ = ["PlaceMention", "extract_places", "km_between"]

_BIG_TOWN = 1_000_000  # a town this large beats a region of the same name ("Lima")
_FOREIGN_TOWN = 100_000  # beyond Peru's neighbours only cities (ports, capitals) are likely
_SMALL_TOWN = 20_000  # below this a town needs a cue or an anchor nearby
_NEAR_KM = 250.0

# Kind words next to a name, in English (after the name) and Spanish (before it).
_KIND_AFTER = {
    "river": PlaceKind.RIVER, "valley": PlaceKind.VALLEY, "valleys": PlaceKind.VALLEY,
    "region": PlaceKind.REGION, "department": PlaceKind.REGION, "province": PlaceKind.PROVINCE,
    "district": PlaceKind.DISTRICT, "city": PlaceKind.TOWN, "town": PlaceKind.TOWN,
    "basin": PlaceKind.RIVER, "border": PlaceKind.BORDER,
}  # fmt: skip
_KIND_BEFORE = {
    "rio": PlaceKind.RIVER, "river": PlaceKind.RIVER, "valle": PlaceKind.VALLEY,
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
_FUNCTION_WORDS = {
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
_ANCHOR_KINDS = {
    PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.ZONE, PlaceKind.VALLEY,
    PlaceKind.BORDER, PlaceKind.PROVINCE, PlaceKind.RIVER, PlaceKind.CONTINENT,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    place: Place
    score: float


@dataclass(frozen=True, slots=True)
class _Payload:
    place_id: str
    context_only: bool
    short_caps: bool  # an all-capitals short name ("VRAE", "USA") must be written so
    main: bool = True  # the entry's own name (not one of GeoNames' many alternates)


def _variants(name: str, kind: PlaceKind) -> set[str]:
    """The name as written, plus the forms that damaged copies of reports produce: accented
    letters dropped ("Apurmac" for "Apurímac") and, for countries and regions, a possessive
    that lost its apostrophe ("Perus" for "Peru's")."""
    out = {name}
    dropped = [c for c in name if not c.isascii()]
    kept = "".join(c for c in name if c.isascii())
    # only a name that stays recognisable: one or two lost accented letters of a long name
    accents = all(c.lower() in "áéíóúàèìòùâêîôûãõäëïöüñç" for c in dropped)
    if dropped and accents and len(dropped) <= 2 and len(re.sub(r"\W", "", kept)) >= 5:
        out.add(kept)
    if kind in {PlaceKind.COUNTRY, PlaceKind.REGION} and " " not in name and name.isalpha():
        out.add(name + "s")
    return out


@lru_cache(maxsize=1)
def _trie() -> TokenTrie[_Payload]:
    gaz = load_gazetteer()
    trie: TokenTrie[_Payload] = TokenTrie()
    for entry in gaz.entries.values():
        pid, kind = entry.place.id, entry.place.kind
        for i, name in enumerate(entry.names):
            letters = len(re.sub(r"\W", "", name))
            caps = name.isupper() and letters <= 4
            if letters >= 2:
                for form in _variants(name, kind):
                    trie.add(form, _Payload(pid, False, caps, i == 0))
        for name in entry.context_names:
            # "the Amazon" -> "Amazon": an article must not let a short context name swallow
            # the start of a longer real name ("the Amazon River"); a bare common noun left
            # over ("the border", "la selva") is too vague to mean one place.
            bare = re.sub(r"^(?:the|el|la|los|las)\s+", "", name, flags=re.I)
            if bare != name and " " not in bare and bare.islower():
                continue
            for form in _variants(bare, kind):
                trie.add(form, _Payload(pid, True, False))
    return trie


def km_between(a: Place, b: Place) -> float:
    if a.point is None or b.point is None:
        return math.inf
    p1, p2 = math.radians(a.point.lat), math.radians(b.point.lat)
    dp, dl = p2 - p1, math.radians(b.point.lon - a.point.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def extract_places(
    text: str,
    tokens: Sequence[Token],
    claimed: Sequence[tuple[int, int]] = (),
    home_country: str = "PE",
) -> list[PlaceMention]:
    """Place mentions in ``text``; spans in ``claimed`` (actor names) are skipped."""
    gaz = load_gazetteer()
    hits = [h for h in _trie().find(list(tokens)) if not _inside(h, claimed)]
    candidates = [(h, _plausible(h, text, tokens, gaz, home_country)) for h in hits]
    candidates = [(h, c) for h, c in candidates if c]
    # Pass 1: anchors (countries, regions, zones, ...) resolved on their own.
    anchors: list[tuple[int, Place]] = []
    for n, (hit, cands) in enumerate(candidates):
        best = _best(hit, cands, text, tokens, gaz, home_country, [])
        if best is not None and best[0].kind in _ANCHOR_KINDS and not best[2]:
            anchors.append((n, best[0]))
    # Pass 2: everything, with the other hits' anchors as context.
    out: list[PlaceMention] = []
    for n, (hit, cands) in enumerate(candidates):
        context = [p for m, p in anchors if m != n]
        best = _best(hit, cands, text, tokens, gaz, home_country, context)
        if best is None:
            continue
        place, score, needs_support = best
        if needs_support and not _supported(place, context):
            continue
        out.append(PlaceMention(hit.start, hit.end, text[hit.start : hit.end], place, score))
    return _one_sense(out, tokens, text)


def _one_sense(
    mentions: list[PlaceMention], tokens: Sequence[Token], text: str
) -> list[PlaceMention]:
    """A name used several times in one text means one place ("Putumayo" is not the river
    here and the province there) unless a kind word says otherwise: take the reading with
    the best total score among the mentions written without a kind word."""
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if not _has_kind_word(m, text):
            groups.setdefault(fold(m.surface), []).append(i)
    out = list(mentions)
    for idxs in groups.values():
        if len({mentions[i].place.id for i in idxs}) < 2:
            continue
        totals: dict[str, float] = {}
        for i in idxs:
            totals[mentions[i].place.id] = totals.get(mentions[i].place.id, 0.0) + mentions[i].score
        winner = max(idxs, key=lambda i: (totals[mentions[i].place.id], mentions[i].score))
        for i in idxs:
            out[i] = PlaceMention(
                mentions[i].start, mentions[i].end, mentions[i].surface,
                mentions[winner].place, mentions[i].score,
            )  # fmt: skip
    return out


def _has_kind_word(m: PlaceMention, text: str) -> bool:
    words = fold(m.surface).split()
    after = fold(text[m.end : m.end + 12]).split()[:1]
    before = fold(text[max(0, m.start - 14) : m.start]).split()[-1:]
    return bool(
        set(words) & (set(_KIND_AFTER) | set(_KIND_BEFORE))
        or (after and after[0] in _KIND_AFTER)
        or (before and before[0] in _KIND_BEFORE)
    )


def _inside(hit: Hit[_Payload], claimed: Sequence[tuple[int, int]]) -> bool:
    return any(s <= hit.start and hit.end <= e for s, e in claimed)


def _plausible(
    hit: Hit[_Payload], text: str, tokens: Sequence[Token], gaz: Gazetteer, home: str
) -> list[_Payload]:
    surface = text[hit.start : hit.end]
    out = []
    for p in hit.payloads:
        if p.context_only:
            if home == "PE":
                out.append(p)
            continue
        if not any(c.isupper() for c in surface):
            continue  # place names are written with capitals
        if p.short_caps and not surface.replace(".", "").replace(" ", "").isupper():
            continue
        if len(surface) <= 5 and not surface.isascii() and not _written_so(surface, p, gaz):
            continue  # "Içá" is not "Ica": short names must keep their accents
        if not surface[0].isupper() and not surface[0].isdigit():
            # "río Napo": a lower-case kind word may open the name, the name itself may not
            first = tokens[hit.first].norm
            if first not in _KIND_BEFORE and first not in _FUNCTION_WORDS:
                continue
        out.append(p)
    return out


def _written_so(surface: str, payload: _Payload, gaz: Gazetteer) -> bool:
    entry = gaz.entries.get(payload.place_id)
    names = (*entry.names, *entry.context_names) if entry else ()
    return any(surface.lower() == n.lower() for n in names)


def _neighbour_words(hit: Hit[_Payload], text: str, tokens: Sequence[Token]) -> tuple[str, str]:
    """The original words just before and after the hit (empty at a boundary)."""
    before = tokens[hit.first - 1] if hit.first > 0 else None
    after = tokens[hit.last + 1] if hit.last + 1 < len(tokens) else None
    b = text[before.start : before.end] if before and _adjacent(text, before.end, hit.start) else ""
    a = text[after.start : after.end] if after and _adjacent(text, hit.end, after.start) else ""
    return b, a


def _adjacent(text: str, left: int, right: int) -> bool:
    gap = text[left:right]
    return len(gap) <= 2 and gap.strip(" -") == "" and "\n" not in gap


def _looks_like_name_part(word: str) -> bool:
    return bool(word) and word[0].isupper() and fold(word) not in _FUNCTION_WORDS


def _best(
    hit: Hit[_Payload],
    cands: list[_Payload],
    text: str,
    tokens: Sequence[Token],
    gaz: Gazetteer,
    home: str,
    anchors: list[Place],
) -> tuple[Place, float, bool] | None:
    before_word, after_word = _neighbour_words(hit, text, tokens)
    back = hit.first - 1
    if back > 0 and tokens[back].norm in _ARTICLES:
        back -= 1  # "in the Amazon", "en el Vraem": the cue stands before the article
    prev = tokens[back].norm if back >= 0 else ""
    nxt = tokens[hit.last + 1].norm if hit.last + 1 < len(tokens) else ""
    cue_kind = _KIND_AFTER.get(nxt) or _KIND_BEFORE.get(prev)
    locative = prev in _LOCATIVE or cue_kind is not None
    strong_locative = prev in _STRONG_LOCATIVE or cue_kind is not None
    sentence_start = hit.start == 0 or text[: hit.start].rstrip()[-1:] in {".", "\n", ":", ""}
    name_like = _looks_like_name_part(before_word) or _looks_like_name_part(after_word)
    single = hit.first == hit.last
    word = tokens[hit.first].norm
    if single and word in _MONTHS and nxt.isdigit():
        return None  # "Jan. 4", "Mar 2014": a date, not a place
    if single and word in _FUNCTION_WORDS:
        return None  # "Para 2024, ..." opens a Spanish sentence; it is not Pará
    countries_named = {a.country for a in anchors if a.kind is PlaceKind.COUNTRY}
    continents_named = {a.id for a in anchors if a.kind is PlaceKind.CONTINENT}
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
    best: tuple[Place, float, bool] | None = None
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
            and place.country not in _NEAR_COUNTRIES
            and (place.population or 0) < _FOREIGN_TOWN
        ):
            continue  # a small foreign town is far likelier a misreading than a report's place
        if place.country == home:
            score += 20.0
        if place.kind is not PlaceKind.COUNTRY and place.country in countries_named:
            score += 25.0  # Valencia with Spain named is the Spanish port, not Venezuela's
        if place.country not in _NEAR_COUNTRIES and place.id not in by_main:
            score -= 40.0  # "Puno" is one of Pune's spellings, but Puno is in Peru
        if cue_kind is not None and _kind_fits(cue_kind, place.kind):
            score += 60.0
        if anchors:
            near = min(
                (km_between(place, a) for a in anchors if a.id != place.id), default=math.inf
            )
            if near <= _NEAR_KM:
                score += 15.0
            local = [a for a in anchors if a.kind not in {PlaceKind.COUNTRY, PlaceKind.CONTINENT}]
            if (
                foreign_namesake
                and place.country == home
                and any(km_between(place, a) <= 120.0 for a in local)
            ):
                score += 50.0  # "Islandia" beside Santa Rosa is the Loreto town, not Iceland
            if place.parent_id and any(a.id == place.parent_id for a in anchors):
                score += 15.0
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
        if best is None or score > best[1]:
            best = (place, score, needs_support)
    return best


def _kind_of(gaz: Gazetteer, payload: _Payload) -> PlaceKind | None:
    place = gaz.get(payload.place_id)
    return place.kind if place else None


def _continent_of(gaz: Gazetteer, payload: _Payload) -> str | None:
    country = gaz.get(f"country:{_country_of(gaz, payload)}")
    return country.parent_id if country else None


def _country_of(gaz: Gazetteer, payload: _Payload) -> str | None:
    place = gaz.get(payload.place_id)
    return place.country if place else None


def _near_country(gaz: Gazetteer, payload: _Payload) -> bool:
    place = gaz.get(payload.place_id)
    return place is not None and place.country in _NEAR_COUNTRIES


def _kind_fits(cue: PlaceKind, kind: PlaceKind) -> bool:
    if cue is kind:
        return True
    return {cue, kind} <= {PlaceKind.VALLEY, PlaceKind.ZONE} or {cue, kind} <= {
        PlaceKind.TOWN, PlaceKind.DISTRICT}  # fmt: skip


def _supported(place: Place, anchors: list[Place]) -> bool:
    """A small or ambiguous place counts only near a stronger place named in the same text."""
    for anchor in anchors:
        if anchor.kind in {PlaceKind.COUNTRY, PlaceKind.CONTINENT}:
            continue
        if anchor.id == place.parent_id or km_between(place, anchor) <= 120.0:
            return True
    return False
