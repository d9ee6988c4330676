"""Places that a gazetteer lookup of single names misses or misreads, found from phrases.

In: the text, its tokens, the place mentions read so far, the spans actors claim and the
home country. Out:

- ``region_hints`` -> for names listed after "los distritos de" / "las provincias de"
  with their department ("... de Vilcabamba y Simón Bolívar (Pasco)"), that department;
- ``extra_mentions`` -> more ``PlaceMention``s:
  * a border named by its countries ("la frontera entre Perú, Colombia y Brasil", "the
    border between Peru and Bolivia"): the border or triple frontier, and a border name
    that holds a country ("border with Brazil") names that country too;
  * a name introduced by a common noun ("el sector conocido como 'Las Dos Lomas'", "la
    comunidad campesina San Juan de Dios"): a local place the gazetteer does not hold,
    placed at the nearest place the text names before it (id ``local:<slug>``);
  * a department written with one letter wrong ("Ucuyali") after a locative word or more
    than once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from pukara.extract.matcher import Hit, Token
from pukara.extract.placescore import Payload, PlaceMention
from pukara.extract.text import fold
from pukara.model import Place, PlaceKind
from pukara.refdata.gazetteer import Gazetteer, load_gazetteer

__all__ = ["extra_mentions", "merge_spans", "region_hints"]

_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][\w'’-]*"
_CONNECTOR = r"(?:de|del|de la|de las|de los|la|las|los|el|y|e)"
_PROPER = rf"{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_WORD}){{0,5}}"
_LIST_SEP = r"(?:\s*,\s*|\s+(?:y|e|and)\s+)"

# "los distritos de A, B y C (Pasco)", "las provincias de A y B, en la región Pasco"
_UNIT_LIST = re.compile(
    rf"\b(?:distritos|provincias|districts|provinces|distrito|provincia|district|province)"
    rf"\s+(?:de|of)\s+(?P<list>{_PROPER}(?:{_LIST_SEP}{_PROPER})*)\s*"
    rf"(?:\(\s*(?P<r1>{_PROPER})\s*\)|,?\s+(?:en|in)\s+(?:la\s+|the\s+)?(?:regi[oó]n\s+|"
    rf"departamento\s+|department\s+of\s+|region\s+of\s+)?(?:de\s+)?(?P<r2>{_PROPER}))"
)
# "la frontera entre Perú, Colombia y Brasil", "the border between Peru and Bolivia"
_BORDER = re.compile(
    rf"\b(?:(?:la\s+)?(?:triple\s+)?frontera|(?:the\s+)?(?:tri-?)?borders?|fronteras)\s+"
    rf"(?:entre|between|de|of|con|with)\s+(?:el\s+|the\s+)?"
    rf"(?P<list>{_NAME_WORD}(?:{_LIST_SEP}(?:el\s+|the\s+)?{_NAME_WORD}){{1,2}})"
)
# "el sector conocido como 'Las Dos Lomas'", "la comunidad campesina San Juan"
_LOCAL = re.compile(
    r"\b(?P<noun>sector|zona|paraje|lugar|caser[ií]o|anexo|centro\s+poblado|"
    r"comunidad(?:\s+(?:campesina|nativa))?|asentamiento(?:\s+humano)?|localidad|poblado|"
    r"quebrada|cerro|village|hamlet|settlement|community|area|place|site)\s+"
    r"(?:(?:conocid[oa]|denominad[oa]|llamad[oa])\s+(?:como\s+)?|(?:known|called)\s+(?:as\s+)?"
    r"|de\s+|of\s+)?"
    rf"(?P<q>[\"'“‘«])?(?P<name>{_PROPER})(?(q)[\"'”’»])"
)
_TOWNISH = ("caser", "anexo", "centro", "comunidad", "asentamiento", "localidad", "poblado",
            "village", "hamlet", "settlement", "community")  # fmt: skip
_LOCATIVE = {"in", "en", "at", "near", "cerca", "from", "desde", "hacia", "to", "a", "de", "of"}


def region_hints(
    text: str, hits: Sequence[Hit[Payload]], gaz: Gazetteer
) -> dict[int, tuple[str, PlaceKind]]:
    """Hit index -> the department and kind a list of districts or provinces names for it."""
    regions = _regions()
    out: dict[int, tuple[str, PlaceKind]] = {}
    for m in _UNIT_LIST.finditer(text):
        region = regions.get(fold(m.group("r1") or m.group("r2") or ""))
        if region is None:
            continue
        kind = PlaceKind.PROVINCE if fold(m.group()).startswith("provin") else PlaceKind.DISTRICT
        lo, hi = m.span("list")
        for n, h in enumerate(hits):
            if lo <= h.start and h.end <= hi:
                out[n] = (region, kind)
    return out


def extra_mentions(
    text: str,
    tokens: Sequence[Token],
    mentions: Sequence[PlaceMention],
    claimed: Sequence[tuple[int, int]],
    home: str,
) -> list[PlaceMention]:
    """Borders, countries inside border names, local places and misspelt departments."""
    gaz = load_gazetteer()
    out = _borders(text, mentions, gaz) + _border_countries(text, mentions, gaz)
    out += _local_places(text, mentions, claimed)
    taken = [(m.start, m.end) for m in (*mentions, *out)] + list(claimed)
    out += _misspelt(text, tokens, taken, gaz)
    return out


def _borders(text: str, mentions: Sequence[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    countries = {(m.start, m.end): m.place for m in mentions if m.place.kind is PlaceKind.COUNTRY}
    out = []
    for m in _BORDER.finditer(text):
        lo, hi = m.span("list")
        codes = frozenset(p.country for (s, e), p in countries.items() if lo <= s and e <= hi)
        if len(codes) < 2 or any(x.start <= m.start() < x.end for x in mentions):
            continue
        border = _border_places().get(frozenset(c for c in codes if c))
        if border is not None:
            head = m.group().split()[0 if not m.group().lower().startswith(("la ", "the ")) else 1]
            start = text.index(head, m.start())
            out.append(PlaceMention(start, start + len(head), head, border, 50.0))
    return out


def _border_countries(
    text: str, mentions: Sequence[PlaceMention], gaz: Gazetteer
) -> list[PlaceMention]:
    """ "border with Brazil", "frontera Perú-Bolivia": the countries a border name holds."""
    names = _country_names()
    out = []
    for m in mentions:
        if m.place.kind is not PlaceKind.BORDER:
            continue
        for w in re.finditer(r"[^\W\d_]+", m.surface):
            country = names.get(fold(w.group()))
            if country is not None:
                start = m.start + w.start()
                out.append(PlaceMention(start, start + len(w.group()), w.group(), country, 40.0))
    return out


def _local_places(
    text: str, mentions: Sequence[PlaceMention], claimed: Sequence[tuple[int, int]]
) -> list[PlaceMention]:
    """Local places named by a common noun; the gazetteer's shorter namesakes inside such a
    name ("Paita" in "Santa Inés de Paita") are for the caller to drop."""
    out = []
    for m in _LOCAL.finditer(text):
        start, end = m.span("name")
        name = m.group("name")
        inside = [x for x in mentions if start <= x.start and x.end <= end]
        if fold(name) in _known_names() or any(s <= start and end <= e for s, e in claimed):
            continue  # the gazetteer knows it, or an actor's name holds it
        if any(x.start < start < x.end or x.start < end < x.end for x in mentions):
            continue  # it overlaps a place the gazetteer read: leave that alone
        near = _nearest_before([x for x in mentions if x not in inside], start)
        kind = PlaceKind.TOWN if fold(m.group("noun")).startswith(_TOWNISH) else PlaceKind.OTHER
        place = Place(
            id=f"local:{'-'.join(fold(name).split())}",
            name=name,
            kind=kind,
            country=near.country if near else None,
            point=near.point if near else None,
            admin1=near.admin1 if near else None,
            admin1_id=near.admin1_id if near else None,
        )
        out.append(PlaceMention(start, end, name, place, 20.0))
    return out


def _nearest_before(mentions: Sequence[PlaceMention], at: int) -> Place | None:
    """The place named nearest to ``at`` (before it if any, else after): where a local
    place lies, as far as the text says."""
    before = [m for m in mentions if m.end <= at and m.place.kind is not PlaceKind.COUNTRY]
    if before:
        return max(before, key=lambda m: m.end).place
    after = [m for m in mentions if m.start >= at and m.place.kind is not PlaceKind.COUNTRY]
    return min(after, key=lambda m: m.start).place if after else None


def _misspelt(
    text: str, tokens: Sequence[Token], taken: list[tuple[int, int]], gaz: Gazetteer
) -> list[PlaceMention]:
    """A capitalised word one letter off a department's name ("Ucuyali"), not a known name,
    kept after a locative word or when the text writes it so more than once."""
    regions = _region_places()
    spans = merge_spans(taken)
    starts = [s for s, _ in spans]
    found: list[tuple[int, Token, Place]] = []
    for i, tok in enumerate(tokens):
        word = text[tok.start : tok.end]
        if len(word) < 6 or not word[0].isupper() or _covered(spans, starts, tok.start):
            continue
        if tok.norm in _known_names():
            continue
        region = next((r for key, r in regions.items() if _one_edit(tok.norm, key)), None)
        if region is not None:
            found.append((i, tok, region))
    counts: dict[str, int] = {}
    for _, tok, _ in found:
        counts[tok.norm] = counts.get(tok.norm, 0) + 1
    out = []
    for i, tok, region in found:
        cue = i > 0 and tokens[i - 1].norm in _LOCATIVE
        if cue or counts[tok.norm] > 1:
            out.append(PlaceMention(tok.start, tok.end, text[tok.start : tok.end], region, 30.0))
    return out


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` as sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _covered(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    """Whether ``at`` lies in the merged ``spans`` (their starts in ``starts``)."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < spans[i][1]


def _one_edit(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours apart (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Folded department name -> its name as the gazetteer's ``admin1`` gives it."""
    return {key: p.name for key, p in _region_places().items()}


@lru_cache(maxsize=1)
def _region_places() -> dict[str, Place]:
    places = (e.place for e in load_gazetteer().entries.values())
    return {fold(p.name): p for p in places if p.kind is PlaceKind.REGION and p.country == "PE"}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for e in load_gazetteer().entries.values():
        if e.place.kind is PlaceKind.COUNTRY:
            for name in e.names:
                if " " not in name and len(name) > 3:
                    out.setdefault(fold(name), e.place)
    return out


@lru_cache(maxsize=1)
def _border_places() -> dict[frozenset[str], Place]:
    out: dict[frozenset[str], Place] = {}
    for e in load_gazetteer().entries.values():
        kind = e.place.kind
        if e.countries and (
            kind is PlaceKind.BORDER or (kind is PlaceKind.ZONE and len(e.countries) > 2)
        ):
            out.setdefault(frozenset(e.countries), e.place)
    return out


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(fold(n) for e in load_gazetteer().entries.values() for n in e.names)
